import Foundation
import Logging
import Testing
@testable import Firmware

/// Chip and contactless sales, a card without PIN, a failed sign-on, the PIN pad's timeout, and
/// byte-for-byte replay of a sale.
@Suite struct PaymentEdgeTests {
    @Test(arguments: ["insert", "tap"])
    func chipAndContactlessSalesAreApproved(action: String) throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.signIn()
        let present = #"{"op":"card","action":"\#(action)","card":{"pan":"6222021000000005","expiry":"3012","pan_sequence":"001"}}"#
        let seen = try terminal.sale(amount: "250", present: present, pin: "123456")
        #expect(seen.contains("交易成功"))
        let documents = try #require(terminal.send(#"{"op":"printed","since":0}"#)["documents"] as? [[String: Any]])
        #expect((documents.first?["text"] as? String)?.contains(action == "insert" ? "插卡" : "挥卡") == true)
    }

    @Test func aCardWithoutPINIsApprovedWithAnEmptyPIN() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.signIn()
        let seen = try terminal.sale(amount: "300", pan: "6222021000000096", pin: "")
        #expect(seen.contains("交易成功"))
    }

    @Test func aFailedSignOnShowsTheReasonAndTheOperatorStaysSignedIn() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"refused","active":true}"#))
        try terminal.keys(["ENTER", "9", "9", "ENTER", "1", "2", "3", "4", "5", "6", "7", "8", "ENTER"])
        try terminal.wait("message.error")
        #expect(terminal.screenText.contains("签到失败"))
        #expect(terminal.screenText.contains("无法连接主机"))
        try terminal.keys(["ENTER"])
        try terminal.wait("menu.main")
        #expect(terminal.status["operator"] as? String == "99")
        #expect(terminal.status["signed_on"] as? Bool == false)
        // The sale signs on first, and succeeds once the host answers.
        try terminal.expectOK(terminal.send(#"{"op":"fault","device":"host","fault":"refused","active":false}"#))
        try terminal.keys(["6"])
        try terminal.wait("sale.amount")
        #expect(terminal.status["signed_on"] as? Bool == true)
    }

    @Test func pinEntryEndsWithThePINPadTimeoutAndNothingGoesOnline() throws {
        let (terminal, directory) = try SimulatedTerminal.bootedOnFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try terminal.signIn()
        try terminal.keys(["6", "1", "0", "0", "ENTER"])
        try terminal.wait("sale.card")
        #expect(terminal.send(#"{"op":"card","action":"swipe","track2":"6222021000000005=3012101"}"#)["ok"] as? Bool == true)
        try terminal.wait("sale.confirm")
        try terminal.keys(["ENTER"])
        try terminal.wait("sale.pin")
        #expect((terminal.status["devices"] as? [String: Any])?["pinpad_collecting"] as? Bool == true)
        let timedOut = terminal.send(#"{"op":"wait","screen":"message.error","timeout_ms":120000}"#)
        #expect(timedOut["waited_ms"] as? Int == 60_000)
        #expect(terminal.screenText.contains("输入密码超时"))
        #expect((terminal.status["devices"] as? [String: Any])?["pinpad_collecting"] as? Bool == false)
        try terminal.keys(["ENTER"])
        try terminal.wait("menu.main")
        #expect(terminal.status["transactions"] as? Int == 0)
        #expect((terminal.hostStats["frames_by_mti"] as? [String: Int])?["0200"] == nil)
    }

    /// Replies, receipts, host traffic and the flash image are the same on every run.
    @Test func aSaleReplaysByteForByte() throws {
        let script = """
        {"op":"power","action":"on"}
        {"op":"wait","screen":"idle","timeout_ms":5000}
        {"op":"keys","keys":["ENTER","9","9","ENTER","1","2","3","4","5","6","7","8","ENTER"]}
        {"op":"wait","screen":"menu.main","timeout_ms":5000}
        {"op":"keys","keys":["6","8","8","8","ENTER"]}
        {"op":"card","action":"swipe","track2":"6222021000000005=30121010000000000"}
        {"op":"keys","keys":["ENTER"]}
        {"op":"pinpad","keys":["1","2","3","4","5","6","ENTER"]}
        {"op":"wait","screen":"sale.result","timeout_ms":60000}
        {"op":"screen"}
        {"op":"printed","since":0}
        {"op":"status"}
        {"op":"host","action":"stats"}
        """
        /// The replies and the flash image of one run.
        func run() throws -> (String, Data) {
            let directory = NSTemporaryDirectory() + "posterm-replay-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let terminal = try SimulatedTerminal(store: .fileBacked(path: directory + "/flash.img", logger: Logger(label: "test")))
            var lines: [String] = []
            let outcome = ScriptRunner.run(script, dispatcher: terminal.dispatcher) { lines.append($0) }
            #expect(outcome.failedWaitLine == nil)
            return (lines.joined(separator: "\n"), try Data(contentsOf: URL(fileURLWithPath: directory + "/flash.img")))
        }
        let (first, firstImage) = try run()
        #expect(first.contains("交易成功"))
        #expect(!first.contains("\"ok\":false"))
        let (second, secondImage) = try run()
        #expect(first == second)
        #expect(firstImage == secondImage, "the flash images differ")
    }
}

/// A new process on the same flash image: a fresh PIN pad (no working keys) and a fresh host.
@Suite struct PaymentRestartTests {
    @Test func aNewProcessSignsOnAgainAndKeepsCountingTraceNumbers() throws {
        let directory = NSTemporaryDirectory() + "posterm-restart-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/flash.img"
        func boot() throws -> SimulatedTerminal {
            let terminal = try SimulatedTerminal(store: .fileBacked(path: path, logger: Logger(label: "test")))
            terminal.send(#"{"op":"power","action":"on"}"#)
            try terminal.wait("idle")
            return terminal
        }
        var traceBefore = 0
        do {
            let first = try boot()
            try first.signIn()
            try first.sale(amount: "100", pan: "6222021000000005", pin: "123456")
            traceBefore = try #require(first.status["trace_number"] as? Int)
        }
        let second = try boot()
        #expect(second.status["signed_on"] as? Bool == false)
        #expect(second.status["trace_number"] as? Int == traceBefore)
        try second.keys(["ENTER", "9", "9", "ENTER", "1", "2", "3", "4", "5", "6", "7", "8", "ENTER"])
        #expect(second.screenText.contains("签到"))
        try second.wait("menu.main")
        let seen = try second.sale(amount: "100", pan: "6222021000000005", pin: "123456")
        #expect(seen.contains("交易成功"))
        #expect(try #require(second.status["trace_number"] as? Int) > traceBefore + 1)
        #expect(second.status["transactions"] as? Int == 2)
    }
}
