import HAL
import HALMock
import Synchronization
import Testing

@Suite struct MockDeviceSetTests {
    @Test func findsFaultTargetsByRoleName() throws {
        let set = MockDeviceSet(scheduler: ManualMockScheduler())
        #expect(set.devices.map(\.role) == [.display, .keypad, .cardReader, .pinPad, .printer, .link, .scanner, .indicator])
        #expect(try set.faultTarget(named: "printer") === set.printer)
        #expect(try set.faultTarget(named: "card-reader") === set.cardReader)
        #expect(try set.faultTarget(named: "pinpad") === set.pinPad)
        #expect(try set.faultTarget(named: "link") === set.link)
        #expect(set.faultTarget(for: .indicator) == nil)
        #expect(set.faultTarget(for: .flash) == nil)
        for name in ["indicator", "flash", "modem", ""] {
            #expect(controlErrorCode { () throws(MockControlError) in _ = try set.faultTarget(named: name) } == "unknown_device")
        }
        try set.faultTarget(named: "link").setFault("down", active: true)
        #expect(set.link.isNetworkUp == false)
    }

    /// Drives every device through one scenario and returns what the firmware would have seen.
    func runScenario() throws -> [String] {
        let scheduler = ManualMockScheduler()
        let set = MockDeviceSet(scheduler: scheduler)
        let endpoint = HostEndpoint(host: "10.0.0.1", port: 9000)
        set.link.register(ScriptedHost(), at: endpoint)
        let log = EventLog()
        set.start(events: log.sink)
        try set.keypad.press([.digit1, .enter])
        try set.cardReader.insert(testCard)
        scheduler.advance(byMilliseconds: 150)
        try set.cardReader.remove()
        try set.cardReader.swipe(testTracks)
        try set.pinPad.requestPin(PinRequest(pan: testCard.pan, amountMinor: 100))
        try set.pinPad.press([.digit1, .digit2, .digit3, .digit4, .enter])
        set.link.connect(to: endpoint)
        scheduler.advance(byMilliseconds: 20)
        try set.link.send([0x60, 0x00])
        try set.printer.setFault("paper_out_mid_job", active: true)
        try set.printer.print(PrintDocument(kind: .report, elements: [.text("A"), .text("B")]), job: 1)
        try set.scanner.scan("QR")
        try set.faultTarget(named: "link").setFault("drop", active: true)
        try set.pinPad.requestPin(PinRequest(pan: testCard.pan, amountMinor: 100, timeoutMilliseconds: 1000))
        scheduler.advance(byMilliseconds: 5000)
        set.stop()
        return log.take().map { String(describing: $0) }
    }

    @Test func aScenarioReplaysIdentically() throws {
        let first = try runScenario()
        let second = try runScenario()
        #expect(first == second)
        #expect(first.count == 17)
        #expect(first.contains("card(HAL.CardEvent.readFailed(HAL.CardReadError.removedEarly))"))
        // Nothing sensitive in the transcript: the card data prints masked or redacted.
        #expect(first.joined().contains("6225881234567890") == false)
    }

    @Test func concurrentControlCallsLoseNoEvents() async throws {
        let keypad = MockKeypad()
        let keys = Mutex(0)
        let statuses = Mutex(0)
        keypad.start { event in
            if case .key = event { keys.withLock { $0 += 1 } } else { statuses.withLock { $0 += 1 } }
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<250 { try? keypad.press([.digit1, .digit2]) }
                }
            }
            group.addTask {
                for index in 0..<100 { try? keypad.setFault("unplugged", active: index % 2 == 0) }
            }
        }
        // Every toggle changed the state; a press posts both keys or none.
        #expect(statuses.withLock { $0 } == 100)
        #expect(keys.withLock { $0 } % 2 == 0)
        #expect(keypad.activeFaults.isEmpty)
        let before = keys.withLock { $0 }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<250 { try? keypad.press([.digit1, .digit2]) } }
            }
        }
        #expect(keys.withLock { $0 } == before + 8 * 250 * 2)
    }
}
