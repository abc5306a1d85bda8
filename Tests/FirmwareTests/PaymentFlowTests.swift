import Foundation
import Logging
import Testing
@testable import Firmware

/// Sales end to end through the control protocol on simulated time: the real terminal, its host
/// client, real ISO 8583 frames to the embedded acquirer host, real PIN blocks from the mock PIN
/// pad's secure element, and the real journal in a flash image file.
@Suite struct PaymentFlowTests {
    static let approvePAN = "6222021000000005"

    @Test func signOnThenAnApprovedSalePrintsMaskedSlipsAndLogsNoFullPAN() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(terminal.status["signed_on"] as? Bool == false)
        try terminal.signIn()
        var current = terminal.status
        #expect(current["signed_on"] as? Bool == true)
        #expect(current["batch_number"] as? Int == 1)
        #expect(current["pending_reversal"] as? Bool == false)
        let opening = try #require(terminal.send(#"{"op":"host","action":"balance","card":"approve"}"#)["balance"] as? Int)

        let seen = try terminal.sale(amount: "1234", pan: Self.approvePAN, pin: "123456")
        #expect(seen.contains("交易成功"))
        #expect(seen.contains("622202******0005"))
        #expect(!seen.contains(Self.approvePAN))
        current = terminal.status
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
        let stats = terminal.hostStats
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
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.signIn()
        let seen = try terminal.sale(amount: amount, pan: pan, pin: pin)
        #expect(seen.contains(code))
        #expect(seen.contains("交易失败"))
        #expect((terminal.send(#"{"op":"printed","since":0}"#)["documents"] as? [Any])?.isEmpty == true)
        try terminal.keys(["ENTER"])
        try terminal.wait("menu.main")
    }

    @Test func noReplyMidSaleSendsExactlyOneReversalBeforeTheNextSaleAcrossAPowerCut() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.signIn()
        let traceAfterSignOn = try #require(terminal.status["trace_number"] as? Int)
        try terminal.expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":true}"#))
        let seen = try terminal.sale(amount: "500", pan: Self.approvePAN, pin: "123456")
        #expect(seen.contains("冲正"))
        var current = terminal.status
        #expect(current["pending_reversal"] as? Bool == true)
        let traceAfterFailure = try #require(current["trace_number"] as? Int)
        #expect(traceAfterFailure > traceAfterSignOn)
        #expect(terminal.hostStats["reversals_received"] as? Int == 0)

        // Power cut with the host still silent: the record survives; the power-on attempts fail.
        terminal.send(#"{"op":"power","action":"cut"}"#)
        terminal.send(#"{"op":"power","action":"on"}"#)
        try terminal.wait("idle")
        try terminal.expectOK(terminal.send(#"{"op":"advance","ms":200000}"#))
        current = terminal.status
        #expect(current["pending_reversal"] as? Bool == true)
        #expect(current["trace_number"] as? Int == traceAfterFailure)
        #expect(terminal.hostStats["reversals_received"] as? Int == 0)

        // The host answers again: the next sale delivers the reversal first, then is approved.
        try terminal.expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":false}"#))
        try terminal.signIn()
        let second = try terminal.sale(amount: "100", pan: Self.approvePAN, pin: "123456")
        #expect(second.contains("交易成功"))
        let stats = terminal.hostStats
        #expect(stats["reversals_received"] as? Int == 1)
        let recent = try #require(stats["recent_mtis"] as? [String])
        #expect(recent.suffix(2) == ["0400", "0200"])
        current = terminal.status
        #expect(current["pending_reversal"] as? Bool == false)
        #expect(try #require(current["trace_number"] as? Int) > traceAfterFailure)
        // Nothing more arrives later.
        try terminal.expectOK(terminal.send(#"{"op":"advance","ms":120000}"#))
        #expect(terminal.hostStats["reversals_received"] as? Int == 1)
    }

    /// The host itself goes silent: it books the sale and withholds the answer, as when a real
    /// reply is lost. The reversal that reaches it later undoes the booking.
    @Test func aHostThatBooksButDoesNotAnswerGetsOneReversalThatUndoesTheSale() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.signIn()
        let opening = try #require(terminal.send(#"{"op":"host","action":"balance","card":"approve"}"#)["balance"] as? Int)
        let rule = #"{"op":"host","action":"behaviour","rule":{"kinds":["sale"],"noReply":true,"times":1}}"#
        #expect(terminal.send(rule)["behaviours"] as? Int == 1)
        let seen = try terminal.sale(amount: "700", pan: Self.approvePAN, pin: "123456")
        #expect(seen.contains("冲正"))
        #expect(terminal.send(#"{"op":"host","action":"balance","card":"approve"}"#)["balance"] as? Int == opening - 700)
        terminal.send(#"{"op":"power","action":"cut"}"#)
        terminal.send(#"{"op":"power","action":"on"}"#)
        try terminal.wait("idle")
        try terminal.expectOK(terminal.send(#"{"op":"advance","ms":1000}"#))
        #expect(terminal.hostStats["reversals_received"] as? Int == 1)
        #expect(terminal.send(#"{"op":"host","action":"balance","card":"approve"}"#)["balance"] as? Int == opening)
        #expect(terminal.status["pending_reversal"] as? Bool == false)
        try terminal.signIn()
        try terminal.sale(amount: "100", pan: Self.approvePAN, pin: "123456")
        #expect(terminal.hostStats["reversals_received"] as? Int == 1)
        #expect(terminal.send(#"{"op":"host","action":"balance","card":"approve"}"#)["balance"] as? Int == opening - 100)
    }

    @Test func aPendingReversalGoesOutAtPowerOnWhenTheHostIsReachable() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.signIn()
        try terminal.expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":true}"#))
        try terminal.sale(amount: "500", pan: Self.approvePAN, pin: "123456")
        terminal.send(#"{"op":"power","action":"cut"}"#)
        try terminal.expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":false}"#))
        terminal.send(#"{"op":"power","action":"on"}"#)
        try terminal.wait("idle")
        try terminal.expectOK(terminal.send(#"{"op":"advance","ms":1000}"#))
        #expect(terminal.status["pending_reversal"] as? Bool == false)
        #expect(terminal.hostStats["reversals_received"] as? Int == 1)
    }

    @Test func theHostOpNeedsAnEmbeddedHostAndAKnownAction() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(terminal.send(#"{"op":"host","action":"reboot"}"#)["error"] as? String == "bad_argument")
        #expect(terminal.send(#"{"op":"host","action":"balance","card":"nobody"}"#)["error"] as? String == "bad_argument")
        #expect(terminal.send(#"{"op":"host","action":"behaviour","rule":{"responseCode":"XYZ"}}"#)["error"] as? String
                == "bad_argument")
        #expect(terminal.send(#"{"op":"host","action":"behaviour","rule":{"noReply":"yes"}}"#)["error"] as? String
                == "bad_argument")
        #expect(terminal.send(#"{"op":"host","action":"behaviour","rule":{"responseCode":"05"}}"#)["behaviours"] as? Int == 1)
        #expect(terminal.send(#"{"op":"host","action":"clear"}"#)["behaviours"] as? Int == 0)
        let board = SimulatedTerminal.mockBoardText.replacingOccurrences(of: "host: embedded", with: "host: none")
        let bare = try SimulatedTerminal(boardText: board)
        #expect(bare.send(#"{"op":"host","action":"stats"}"#)["error"] as? String == "not_simulated")
    }
}
