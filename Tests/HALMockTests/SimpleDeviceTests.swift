import HAL
import HALMock
import Testing

@Suite struct MockDisplayTests {
    let frame = DisplayFrame(screenID: "idle", title: "posterm", lines: ["line 1", "line 2"], highlighted: 1)

    @Test func showsFramesAndCountsThem() throws {
        let display = MockDisplay()
        #expect(display.role == .display)
        #expect(display.currentFrame == nil)
        try display.show(frame)
        var second = frame
        second.screenID = "menu"
        try display.show(second)
        #expect(display.currentFrame == second)
        #expect(display.framesShown == 2)
    }

    @Test func unpluggingBlanksTheScreenRefusesFramesAndReportsStatus() throws {
        let display = MockDisplay()
        let log = EventLog()
        display.start(events: log.sink)
        try display.show(frame)
        try display.setFault("unplugged", active: true)
        #expect(log.take() == [.status(.display, .unplugged)])
        #expect(display.activeFaults == ["unplugged"])
        #expect(display.currentFrame == nil)
        let error = halError { () throws(HALError) in try display.show(frame) }
        #expect(error?.kind == .disconnected)
        #expect(error?.role == .display)
        #expect(display.framesShown == 1)
        try display.setFault("unplugged", active: true)
        #expect(log.take().isEmpty)
        try display.setFault("unplugged", active: false)
        #expect(log.take() == [.status(.display, .ready)])
        #expect(display.activeFaults.isEmpty)
        try display.show(frame)
        #expect(display.currentFrame == frame)
    }

    @Test func reportsUnpluggedAtStartAndNothingAfterStop() throws {
        let display = MockDisplay()
        try display.setFault("unplugged", active: true)
        let log = EventLog()
        display.start(events: log.sink)
        #expect(log.take() == [.status(.display, .unplugged)])
        display.stop()
        try display.setFault("unplugged", active: false)
        #expect(log.take().isEmpty)
    }

    @Test func rejectsUnknownFaults() {
        let display = MockDisplay()
        #expect(display.supportedFaults == ["unplugged"])
        #expect(controlErrorCode { () throws(MockControlError) in try display.setFault("paper_out", active: true) } == "unknown_fault")
    }
}

@Suite struct MockKeypadTests {
    @Test func postsOneEventPerKeyInOrder() throws {
        let keypad = MockKeypad()
        let log = EventLog()
        keypad.start(events: log.sink)
        try keypad.press([.digit1, .doubleZero, .enter])
        #expect(log.take() == [.key(.digit1), .key(.doubleZero), .key(.enter)])
        #expect(keypad.role == .keypad)
    }

    @Test func unpluggedKeypadRefusesKeysAndReportsStatus() throws {
        let keypad = MockKeypad()
        let log = EventLog()
        keypad.start(events: log.sink)
        try keypad.setFault("unplugged", active: true)
        #expect(controlErrorCode { () throws(MockControlError) in try keypad.press([.enter]) } == "device_unplugged")
        #expect(keypad.activeFaults == ["unplugged"])
        try keypad.setFault("unplugged", active: false)
        try keypad.press([.cancel])
        #expect(log.take() == [.status(.keypad, .unplugged), .status(.keypad, .ready), .key(.cancel)])
        #expect(keypad.activeFaults.isEmpty)
    }

    @Test func controlErrorsReadAsCodeAndMessage() {
        let error = MockControlError(code: "no_card", message: "no card in the reader")
        #expect(error.description == "no_card: no card in the reader")
    }

    @Test func rejectsEmptyPressesAndUnknownFaults() {
        let keypad = MockKeypad()
        #expect(controlErrorCode { () throws(MockControlError) in try keypad.press([]) } == "bad_argument")
        #expect(controlErrorCode { () throws(MockControlError) in try keypad.setFault("down", active: true) } == "unknown_fault")
    }

    @Test func keysPressedWhileStoppedAreLost() throws {
        let keypad = MockKeypad()
        let log = EventLog()
        keypad.start(events: log.sink)
        keypad.stop()
        try keypad.press([.digit5])
        #expect(log.take().isEmpty)
        keypad.start(events: log.sink)
        try keypad.press([.digit6])
        #expect(log.take() == [.key(.digit6)])
    }
}

@Suite struct MockScannerTests {
    @Test func postsScannedCodes() throws {
        let scanner = MockScanner()
        let log = EventLog()
        scanner.start(events: log.sink)
        try scanner.scan("6901234567892")
        try scanner.scan("https://pay.example/q?o=42")
        #expect(log.take() == [.scanned("6901234567892"), .scanned("https://pay.example/q?o=42")])
        #expect(scanner.role == .scanner)
    }

    @Test func rejectsCodesNoSymbolCanHold() throws {
        let scanner = MockScanner()
        #expect(controlErrorCode { () throws(MockControlError) in try scanner.scan("") } == "bad_argument")
        let tooLong = String(repeating: "1", count: MockScanner.maximumCodeLength + 1)
        #expect(controlErrorCode { () throws(MockControlError) in try scanner.scan(tooLong) } == "bad_argument")
        try scanner.scan(String(repeating: "1", count: MockScanner.maximumCodeLength))
    }

    @Test func unpluggedScannerRefusesScansAndReportsStatus() throws {
        let scanner = MockScanner()
        try scanner.setFault("unplugged", active: true)
        let log = EventLog()
        scanner.start(events: log.sink)
        #expect(controlErrorCode { () throws(MockControlError) in try scanner.scan("1") } == "device_unplugged")
        #expect(scanner.activeFaults == ["unplugged"])
        try scanner.setFault("unplugged", active: false)
        #expect(scanner.activeFaults.isEmpty)
        #expect(log.take() == [.status(.scanner, .unplugged), .status(.scanner, .ready)])
        scanner.stop()
        try scanner.scan("after stop")
        #expect(log.take().isEmpty)
        #expect(controlErrorCode { () throws(MockControlError) in try scanner.setFault("jam", active: true) } == "unknown_fault")
    }
}

@Suite struct MockIndicatorTests {
    @Test func recordsBeepsAndLights() {
        let indicator = MockIndicator()
        let log = EventLog()
        indicator.start(events: log.sink)
        indicator.beep(.click)
        indicator.beep(.error)
        indicator.setLight(.green, on: true)
        indicator.setLight(.red, on: true)
        indicator.setLight(.green, on: false)
        indicator.setLight(.blue, on: false)
        #expect(indicator.beeps == [.click, .error])
        #expect(indicator.beepCount == 2)
        #expect(indicator.lightsOn == [.red])
        #expect(indicator.role == .indicator)
        indicator.stop()
        #expect(log.take().isEmpty)
    }

    @Test func keepsOnlyTheLatestBeeps() {
        let indicator = MockIndicator()
        for _ in 0..<MockIndicator.retainedBeeps { indicator.beep(.click) }
        indicator.beep(.success)
        #expect(indicator.beeps.count == MockIndicator.retainedBeeps)
        #expect(indicator.beeps.last == .success)
        #expect(indicator.beepCount == MockIndicator.retainedBeeps + 1)
    }
}
