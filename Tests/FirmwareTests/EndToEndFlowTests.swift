import Foundation
import Testing
@testable import Firmware

/// The foundation's flows driven through the control protocol, as a rig or a person would:
/// real mocks, the real runtime, simulated time.
@Suite struct EndToEndFlowTests {
    private func booted() throws -> SimulatedTerminal {
        let terminal = try SimulatedTerminal()
        terminal.send(#"{"op":"power","action":"on"}"#)
        #expect(terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#)["ok"] as? Bool == true)
        return terminal
    }

    private func keys(_ terminal: SimulatedTerminal, _ keys: [String]) {
        let list = keys.map { "\"\($0)\"" }.joined(separator: ",")
        #expect(terminal.send(#"{"op":"keys","keys":[\#(list)]}"#)["ok"] as? Bool == true)
    }

    private func screen(_ terminal: SimulatedTerminal) -> String {
        terminal.send(#"{"op":"screen"}"#)["screen"] as? String ?? "?"
    }

    @Test func adminSignsInChangesLanguageAndSignsOut() throws {
        let terminal = try booted()
        keys(terminal, ["ENTER", "9", "9", "ENTER", "1", "2", "3", "4", "5", "6", "7", "8", "ENTER"])
        // Signing in signs on with the (embedded) host first.
        #expect(screen(terminal) == "host.signon")
        #expect(terminal.send(#"{"op":"wait","screen":"menu.main","timeout_ms":5000}"#)["ok"] as? Bool == true)
        let status = terminal.send(#"{"op":"status"}"#)
        #expect(status["operator"] as? String == "99")
        #expect(status["role"] as? String == "admin")
        #expect(status["state"] as? String == "signed_in")
        // Configuration (4) -> Language (7) -> English (2).
        keys(terminal, ["4", "7", "2"])
        #expect(screen(terminal) == "message.info")
        #expect(terminal.send(#"{"op":"status"}"#)["language"] as? String == "en")
        keys(terminal, ["ENTER", "CANCEL"])
        #expect(screen(terminal) == "menu.main")
        #expect((terminal.send(#"{"op":"screen"}"#)["title"] as? String)?.contains("MAIN MENU") == true)
        // Sign out (5) and confirm.
        keys(terminal, ["5"])
        #expect(screen(terminal) == "signout.confirm")
        keys(terminal, ["ENTER"])
        #expect(screen(terminal) == "idle")
        #expect(terminal.send(#"{"op":"status"}"#)["operator"] is NSNull)
        // The language survives a power cut: it was persisted.
        terminal.send(#"{"op":"power","action":"cut"}"#)
        terminal.send(#"{"op":"power","action":"on"}"#)
        terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#)
        #expect(terminal.send(#"{"op":"status"}"#)["language"] as? String == "en")
    }

    @Test func sixtySecondIdleTimeoutCostsNoWallTime() throws {
        let terminal = try booted()
        keys(terminal, ["ENTER"])
        #expect(screen(terminal) == "signin.operator")
        let started = Date()
        let reply = terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":120000}"#)
        #expect(reply["ok"] as? Bool == true)
        #expect(reply["waited_ms"] as? Int == 60_000)
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func threeWrongPasswordsLockUntilASupervisorUnlocks() throws {
        let terminal = try booted()
        keys(terminal, ["ENTER", "9", "9", "ENTER"])
        for attempt in 1...3 {
            keys(terminal, ["1", "1", "1", "1", "1", "1", "ENTER"])
            #expect(screen(terminal) == "message.error")
            if attempt < 3 { keys(terminal, ["ENTER"]) }
        }
        #expect((terminal.send(#"{"op":"screen"}"#)["lines"] as? [String])?.joined().contains("锁") == true)
        keys(terminal, ["ENTER"])
        #expect(screen(terminal) == "idle")
        // Locked: even the right password is refused.
        keys(terminal, ["ENTER", "9", "9", "ENTER"])
        #expect(screen(terminal) == "message.error")
        keys(terminal, ["ENTER"])
        // F1 at idle: supervisor 00 / 123456 unlocks operator 99.
        keys(terminal, ["F1", "0", "0", "ENTER", "1", "2", "3", "4", "5", "6", "ENTER", "9", "9", "ENTER"])
        #expect(screen(terminal) == "message.info")
        keys(terminal, ["ENTER"])
        #expect(screen(terminal) == "idle")
        keys(terminal, ["ENTER", "9", "9", "ENTER", "1", "2", "3", "4", "5", "6", "7", "8", "ENTER"])
        #expect(terminal.send(#"{"op":"wait","screen":"menu.main","timeout_ms":5000}"#)["ok"] as? Bool == true)
    }

    @Test func connectivityCheckReportsTheResultOnScreen() throws {
        let terminal = try booted()
        keys(terminal, ["ENTER", "9", "9", "ENTER", "1", "2", "3", "4", "5", "6", "7", "8", "ENTER"])
        #expect(terminal.send(#"{"op":"wait","screen":"menu.main","timeout_ms":5000}"#)["ok"] as? Bool == true)
        keys(terminal, ["4", "9"])
        #expect(screen(terminal) == "config.nettest")
        #expect(terminal.send(#"{"op":"wait","screen":"config.nettest.result","timeout_ms":20000}"#)["ok"] as? Bool == true)
        #expect(terminal.send(#"{"op":"screen"}"#)["lines"] is [String])
        // With the network down the check fails at once with the reason.
        keys(terminal, ["ENTER"])
        terminal.send(#"{"op":"fault","device":"link","fault":"down","active":true}"#)
        keys(terminal, ["9"])
        #expect(screen(terminal) == "config.nettest.result")
        #expect((terminal.send(#"{"op":"screen"}"#)["lines"] as? [String])?.joined().contains("网络") == true)
    }

    @Test func idleShowsPrinterAndLinkFaults() throws {
        let terminal = try booted()
        terminal.send(#"{"op":"fault","device":"printer","fault":"paper_out","active":true}"#)
        terminal.send(#"{"op":"fault","device":"link","fault":"down","active":true}"#)
        let lines = (terminal.send(#"{"op":"screen"}"#)["lines"] as? [String] ?? []).joined(separator: "|")
        #expect(lines.contains("缺纸"))
        #expect(lines.contains("断开"))
    }
}
