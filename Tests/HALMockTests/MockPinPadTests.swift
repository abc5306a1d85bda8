import HAL
import HALMock
import Synchronization
import Testing

/// A secure element double: records what it was given and answers a fixed block or an error.
final class RecordingSecureElement: PinBlockEncrypting {
    enum Answer: Sendable { case block(EncryptedPinBlock), halError(HALError), otherError }
    struct Unexpected: Error {}

    let answer: Answer
    let calls = Mutex<[(digits: [UInt8], pan: String)]>([])

    init(_ answer: Answer) { self.answer = answer }

    func encryptPinBlock(pinDigits: [UInt8], pan: String) throws -> EncryptedPinBlock {
        calls.withLock { $0.append((pinDigits, pan)) }
        switch answer {
        case let .block(block): return block
        case let .halError(error): throw error
        case .otherError: throw Unexpected()
        }
    }
}

@Suite struct MockPinPadTests {
    let request = PinRequest(pan: "6225881234567890", amountMinor: 12_345, timeoutMilliseconds: 30_000)
    let block = EncryptedPinBlock(bytes: [0x3A, 0x11, 0x7C, 0x05, 0xE2, 0x90, 0x4B, 0xD8])

    func makePad(_ element: (any PinBlockEncrypting)? = nil) -> (MockPinPad, EventLog, ManualMockScheduler) {
        let scheduler = ManualMockScheduler()
        let pad = MockPinPad(scheduler: scheduler, secureElement: element)
        let log = EventLog()
        pad.start(events: log.sink)
        return (pad, log, scheduler)
    }

    @Test func collectsDigitsAndAnswersTheSecureElementsBlock() throws {
        let element = RecordingSecureElement(.block(block))
        let (pad, log, scheduler) = makePad(element)
        #expect(pad.role == .pinPad)
        #expect(pad.isCollecting == false)
        #expect(pad.prompt == nil)
        try pad.requestPin(request)
        #expect(pad.isCollecting)
        #expect(pad.prompt == "CNY 123.45\n")
        try pad.press([.digit1, .digit2, .digit3, .digit4])
        #expect(pad.prompt == "CNY 123.45\n****")
        #expect(pad.digitsEntered == 4)
        try pad.press([.enter])
        #expect(log.take() == [
            .pinPad(.digitsEntered(1)), .pinPad(.digitsEntered(2)), .pinPad(.digitsEntered(3)),
            .pinPad(.digitsEntered(4)), .pinPad(.pinBlock(block)),
        ])
        let calls = element.calls.withLock { $0 }
        #expect(calls.count == 1)
        #expect(calls.first?.digits == [1, 2, 3, 4])
        #expect(calls.first?.pan == "6225881234567890")
        // The request is over: digits are gone and the timeout no longer fires.
        #expect(pad.isCollecting == false)
        #expect(pad.digitsEntered == 0)
        scheduler.advance(byMilliseconds: 60_000)
        #expect(log.take().isEmpty)
    }

    @Test func withoutASecureElementThereIsNoBlock() throws {
        let (pad, log, _) = makePad()
        try pad.requestPin(request)
        try pad.press([.digit9, .digit9, .digit9, .digit9, .enter])
        let events = log.take()
        #expect(events.last == .pinPad(.failed(HALError(.notSupported, role: .pinPad, "no PIN key loaded"))))
        #expect(events.contains { if case .pinPad(.pinBlock) = $0 { return true } else { return false } } == false)
    }

    @Test func secureElementErrorsAreReportedWithoutTheirText() throws {
        let halFailure = RecordingSecureElement(.halError(HALError(.notSupported, role: .pinPad, "PIK not loaded")))
        let (pad, log, _) = makePad(halFailure)
        try pad.requestPin(request)
        try pad.press([.digit1, .digit1, .digit1, .digit1, .enter])
        #expect(log.take().last == .pinPad(.failed(HALError(.notSupported, role: .pinPad, "PIK not loaded"))))

        let otherFailure = RecordingSecureElement(.otherError)
        let (pad2, log2, _) = makePad(otherFailure)
        try pad2.requestPin(request)
        try pad2.press([.digit1, .digit1, .digit1, .digit1, .enter])
        #expect(log2.take().last == .pinPad(.failed(HALError(.hardwareFault, role: .pinPad, "the secure element failed"))))
    }

    @Test func clearErasesAndEnterNeedsFourDigits() throws {
        let element = RecordingSecureElement(.block(block))
        let (pad, log, _) = makePad(element)
        try pad.requestPin(request)
        try pad.press([.clear, .digit1, .digit2, .digit3, .enter, .clear, .enter])
        #expect(log.take() == [
            .pinPad(.digitsEntered(1)), .pinPad(.digitsEntered(2)), .pinPad(.digitsEntered(3)),
            .pinPad(.digitsEntered(0)),
        ])
        #expect(pad.isCollecting)
        try pad.press([.digit5, .digit6, .digit7, .digit8, .digit9, .enter])
        #expect(log.take().last == .pinPad(.pinBlock(block)))
        #expect(element.calls.withLock { $0.first?.digits } == [5, 6, 7, 8, 9])
    }

    @Test func takesAtMostTwelveDigits() throws {
        let element = RecordingSecureElement(.block(block))
        let (pad, log, _) = makePad(element)
        try pad.requestPin(request)
        try pad.press(Array(repeating: .digit7, count: 14) + [.enter])
        let events = log.take()
        #expect(events.count == 13)
        #expect(events[11] == .pinPad(.digitsEntered(12)))
        #expect(element.calls.withLock { $0.first?.digits.count } == 12)
    }

    @Test func emptyPinOnlyWhenAllowed() throws {
        let (pad, log, _) = makePad()
        try pad.requestPin(request)
        try pad.press([.enter])
        #expect(log.take().isEmpty)
        try pad.press([.cancel])
        #expect(log.take() == [.pinPad(.cancelled)])
        var allowing = request
        allowing.allowEmpty = true
        try pad.requestPin(allowing)
        try pad.press([.enter])
        #expect(log.take() == [.pinPad(.noPin)])
        // With some digits typed, the empty-PIN rule does not apply.
        try pad.requestPin(allowing)
        try pad.press([.digit1, .enter])
        #expect(log.take() == [.pinPad(.digitsEntered(1))])
        #expect(pad.isCollecting)
    }

    @Test func cancelKeyAndCancelRequestBothAnswerCancelled() throws {
        let (pad, log, scheduler) = makePad()
        try pad.requestPin(request)
        try pad.press([.digit1, .cancel, .digit2])
        #expect(log.take() == [.pinPad(.digitsEntered(1)), .pinPad(.cancelled)])
        try pad.requestPin(request)
        pad.cancelPinRequest()
        pad.cancelPinRequest()
        #expect(log.take() == [.pinPad(.cancelled)])
        scheduler.advance(byMilliseconds: 100_000)
        #expect(log.take().isEmpty)
    }

    @Test func timesOutThroughTheScheduler() throws {
        let (pad, log, scheduler) = makePad()
        try pad.requestPin(request)
        try pad.press([.digit4])
        scheduler.advance(byMilliseconds: 29_999)
        #expect(log.take() == [.pinPad(.digitsEntered(1))])
        scheduler.advance(byMilliseconds: 1)
        #expect(log.take() == [.pinPad(.timedOut)])
        #expect(pad.isCollecting == false)
        #expect(controlErrorCode { () throws(MockControlError) in try pad.press([.digit1]) } == "no_request")
        // A new request starts from no digits and its own timeout.
        try pad.requestPin(request)
        #expect(pad.digitsEntered == 0)
        scheduler.advance(byMilliseconds: 30_000)
        #expect(log.take() == [.pinPad(.timedOut)])
    }

    @Test func rejectsBadRequestsAndASecondRequest() throws {
        let (pad, _, _) = makePad()
        for bad in [
            PinRequest(pan: "1234567", amountMinor: 1),
            PinRequest(pan: "62258812345678901234", amountMinor: 1),
            PinRequest(pan: "6225 8812 3456 7890", amountMinor: 1),
            PinRequest(pan: "6225881234567890", amountMinor: -1),
            PinRequest(pan: "6225881234567890", amountMinor: 1, timeoutMilliseconds: 0),
        ] {
            #expect(halError { () throws(HALError) in try pad.requestPin(bad) }?.kind == .invalidRequest)
        }
        try pad.requestPin(request)
        #expect(halError { () throws(HALError) in try pad.requestPin(request) }?.kind == .busy)
    }

    @Test func pressingNeedsARequestAndKeys() {
        let (pad, _, _) = makePad()
        #expect(controlErrorCode { () throws(MockControlError) in try pad.press([.digit1]) } == "no_request")
        #expect(controlErrorCode { () throws(MockControlError) in try pad.press([]) } == "bad_argument")
    }

    @Test func unpluggedMidEntryFailsTheRequestAndWipesIt() throws {
        let element = RecordingSecureElement(.block(block))
        let (pad, log, scheduler) = makePad(element)
        try pad.requestPin(request)
        try pad.press([.digit1, .digit2])
        _ = log.take()
        try pad.setFault("unplugged", active: true)
        #expect(log.take() == [
            .pinPad(.failed(HALError(.disconnected, role: .pinPad, "PIN pad unplugged during PIN entry"))),
            .status(.pinPad, .unplugged),
        ])
        #expect(pad.isCollecting == false)
        #expect(pad.digitsEntered == 0)
        #expect(controlErrorCode { () throws(MockControlError) in try pad.press([.digit3]) } == "device_unplugged")
        #expect(halError { () throws(HALError) in try pad.requestPin(request) }?.kind == .disconnected)
        scheduler.advance(byMilliseconds: 100_000)
        #expect(log.take().isEmpty)
        try pad.setFault("unplugged", active: false)
        #expect(log.take() == [.status(.pinPad, .ready)])
        try pad.requestPin(request)
        try pad.press([.digit3, .digit4, .digit5, .digit6, .enter])
        #expect(log.take().last == .pinPad(.pinBlock(block)))
        #expect(element.calls.withLock { $0.map(\.digits) } == [[3, 4, 5, 6]])
    }

    @Test func unpluggingAnIdlePadPostsOnlyStatus() throws {
        let (pad, log, _) = makePad()
        try pad.setFault("unplugged", active: true)
        try pad.setFault("unplugged", active: true)
        #expect(log.take() == [.status(.pinPad, .unplugged)])
        let second = EventLog()
        pad.stop()
        pad.start(events: second.sink)
        #expect(second.take() == [.status(.pinPad, .unplugged)])
    }

    @Test func keyErrorFailsEnterWithoutAskingTheSecureElement() throws {
        let element = RecordingSecureElement(.block(block))
        let (pad, log, _) = makePad(element)
        try pad.setFault("key_error", active: true)
        #expect(pad.activeFaults == ["key_error"])
        try pad.requestPin(request)
        try pad.press([.digit1, .digit2, .digit3, .digit4, .enter])
        #expect(log.take().last == .pinPad(.failed(HALError(.hardwareFault, role: .pinPad, "PIN key error"))))
        #expect(element.calls.withLock { $0.isEmpty })
        try pad.setFault("key_error", active: false)
        try pad.requestPin(request)
        try pad.press([.digit1, .digit2, .digit3, .digit4, .enter])
        #expect(log.take().last == .pinPad(.pinBlock(block)))
        #expect(controlErrorCode { () throws(MockControlError) in try pad.setFault("paper_out", active: true) } == "unknown_fault")
    }

    @Test func stopEndsARequestSilently() throws {
        let (pad, log, scheduler) = makePad()
        try pad.requestPin(request)
        try pad.press([.digit1])
        _ = log.take()
        pad.stop()
        scheduler.advance(byMilliseconds: 100_000)
        #expect(log.take().isEmpty)
        #expect(pad.isCollecting == false)
    }

    @Test func promptShowsTheCurrency() throws {
        let (pad, _, _) = makePad()
        try pad.requestPin(PinRequest(pan: "6225881234567890", amountMinor: 5, currency: 840))
        #expect(pad.prompt == "USD 0.05\n")
        pad.cancelPinRequest()
        try pad.requestPin(PinRequest(pan: "6225881234567890", amountMinor: 1500, currency: 392))
        #expect(pad.prompt == "JPY 1500\n")
        pad.cancelPinRequest()
        try pad.requestPin(PinRequest(pan: "6225881234567890", amountMinor: 100, currency: 999))
        #expect(pad.prompt == "ISO 999 1.00\n")
    }
}

/// A scheduler whose `cancel` is too late to stop anything, as when the loop has already
/// dequeued the action: every action runs.
final class LateCancelScheduler: MockScheduler {
    let inner = ManualMockScheduler()
    func schedule(afterMilliseconds: Int64, _ action: @escaping @Sendable () -> Void) -> MockTimerToken {
        inner.schedule(afterMilliseconds: afterMilliseconds, action)
    }
    func cancel(_ token: MockTimerToken) {}
}

@Suite struct LateTimerTests {
    @Test func aLateTimeoutOfAnEarlierRequestDoesNotEndTheNextOne() throws {
        let scheduler = LateCancelScheduler()
        let pad = MockPinPad(scheduler: scheduler)
        let log = EventLog()
        pad.start(events: log.sink)
        try pad.requestPin(PinRequest(pan: "6225881234567890", amountMinor: 1, timeoutMilliseconds: 1000))
        pad.cancelPinRequest()
        scheduler.inner.advance(byMilliseconds: 500)
        try pad.requestPin(PinRequest(pan: "6225881234567890", amountMinor: 1, timeoutMilliseconds: 1000))
        scheduler.inner.advance(byMilliseconds: 600)
        #expect(log.take() == [.pinPad(.cancelled)])
        #expect(pad.isCollecting)
        scheduler.inner.advance(byMilliseconds: 400)
        #expect(log.take() == [.pinPad(.timedOut)])
    }

    @Test func aLateReadOfAPulledCardPostsNothing() throws {
        let scheduler = LateCancelScheduler()
        let reader = MockCardReader(scheduler: scheduler, readMilliseconds: 300)
        let log = EventLog()
        reader.start(events: log.sink)
        try reader.insert(testCard)
        try reader.remove()
        scheduler.inner.advance(byMilliseconds: 1000)
        #expect(log.take() == [.card(.readFailed(.removedEarly)), .card(.removed)])
    }
}
