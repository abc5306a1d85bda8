import Foundation
import Logging
import Testing
@testable import Firmware

/// Sales end to end through the control protocol on simulated time: the real terminal, its host
/// client, real ISO 8583 frames to the embedded acquirer host, real PIN blocks from the mock PIN
/// pad's secure element, and the real journal in a flash image file.
@Suite struct PaymentFlowTests {
    static let approvePAN = "6222021000000005"

    /// A booted terminal on a fresh flash image file; the caller removes the directory.
    private func booted() throws -> (SimulatedTerminal, String) {
        let directory = NSTemporaryDirectory() + "posterm-pay-\(UUID().uuidString)"
        let store = JournalTerminalStore.fileBacked(path: directory + "/flash.img", logger: Logger(label: "test"))
        let terminal = try SimulatedTerminal(store: store)
        terminal.send(#"{"op":"power","action":"on"}"#)
        try expectOK(terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#))
        return (terminal, directory)
    }

    private func expectOK(_ reply: [String: Any], _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(reply["ok"] as? Bool == true, "\(what) \(reply)", sourceLocation: sourceLocation)
    }

    private func keys(_ terminal: SimulatedTerminal, _ keys: [String]) throws {
        let list = keys.map { "\"\($0)\"" }.joined(separator: ",")
        try expectOK(terminal.send(#"{"op":"keys","keys":[\#(list)]}"#), "keys \(keys)")
    }

    private func wait(_ terminal: SimulatedTerminal, _ screen: String, ms: Int = 5_000) throws {
        try expectOK(terminal.send(#"{"op":"wait","screen":"\#(screen)","timeout_ms":\#(ms)}"#), "wait \(screen)")
    }

    private func screenText(_ terminal: SimulatedTerminal) -> String {
        let reply = terminal.send(#"{"op":"screen"}"#)
        return ((reply["title"] as? String ?? "") + "\n" + (reply["lines"] as? [String] ?? []).joined(separator: "\n"))
    }

    private func status(_ terminal: SimulatedTerminal) -> [String: Any] { terminal.send(#"{"op":"status"}"#) }

    private func hostStats(_ terminal: SimulatedTerminal) -> [String: Any] {
        terminal.send(#"{"op":"host","action":"stats"}"#)
    }

    private func signIn(_ terminal: SimulatedTerminal) throws {
        try keys(terminal, ["ENTER", "9", "9", "ENTER", "1", "2", "3", "4", "5", "6", "7", "8", "ENTER"])
        try wait(terminal, "menu.main")
    }

    /// Runs a sale to its result screen and returns the screen text seen on the way.
    @discardableResult
    private func sale(_ terminal: SimulatedTerminal, amount: String, pan: String, pin: String) throws -> String {
        var seen = ""
        try keys(terminal, ["6"] + amount.map(String.init) + ["ENTER"])
        try wait(terminal, "sale.card")
        try expectOK(terminal.send(#"{"op":"card","action":"swipe","track2":"\#(pan)=30121010000000000"}"#))
        try wait(terminal, "sale.confirm")
        seen += screenText(terminal)
        try keys(terminal, ["ENTER"])
        try wait(terminal, "sale.pin")
        let digits = pin.map { "\"\($0)\"" }.joined(separator: ",")
        try expectOK(terminal.send(#"{"op":"pinpad","keys":[\#(digits),"ENTER"]}"#))
        seen += screenText(terminal)
        try wait(terminal, "sale.result", ms: 300_000)
        seen += screenText(terminal)
        return seen
    }

    @Test func signOnThenAnApprovedSalePrintsMaskedSlipsAndLogsNoFullPAN() throws {
        let (terminal, directory) = try booted()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(status(terminal)["signed_on"] as? Bool == false)
        try signIn(terminal)
        var current = status(terminal)
        #expect(current["signed_on"] as? Bool == true)
        #expect(current["batch_number"] as? Int == 1)
        #expect(current["pending_reversal"] as? Bool == false)
        let opening = try #require(terminal.send(#"{"op":"host","action":"balance","card":"approve"}"#)["balance"] as? Int)

        let seen = try sale(terminal, amount: "1234", pan: Self.approvePAN, pin: "123456")
        #expect(seen.contains("交易成功"))
        #expect(seen.contains("622202******0005"))
        #expect(!seen.contains(Self.approvePAN))
        current = status(terminal)
        #expect(current["transactions"] as? Int == 1)
        #expect(terminal.send(#"{"op":"host","action":"balance","card":"approve"}"#)["balance"] as? Int == opening - 1234)

        let documents = try #require(terminal.send(#"{"op":"printed","since":0}"#)["documents"] as? [[String: Any]])
        #expect(documents.map { $0["kind"] as? String } == ["merchant_copy", "customer_copy"])
        for document in documents {
            let text = document["text"] as? String ?? ""
            #expect(text.contains("622202******0005"))
            #expect(!text.contains(Self.approvePAN))
            #expect(text.contains("12.34"))
            #expect(text.contains("POSTERM DEMO"))
        }
        let stats = hostStats(terminal)
        #expect(stats["frames_by_mti"] as? [String: Int] == ["0800": 1, "0200": 1])
        #expect(stats["approvals"] as? Int == 2)

        // The journal holds the masked PAN and never the full one.
        let image = try Data(contentsOf: URL(fileURLWithPath: directory + "/flash.img"))
        #expect(image.range(of: Data("622202******0005".utf8)) != nil)
        #expect(image.range(of: Data(Self.approvePAN.utf8)) == nil)
    }

    @Test(arguments: [
        ("6222021000000013", "2000", "123456", "51"),  // low-balance: 10.00 on the card
        (PaymentFlowTests.approvePAN, "100", "111111", "55"),  // wrong PIN
    ])
    func declinesShowTheResponseCode(pan: String, amount: String, pin: String, code: String) throws {
        let (terminal, directory) = try booted()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try signIn(terminal)
        let seen = try sale(terminal, amount: amount, pan: pan, pin: pin)
        #expect(seen.contains(code))
        #expect(seen.contains("交易失败"))
        #expect((terminal.send(#"{"op":"printed","since":0}"#)["documents"] as? [Any])?.isEmpty == true)
        try keys(terminal, ["ENTER"])
        try wait(terminal, "menu.main")
    }

    @Test func noReplyMidSaleSendsExactlyOneReversalBeforeTheNextSaleAcrossAPowerCut() throws {
        let (terminal, directory) = try booted()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try signIn(terminal)
        let traceAfterSignOn = try #require(status(terminal)["trace_number"] as? Int)
        try expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":true}"#))
        let seen = try sale(terminal, amount: "500", pan: Self.approvePAN, pin: "123456")
        #expect(seen.contains("冲正"))
        var current = status(terminal)
        #expect(current["pending_reversal"] as? Bool == true)
        let traceAfterFailure = try #require(current["trace_number"] as? Int)
        #expect(traceAfterFailure > traceAfterSignOn)
        #expect(hostStats(terminal)["reversals_received"] as? Int == 0)

        // Power cut with the host still silent: the record survives; the power-on attempts fail.
        terminal.send(#"{"op":"power","action":"cut"}"#)
        terminal.send(#"{"op":"power","action":"on"}"#)
        try wait(terminal, "idle")
        try expectOK(terminal.send(#"{"op":"advance","ms":200000}"#))
        current = status(terminal)
        #expect(current["pending_reversal"] as? Bool == true)
        #expect(current["trace_number"] as? Int == traceAfterFailure)
        #expect(hostStats(terminal)["reversals_received"] as? Int == 0)

        // The host answers again: the next sale delivers the reversal first, then is approved.
        try expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":false}"#))
        try signIn(terminal)
        let second = try sale(terminal, amount: "100", pan: Self.approvePAN, pin: "123456")
        #expect(second.contains("交易成功"))
        let stats = hostStats(terminal)
        #expect(stats["reversals_received"] as? Int == 1)
        let recent = try #require(stats["recent_mtis"] as? [String])
        #expect(recent.suffix(2) == ["0400", "0200"])
        current = status(terminal)
        #expect(current["pending_reversal"] as? Bool == false)
        #expect(try #require(current["trace_number"] as? Int) > traceAfterFailure)
        // Nothing more arrives later.
        try expectOK(terminal.send(#"{"op":"advance","ms":120000}"#))
        #expect(hostStats(terminal)["reversals_received"] as? Int == 1)
    }

    @Test func aPendingReversalGoesOutAtPowerOnWhenTheHostIsReachable() throws {
        let (terminal, directory) = try booted()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try signIn(terminal)
        try expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":true}"#))
        try sale(terminal, amount: "500", pan: Self.approvePAN, pin: "123456")
        terminal.send(#"{"op":"power","action":"cut"}"#)
        try expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":false}"#))
        terminal.send(#"{"op":"power","action":"on"}"#)
        try wait(terminal, "idle")
        try expectOK(terminal.send(#"{"op":"advance","ms":1000}"#))
        #expect(status(terminal)["pending_reversal"] as? Bool == false)
        #expect(hostStats(terminal)["reversals_received"] as? Int == 1)
    }

    @Test func theHostOpNeedsAnEmbeddedHostAndAKnownAction() throws {
        let (terminal, directory) = try booted()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(terminal.send(#"{"op":"host","action":"reboot"}"#)["error"] as? String == "bad_argument")
        #expect(terminal.send(#"{"op":"host","action":"balance","card":"nobody"}"#)["error"] as? String == "bad_argument")
        let board = SimulatedTerminal.mockBoardText.replacingOccurrences(of: "host: embedded", with: "host: none")
        let bare = try SimulatedTerminal(boardText: board)
        #expect(bare.send(#"{"op":"host","action":"stats"}"#)["error"] as? String == "not_simulated")
    }
}
