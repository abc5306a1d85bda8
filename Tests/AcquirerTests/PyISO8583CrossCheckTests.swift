import Foundation
import Testing
import CrossCheckSupport
@testable import Acquirer

/// A CUP spec for pyiso8583 written independently of the Swift one, from protocol reference
/// sections 2 and 3: it decodes every message the Swift code builds, then re-encodes it, and
/// the test compares field values and bytes.
private let pyiso8583Script = #"""
import json, sys
import iso8583

def bcd(length, prefix=0, left_aligned=False):
    field = {"data_enc": "b", "len_enc": "bcd", "len_type": prefix, "max_len": length, "len_count": "nibbles"}
    field["right_pad" if left_aligned else "left_pad"] = "0"
    return field

def text(length, prefix=0):
    return {"data_enc": "latin-1", "len_enc": "bcd", "len_type": prefix, "max_len": length}

def binary(length, prefix=0):
    return {"data_enc": "b", "len_enc": "bcd", "len_type": prefix, "max_len": length}

LL, LLL = 1, 2
spec = {
    "h": {"data_enc": "ascii", "len_enc": "ascii", "len_type": 0, "max_len": 0},
    "t": binary(2), "p": binary(8), "1": binary(8),
    "2": bcd(19, LL, True), "3": bcd(6), "4": bcd(12), "11": bcd(6),
    "12": bcd(6), "13": bcd(4), "14": bcd(4), "15": bcd(4),
    "22": bcd(3, 0, True), "23": bcd(3), "25": bcd(2), "26": bcd(2),
    "32": bcd(11, LL, True), "35": bcd(37, LL, True), "36": bcd(104, LLL, True),
    "37": text(12), "38": text(6), "39": text(2), "41": text(8), "42": text(15), "44": text(25, LL),
    "48": bcd(322, LLL, True), "49": text(3), "52": binary(8), "53": bcd(16),
    "54": text(20, LLL), "55": binary(255, LLL), "60": bcd(99, LLL, True),
    "61": bcd(29, LLL, True), "62": binary(512, LLL), "63": text(163, LLL), "64": binary(8),
}
track_fields = {"35", "36"}
results = []
for line in sys.stdin:
    name, body_hex = line.rstrip("\n").split("\t")
    body = bytes.fromhex(body_hex)
    decoded, _ = iso8583.decode(body, spec)
    fields = {}
    for key, value in decoded.items():
        if key in ("h", "p", "1"):
            continue
        if key in track_fields:
            value = value.replace("D", "=")
        elif key != "t" and spec[key]["data_enc"] == "b" and "len_count" not in spec[key]:
            value = value.upper()
        fields[key] = value
    reencoded, _ = iso8583.encode(dict(decoded), spec)
    results.append({"name": name, "fields": fields, "reencoded": bytes(reencoded).hex().upper()})
print(json.dumps(results))
"""#

@Suite("pyiso8583 cross-check")
struct PyISO8583CrossCheckTests {
    @Test func pyiso8583DecodesEveryMessageTypeToTheSameValues() throws {
        var bodies: [(String, [UInt8], ISO8583Message)] = []
        for (name, message) in try Fixtures.messages() {
            let body = try MessageSpec.cup.packForMAC(message).sealed(with: Fixtures.mac)
            bodies.append((name, body, try MessageSpec.cup.unpack(body)))
        }
        // The published sample too: its MAC, 62 TLV and odd-length 60 are real-world bytes.
        let sample = try Frame(unprefixed: try hexBytes(sampleFrameHex)[2...]).body
        bodies.append(("published QR sale", sample, try MessageSpec.cup.unpack(sample)))
        let input = bodies.map { "\($0.0)\t\(hex($0.1))\n" }.joined()
        guard let output = try PythonCheck.run(modules: ["iso8583"], script: pyiso8583Script, input: input) else {
            return
        }
        let results = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        try #require(results.count == bodies.count)
        for ((name, body, message), result) in zip(bodies, results) {
            let fields = try #require(result["fields"] as? [String: String])
            #expect(fields["t"] == message.mti.description, "\(name): MTI")
            var expected: [String: String] = [:]
            for number in message.fieldNumbers {
                let spec = try #require(MessageSpec.cup.field(number))
                expected[String(number)] = spec.type == .b ? hex(try #require(message[number]))
                    : String(decoding: try #require(message[number]), as: Unicode.ASCII.self)
            }
            for (key, value) in expected { #expect(fields[key] == value, "\(name): field \(key)") }
            #expect(Set(fields.keys.filter { $0 != "t" }) == Set(expected.keys), "\(name): field set")
            #expect(result["reencoded"] as? String == hex(body), "\(name): pyiso8583 re-encodes other bytes")
        }
    }
}
