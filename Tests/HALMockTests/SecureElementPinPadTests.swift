import HAL
import HALMock
import Security
import Testing

/// The mock PIN pad with the real software secure element: digits typed on the PIN pad come out
/// as a format-0 block that decrypts, under the session PIN key, to the same PIN.
@Suite struct SecureElementPinPadTests {
    let pan = "6225881234567890"

    private func element() throws -> (SoftwareSecureElement, WorkingKeys) {
        let element = try SoftwareSecureElement(keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        _ = try element.injectMasterKey(TestKeys.terminalMasterKey, expectedCheckValue: TestKeys.terminalMasterKeyCheckValue)
        let keys = WorkingKeys(pinKey: SecretKey([UInt8](repeating: 0x11, count: 8) + [UInt8](repeating: 0x22, count: 8)),
                               macKey: SecretKey([UInt8](repeating: 0x33, count: 8)))
        let field62 = try KeyDownload.encode(keys, mode: .doubleLength, masterKey: TestKeys.terminalMasterKey)
        _ = try element.installWorkingKeys(field62: field62, mode: .doubleLength)
        return (element, keys)
    }

    @Test func typedPINBecomesAFormat0BlockUnderThePIK() throws {
        let (element, keys) = try element()
        let scheduler = ManualMockScheduler()
        let pad = MockPinPad(scheduler: scheduler, secureElement: SecureElementPinEncryptor(element: element))
        let log = EventLog()
        pad.start(events: log.sink)
        try pad.requestPin(PinRequest(pan: pan, amountMinor: 100))
        try pad.press([.digit1, .digit2, .digit3, .digit4, .digit5, .digit6, .enter])
        guard case let .pinPad(.pinBlock(block))? = log.take().last else {
            Issue.record("expected a PIN block")
            return
        }
        #expect(block.bytes.count == 8)
        let clear = try ISO9564.decryptFormat0(PINBlock(format: .iso0, bytes: block.bytes), pan: pan, key: keys.pinKey)
        #expect(clear == [1, 2, 3, 4, 5, 6])
    }

    @Test func noPINKeyMeansAFailedRequestNotAFakeBlock() throws {
        let element = try SoftwareSecureElement(keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        let pad = MockPinPad(scheduler: ManualMockScheduler(), secureElement: SecureElementPinEncryptor(element: element))
        let log = EventLog()
        pad.start(events: log.sink)
        try pad.requestPin(PinRequest(pan: pan, amountMinor: 100))
        try pad.press([.digit1, .digit2, .digit3, .digit4, .enter])
        guard case let .pinPad(.failed(error))? = log.take().last else {
            Issue.record("expected a failed request")
            return
        }
        #expect(error.kind == .hardwareFault)
    }
}
