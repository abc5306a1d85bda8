import Acquirer
import AcquirerHost
import CrossCheckSupport
import Foundation
import PostermHostServer
import Security
import Testing

/// The `--trace` file read by independent code: pyiso8583 with a CUP spec written here decodes
/// every frame, and psec recomputes every MAC and decrypts every PIN block from the documented
/// test TMK and the keys the host issued in its 0810s.
@Suite struct TraceCrossCheckTests {
    /// pyiso8583 spec for the CUP terminal link, the field list of protocol reference 3.
    static let script = #"""
import json, sys
import iso8583
import psec.des, psec.pinblock

def n(max_len, var=0, align="right"):
    spec = {"data_enc": "b", "len_enc": "bcd", "len_type": var, "max_len": max_len, "len_count": "nibbles",
            "desc": "n"}
    if var or align == "left":
        spec["right_pad"] = "0"
    else:
        spec["left_pad"] = "0"
    return spec

def text(max_len, var=0):
    return {"data_enc": "ascii", "len_enc": "bcd", "len_type": var, "max_len": max_len, "desc": "ans"}

def binary(max_len, var=0):
    return {"data_enc": "b", "len_enc": "bcd", "len_type": var, "max_len": max_len, "desc": "b"}

spec = {
    "h": {"data_enc": "b", "len_type": 0, "max_len": 0, "desc": "none"},
    "t": {"data_enc": "b", "len_enc": "ascii", "len_type": 0, "max_len": 2, "desc": "MTI"},
    "p": {"data_enc": "b", "len_enc": "ascii", "len_type": 0, "max_len": 8, "desc": "bitmap"},
    "1": {"data_enc": "b", "len_enc": "ascii", "len_type": 0, "max_len": 8, "desc": "bitmap"},
    "2": n(19, 1), "3": n(6), "4": n(12), "11": n(6), "12": n(6), "13": n(4), "14": n(4), "15": n(4),
    "22": n(3, 0, "left"), "23": n(3), "25": n(2), "26": n(2), "32": n(11, 1), "35": n(37, 1), "36": n(104, 2),
    "37": text(12), "38": text(6), "39": text(2), "41": text(8), "42": text(15), "44": text(25, 1),
    "48": n(322, 2), "49": text(3), "52": binary(8), "53": n(16), "54": text(20, 2), "55": binary(255, 2),
    "60": n(99, 2), "61": n(29, 2), "62": binary(512, 2), "63": text(163, 2), "64": binary(8),
}
tmk = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")

def cup_mac(mab, mak):
    mab = mab + bytes((8 - len(mab) % 8) % 8)
    r = bytes(8)
    for i in range(0, len(mab), 8):
        r = bytes(a ^ b for a, b in zip(r, mab[i:i + 8]))
    h = r.hex().upper().encode()
    key = mak + mak
    e1 = psec.des.encrypt_tdes_ecb(key, h[:8])
    e2 = psec.des.encrypt_tdes_ecb(key, bytes(a ^ b for a, b in zip(e1, h[8:])))
    return e2.hex().upper()[:8].encode()

keys = {}
summary = {"frames": 0, "macs": 0, "macFailures": [], "pins": [], "mtis": [], "errors": []}
for line in open(sys.argv[1]):
    record = json.loads(line)
    if record.get("note", "").startswith("rejected"):
        continue
    frame = bytes.fromhex(record["hex"])
    if int.from_bytes(frame[:2], "big") != len(frame) - 2 or frame[2] != 0x60:
        summary["errors"].append("bad prefix or TPDU")
        continue
    body = frame[13:]
    try:
        decoded, _ = iso8583.decode(body, spec)
    except Exception as error:
        summary["errors"].append(str(error))
        continue
    summary["frames"] += 1
    mti = decoded["t"]
    summary["mtis"].append(record["direction"] + mti)
    terminal = decoded.get("41")
    if terminal != record.get("terminal"):
        summary["errors"].append("terminal id differs")
    if mti == "0810" and decoded.get("39") == "00":
        field62 = bytes.fromhex(decoded["62"])
        pik = psec.des.decrypt_tdes_ecb(tmk, field62[0:16])
        mak = psec.des.decrypt_tdes_ecb(tmk, field62[20:28])
        if psec.des.generate_kcv(pik, 4) != field62[16:20] or psec.des.generate_kcv(mak + mak, 4) != field62[36:40]:
            summary["errors"].append("check value mismatch")
        keys[terminal] = (pik, mak)
    if "64" in decoded and terminal in keys:
        summary["macs"] += 1
        if cup_mac(body[:-8], keys[terminal][1]) != bytes.fromhex(decoded["64"]):
            summary["macFailures"].append(mti + " " + decoded.get("11", ""))
    if "52" in decoded and terminal in keys:
        clear = psec.des.decrypt_tdes_ecb(keys[terminal][0], bytes.fromhex(decoded["52"]))
        pan = decoded.get("2")
        summary["pins"].append([pan, psec.pinblock.decode_pinblock_iso_0(clear, pan)])
print(json.dumps(summary))
"""#

    struct Summary: Decodable {
        var frames: Int
        var macs: Int
        var macFailures: [String]
        var pins: [[String]]
        var mtis: [String]
        var errors: [String]
    }

    @Test func everyTracedFrameDecodesAndEveryMACAndPINRecomputes() throws {
        let path = temporaryPath("trace.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let traceFile = try TraceFile(path: path)
        let host = try makeHost(trace: { traceFile.write($0) })
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames(terminalID: "70000001")
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        // Approved and declined sales with PINs, a wrong PIN, a void, a reversal, QR, balance,
        // settlement and batch upload, an echo: every message type in one trace.
        let approved = try TerminalFrames.message(try #require(replies(&session, try terminal.sale(card: "approve", amount: 1_234)).first))
        _ = replies(&session, try terminal.sale(card: "low-balance", amount: 99_999))
        _ = replies(&session, try terminal.sale(card: "approve", amount: 5, pin: "999999"))
        let card = CardData(pan: "6222021000000005", expiry: "3012", entryMethod: .magneticStripe)
        let void = VoidRequest(stan: terminal.nextStan(), amount: 1_234, card: card, terminal: terminal.identity, batch: 1,
                               originalRRN: try #require(approved.text(37)), originalAuthorizationCode: approved.text(38),
                               original: OriginalTransaction(batch: 1, stan: 1 + 1))
        let voidMessage = try void.message()
        _ = replies(&session, try terminal.sealed(voidMessage))
        _ = replies(&session, try terminal.sealed(try ReversalRequest(reversing: voidMessage, reason: .noResponse).message))
        let qr = QRRequest(operation: .payment, stan: terminal.nextStan(), amount: 88, paymentCode: "134567890123456789",
                           terminal: terminal.identity, batch: 1)
        _ = replies(&session, try terminal.sealed(try qr.message()))
        let balance = BalanceInquiryRequest(stan: terminal.nextStan(), card: card, pin: nil, terminal: terminal.identity, batch: 1)
        _ = replies(&session, try terminal.sealed(try balance.message()))
        let settlement = SettlementRequest(stan: terminal.nextStan(), terminal: terminal.identity, batch: 1,
                                           totals: SettlementField(domestic: SettlementTotals(debitAmount: 1, debitCount: 1),
                                                                   foreign: SettlementTotals()))
        _ = replies(&session, try terminal.sealed(try settlement.message()))
        let upload = BatchUploadRequest(stan: terminal.nextStan(), terminal: terminal.identity, batch: 1,
                                        content: .records([BatchUploadRecord(organisation: .cup, stan: 2,
                                                                             pan: "6222021000000005", amount: 1_234)]))
        _ = replies(&session, try terminal.sealed(try upload.message()))
        let echo = ManagementRequest(function: .echoTest, stan: terminal.nextStan(), terminal: terminal.identity, batch: 2)
        _ = replies(&session, try TerminalFrames.frame(try MessageSpec.cup.pack(try echo.message())))

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 22)
        guard let output = try PythonCheck.run(modules: ["iso8583", "psec"], script: Self.script, arguments: [path]) else {
            return
        }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(output.utf8))
        #expect(summary.errors.isEmpty, "\(summary.errors)")
        #expect(summary.frames == 22)
        #expect(summary.macFailures.isEmpty, "\(summary.macFailures)")
        // Requests and answers of 0200 x7, 0400, 0500, 0320 carry MACs; 0800/0810/0820 do not.
        #expect(summary.macs >= 18)
        #expect(summary.pins.map { $0[1] } == ["123456", "123456", "999999"])
        for mti in ["0800", "0200", "0400", "0500", "0320", "0820"] {
            #expect(summary.mtis.contains("in" + mti))
        }
        for mti in ["0810", "0210", "0410", "0510", "0330", "0830"] {
            #expect(summary.mtis.contains("out" + mti))
        }
    }
}
