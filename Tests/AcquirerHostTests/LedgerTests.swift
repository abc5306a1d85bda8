import Acquirer
import AcquirerHost
import Foundation
import Testing

@Suite struct LedgerTests {
    @Test func theLedgerSurvivesAHostRestart() throws {
        let path = temporaryPath("ledger.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var terminal = TerminalFrames()
        let saleFrame: [UInt8]
        do {
            let host = try makeHost(ledgerPath: path)
            var session = HostConnectionSession(host: host)
            try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
            saleFrame = try terminal.sale(card: "approve", amount: 2_000)
            #expect(try TerminalFrames.code(try #require(replies(&session, saleFrame).first)) == "00")
            #expect(try TerminalFrames.code(try #require(replies(&session, try terminal.sale(card: "pin-tries", amount: 1,
                                                                                         pin: "000000")).first)) == "55")
        }
        let restarted = try makeHost(ledgerPath: path)
        #expect(restarted.balance(ofCard: "approve") == Int64(100_000_000) - 2_000)
        #expect(restarted.currentBatch(terminal: terminal.identity.terminalID) == 1)
        var session = HostConnectionSession(host: restarted)
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        // The PIN try counted before the restart still counts: the second wrong PIN blocks.
        #expect(try TerminalFrames.code(try #require(replies(&session, try terminal.sale(card: "pin-tries", amount: 1,
                                                                                     pin: "000000")).first)) == "75")
        // The same STAN in the same batch is still a duplicate after the restart.
        var replay = terminal
        replay.stan = 1
        let duplicate = try replay.sale(card: "approve", amount: 2_000)
        #expect(try TerminalFrames.code(try #require(replies(&session, duplicate).first)) == "94")
        // Each line is one JSON object without PAN or PIN.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count >= 5)
        #expect(!text.contains("6222021000000005"))
        #expect(text.contains("622202******0005"))
        #expect(!text.contains("123456\""))
    }

    @Test func aDamagedLedgerNamesTheLine() throws {
        let path = temporaryPath("bad.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let good = #"{"batch":1,"code":"00","kind":"signOn","sequence":1,"stan":1,"terminal":"20000001","time":"t"}"#
        try (good + "\n{\"batch\": oops}\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: HostConfigurationError.invalidLedgerLine(line: 2, reason: "invalid JSON at top level")) {
            _ = try makeHost(ledgerPath: path)
        }
        try (good + "\n" + good).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try makeHost(ledgerPath: path)
            Issue.record("an unterminated last line was accepted")
        } catch HostConfigurationError.invalidLedgerLine(let line, _) {
            #expect(line == 2)
        }
    }
}

@Suite struct CardDatabaseTests {
    @Test func theBuiltInCardsAreValidAndDistinct() throws {
        let cards = CardDatabase.builtIn.cards
        #expect(cards.count == 12)
        #expect(Set(cards.map(\.pan)).count == cards.count)
        #expect(CardDatabase.builtIn.card(pan: "6222021000000005")?.name == "approve")
        #expect(CardDatabase.builtIn.card(named: "foreign")?.isDomestic == false)
        #expect(maskedPAN("6222021000000005") == "622202******0005")
    }

    @Test func aFileDefinesCardsAndTerminals() throws {
        let json = """
        {"cards": [{"name": "mine", "pan": "6222020000000001", "pin": "2468", "balance": 500, "limit": 400,
                    "expiry": "2912", "status": "lost"}],
         "terminals": [{"id": "20000001", "merchant": "898100012340001", "masterKey": "00112233445566778899AABBCCDDEEFF"}],
         "qrPasswordThreshold": 1000}
        """
        let database = try CardDatabase.load(json: Data(json.utf8))
        let card = try #require(database.card(named: "mine"))
        #expect(card.status == .lost)
        #expect(card.pinTries == 3 && card.pinRequired && card.scheme == "CUP")
        #expect(database.terminals["20000001"]?.masterKey?.count == 16)
        #expect(!database.acceptsAnyTerminal)
        #expect(database.qrPasswordThreshold == 1000)
    }

    @Test(arguments: [
        (#"{"cards": [{"name": "x"}]}"#, "missing key"),
        (#"{"cards": [{"name": "x", "pan": "12", "pin": "1234", "balance": 1, "limit": 1, "expiry": "3012"}]}"#, "pan must be"),
        (#"{"cards": [{"name": "x", "pan": "6222020000000001", "pin": "12", "balance": 1, "limit": 1, "expiry": "3012"}]}"#, "pin must be"),
        (#"{"cards": [{"name": "x", "pan": "6222020000000001", "pin": "1234", "balance": 1, "limit": 1, "expiry": "3013"}]}"#, "expiry"),
        (#"{"cards": [{"name": "x", "pan": "6222020000000001", "pin": "1234", "balance": 1, "limit": 1, "expiry": "3012"},{"name": "y", "pan": "6222020000000001", "pin": "1234", "balance": 1, "limit": 1, "expiry": "3012"}]}"#, "defined twice"),
        (#"{"terminals": [{"id": "1", "merchant": "898100012340001"}]}"#, "8 characters"),
        (#"{"terminals": [{"id": "20000001", "merchant": "898100012340001", "masterKey": "XYZ"}]}"#, "not hex"),
        ("not json", "invalid JSON"),
    ])
    func badFilesAreRefusedWithAReason(json: String, reason: String) throws {
        do {
            _ = try CardDatabase.load(json: Data(json.utf8))
            Issue.record("accepted: \(json)")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
            #expect(!error.description.contains("6222020000000001"))
        }
    }

    @Test func behaviourFilesAreValidated() throws {
        let good = #"{"behaviours": [{"terminal": "20000001", "kinds": ["sale"], "delayMs": 100, "times": 2}]}"#
        let set = try BehaviourSet.load(json: Data(good.utf8))
        #expect(set.rules.first?.delayMilliseconds == 100)
        #expect(throws: HostConfigurationError.self) {
            try BehaviourSet.load(json: Data(#"{"behaviours": [{"times": 0}]}"#.utf8))
        }
        #expect(throws: HostConfigurationError.self) {
            try BehaviourSet.load(json: Data(#"{"behaviours": [{"kinds": ["teleport"]}]}"#.utf8))
        }
    }
}
