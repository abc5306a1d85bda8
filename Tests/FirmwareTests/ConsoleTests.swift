import HAL
import HALLinux
import Testing
@testable import Firmware

@Suite struct ConsoleTests {
    @Test func pcKeysMapToTheKeypad() {
        #expect(ConsoleFrontEnd.keypadKey(for: .enter) == .enter)
        #expect(ConsoleFrontEnd.keypadKey(for: .escape) == .cancel)
        #expect(ConsoleFrontEnd.keypadKey(for: .backspace) == .clear)
        #expect(ConsoleFrontEnd.keypadKey(for: .up) == .up)
        #expect(ConsoleFrontEnd.keypadKey(for: .function(3)) == .f3)
        #expect(ConsoleFrontEnd.keypadKey(for: .function(9)) == nil)
        #expect(ConsoleFrontEnd.keypadKey(for: .character("7")) == .digit7)
        #expect(ConsoleFrontEnd.keypadKey(for: .character(".")) == .dot)
        #expect(ConsoleFrontEnd.keypadKey(for: .character("m")) == .menu)
        #expect(ConsoleFrontEnd.keypadKey(for: .character("z")) == nil)
    }

    @Test func commandsBecomeControlRequests() throws {
        func request(_ command: String) throws -> ControlRequest {
            guard case let .success(line) = ConsoleCommands.translate(command) else {
                throw ControlError("test", "no translation for \(command)")
            }
            return try ControlRequest(line: line)
        }
        #expect(try request("swipe").op == "card")
        // The default card is the embedded host's `approve` card, so a console sale is approved.
        #expect(try request("swipe").string("track2").hasPrefix("6222021000000005="))
        #expect(try request("host stats").string("action") == "stats")
        #expect(try request("pin 1234").strings("keys") == ["1", "2", "3", "4", "ENTER"])
        #expect(try request("paper out").bool("active") == true)
        #expect(try request("link up").bool("active") == false)
        #expect(try request("scan has \"quotes\" and spaces").string("code") == "has \"quotes\" and spaces")
        #expect(try request(#"{"op":"status"}"#).op == "status")
        #expect(try request("insert 6222020000000005").object("card")["pan"] as? String == "6222020000000005")
        if case .success = ConsoleCommands.translate("pin 12x4") { Issue.record("a PIN with a letter must be refused") }
        if case .success = ConsoleCommands.translate("dance") { Issue.record("unknown commands must be refused") }
    }

    @Test func rendererDrawsTheDisplayInABox() {
        let frame = DisplayFrame(screenID: "idle", title: "商户", lines: ["2026-11-21 09:00", "ENTER"], highlighted: 1)
        let snapshot = ConsoleSnapshot(frame: frame, poweredOn: true, printerStatus: .paperOut, linkUp: false,
                                       cardPresent: true, pinPadCollecting: false, lastPrinted: nil)
        let text = ConsoleRenderer.render(snapshot, boardName: "mock", commandLine: "swi", message: "hello", columns: 80)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("┌─ posterm · mock") == true)
        #expect(lines.contains { $0.contains("[idle]") })
        #expect(lines.contains { $0.contains("▶ENTER") })
        #expect(lines.contains { $0.contains("link DOWN") && $0.contains("paper_out") && $0.contains("card in reader") })
        #expect(lines.last == ":swi█")
        // Every box line has the same display width, CJK included.
        let boxLines = lines.filter { $0.hasPrefix("│") }
        #expect(Set(boxLines.map(TextWidth.columns)).count == 1)
    }

    @Test func padCutsWideTextAtTheColumnLimit() {
        #expect(TextWidth.columns(ConsoleRenderer.pad("中文中文中文", 5)) == 5)
        #expect(ConsoleRenderer.pad("ab", 6, center: true) == "  ab  ")
    }
}
