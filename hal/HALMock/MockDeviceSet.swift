import HAL

/// One simulated device for every role of the mock board, sharing one scheduler, with the
/// lookup the control protocol's `fault` op needs.
public final class MockDeviceSet: Sendable {
    /// The display.
    public let display: MockDisplay
    /// The terminal keypad.
    public let keypad: MockKeypad
    /// The card reader (swipe, insert, tap).
    public let cardReader: MockCardReader
    /// The PIN pad.
    public let pinPad: MockPinPad
    /// The receipt printer.
    public let printer: MockPrinter
    /// The host link.
    public let link: MockHostLink
    /// The barcode / QR scanner.
    public let scanner: MockScanner
    /// The buzzer and LEDs.
    public let indicator: MockIndicator

    /// Creates the devices. `secureElement` goes into the PIN pad (none: no PIN key loaded).
    public init(scheduler: any MockScheduler, secureElement: (any PinBlockEncrypting)? = nil,
                printerWidth: Int = 32, cardEntryModes: Set<CardEntryMode> = [.swipe, .insert, .tap],
                cardReadMilliseconds: Int64 = 300, connectLatencyMilliseconds: Int64 = 20) {
        display = MockDisplay()
        keypad = MockKeypad()
        cardReader = MockCardReader(entryModes: cardEntryModes, scheduler: scheduler, readMilliseconds: cardReadMilliseconds)
        pinPad = MockPinPad(scheduler: scheduler, secureElement: secureElement)
        printer = MockPrinter(width: printerWidth)
        link = MockHostLink(scheduler: scheduler, connectLatencyMilliseconds: connectLatencyMilliseconds)
        scanner = MockScanner()
        indicator = MockIndicator()
    }

    /// Every device, in `DeviceRole` order (display, keypad, card reader, PIN pad, printer,
    /// link, scanner, indicator): the order to start them in.
    public var devices: [any Device] {
        [display, keypad, cardReader, pinPad, printer, link, scanner, indicator]
    }

    /// The device whose faults can be injected for `role`, or nil (indicator, flash).
    public func faultTarget(for role: DeviceRole) -> (any FaultInjectable)? {
        switch role {
        case .display: display
        case .keypad: keypad
        case .cardReader: cardReader
        case .pinPad: pinPad
        case .printer: printer
        case .link: link
        case .scanner: scanner
        case .indicator, .flash: nil
        }
    }

    /// The fault target named by a role's board / control-protocol name (`"card-reader"`,
    /// `"pinpad"`, `"printer"`, `"link"` …).
    ///
    /// Throws `unknown_device` for a name that is no role or a role without faults.
    public func faultTarget(named name: String) throws(MockControlError) -> any FaultInjectable {
        guard let role = DeviceRole(rawValue: name), let target = faultTarget(for: role) else {
            let names = DeviceRole.allCases.filter { faultTarget(for: $0) != nil }.map(\.rawValue)
            throw MockControlError(code: "unknown_device",
                                   message: "no device \"\(name)\" with faults (there are: \(names.joined(separator: ", ")))")
        }
        return target
    }

    /// Starts every device with the same sink.
    public func start(events: @escaping DeviceEventSink) {
        for device in devices { device.start(events: events) }
    }

    /// Stops every device.
    public func stop() {
        for device in devices { device.stop() }
    }
}
