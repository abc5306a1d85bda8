import Acquirer
import AcquirerHost
import Foundation
import Security
import Testing
import struct Journal.SeededRandom

/// Builds the frames a terminal sends, straight from the Acquirer message types and the test
/// TMK, so host tests need no client.
struct TerminalFrames {
    let identity: TerminalIdentity
    var keys: WorkingKeys?
    var batch = 1
    var stan = 0

    init(terminalID: String = "20000001", merchantID: String = "898100012340001") {
        identity = TerminalIdentity(terminalID: terminalID, merchantID: merchantID)
    }

    static func frame(_ body: [UInt8]) throws -> [UInt8] {
        try Frame(tpdu: TPDU(destination: 3, originator: 0), header: MessageHeader(softwareVersion: 31, subVersion: 310_000),
                  body: body).encoded()
    }

    mutating func nextStan() -> Int {
        stan += 1
        return stan
    }

    mutating func signOn() throws -> [UInt8] {
        try Self.frame(try MessageSpec.cup.pack(try SignOnRequest(stan: nextStan(), terminal: identity, batch: batch).message()))
    }

    /// Reads the 0810, decrypting and checking the keys with the test TMK.
    mutating func accept(signOnReply reply: [UInt8]) throws {
        let response = try HostResponse(try Self.message(reply))
        #expect(response.responseCode == "00")
        let signOn = try response.signOn()
        keys = try KeyDownload.decode(field62: try #require(response.privateData), mode: .doubleLength,
                                      masterKey: TestKeys.terminalMasterKey)
        batch = signOn.batch
    }

    func sealed(_ message: ISO8583Message) throws -> [UInt8] {
        let pending = try MessageSpec.cup.packForMAC(message)
        let key = try #require(keys?.macKey)
        return try Self.frame(try pending.sealed(with: try MAC.cupECB(Array(pending.macInput), key: key)))
    }

    mutating func sale(card name: String, amount: Int64, pin: String? = nil) throws -> [UInt8] {
        let card = try #require(CardDatabase.builtIn.card(named: name))
        let pinKey = try #require(keys?.pinKey)
        let block = try ISO9564.encryptFormat0(pin: Array((pin ?? card.pin).utf8).map { $0 - 0x30 }, pan: card.pan,
                                               key: pinKey)
        let sale = SaleRequest(stan: nextStan(), amount: amount,
                               card: CardData(pan: card.pan, expiry: card.expiry, entryMethod: .magneticStripe),
                               pin: PINData(block: block.bytes), terminal: identity, batch: batch)
        return try sealed(try sale.message())
    }

    /// The body of a prefixed frame, unpacked.
    static func message(_ frame: [UInt8]) throws -> ISO8583Message {
        try MessageSpec.cup.unpack(Array(frame.dropFirst(2 + TPDU.byteCount + MessageHeader.byteCount)))
    }

    /// Field 39 of a reply frame.
    static func code(_ frame: [UInt8]) throws -> String? {
        try message(frame).text(39)
    }
}

/// Mutates real frames the way fuzzers do: flip bits, overwrite bytes, truncate, extend with
/// garbage, splice two frames, rewrite the length prefix.
enum FrameMutator {
    static func mutate(_ frame: [UInt8], other: [UInt8], using generator: inout SeededRandom) -> [UInt8] {
        var bytes = frame
        guard !bytes.isEmpty else { return bytes }
        switch generator.next() % 7 {
        case 0:
            let index = Int(generator.next() % UInt64(bytes.count))
            bytes[index] ^= UInt8(1 << (generator.next() % 8))
        case 1:
            for _ in 0..<(1 + generator.next() % 4) {
                bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
        case 2:
            bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
        case 3:
            bytes += (0..<(1 + generator.next() % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        case 4:
            let cut = Int(generator.next() % UInt64(bytes.count))
            bytes = Array(bytes.prefix(cut)) + other.dropFirst(min(cut, other.count))
        case 5:
            let length = UInt16(truncatingIfNeeded: generator.next())
            bytes[0] = UInt8(length >> 8)
            if bytes.count > 1 { bytes[1] = UInt8(length & 0xFF) }
        default:
            // Keep the prefix honest but corrupt the body: exercises the codec, not the framer.
            if bytes.count > 22 {
                let index = 15 + Int(generator.next() % UInt64(bytes.count - 15))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
        }
        return bytes
    }
}

/// A fresh engine with seeded keys and a fixed clock.
func makeHost(cards: CardDatabase = .builtIn, behaviours: [BehaviourRule] = [], ledgerPath: String? = nil,
              trace: (@Sendable (TraceRecord) -> Void)? = nil) throws -> AcquirerHost {
    var configuration = HostConfiguration(cards: cards, keySource: .seeded(11), trace: trace)
    configuration.behaviours = try BehaviourSet(rules: behaviours)
    configuration.clock = { Date(timeIntervalSince1970: 1_780_000_000) }
    return try AcquirerHost(configuration: configuration, ledgerPath: ledgerPath)
}

/// The reply frames a session produced for `bytes`.
func replies(_ session: inout HostConnectionSession, _ bytes: [UInt8]) -> [[UInt8]] {
    session.receive(bytes).compactMap {
        if case .send(let frame, _) = $0 { return frame }
        return nil
    }
}

/// A temporary file path, removed by the caller.
func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("posterm-host-\(UUID().uuidString)-\(name)").path
}
