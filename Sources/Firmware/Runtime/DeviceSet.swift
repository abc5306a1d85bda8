import HAL
import HALMock

/// The devices a board provides, one per role it serves, plus the mocks' control surfaces when
/// the board uses mocks (the control protocol drives those).
public struct DeviceSet: Sendable {
    /// The display.
    public var display: any Display
    /// The keypad.
    public var keypad: any Keypad
    /// The card reader.
    public var cardReader: any CardReader
    /// The PIN pad.
    public var pinPad: any PinPad
    /// The receipt printer.
    public var printer: any ReceiptPrinter
    /// The host link.
    public var link: any HostLink
    /// The scanner.
    public var scanner: any Scanner
    /// The buzzer and LEDs.
    public var indicator: any Indicator
    /// The mocks behind the roles that are simulated, for the control protocol.
    public var mocks: MockDevices

    /// Every device, for start/stop.
    var all: [any Device] { [display, keypad, cardReader, pinPad, printer, link, scanner, indicator] }
}

/// The simulated devices of a board, by role (nil where a role is served by real hardware).
public struct MockDevices: Sendable {
    /// The mock display.
    public var display: MockDisplay?
    /// The mock keypad.
    public var keypad: MockKeypad?
    /// The mock card reader.
    public var cardReader: MockCardReader?
    /// The mock PIN pad.
    public var pinPad: MockPinPad?
    /// The mock printer.
    public var printer: MockPrinter?
    /// The mock host link.
    public var link: MockHostLink?
    /// The mock scanner.
    public var scanner: MockScanner?
    /// The mock buzzer and LEDs.
    public var indicator: MockIndicator?

    /// The mock serving `role` as a fault-injectable device, if that role is simulated.
    func faultTarget(_ role: DeviceRole) -> (any FaultInjectable)? {
        switch role {
        case .display: return display
        case .keypad: return keypad
        case .cardReader: return cardReader
        case .pinPad: return pinPad
        case .printer: return printer
        case .link: return link
        case .scanner: return scanner
        case .indicator, .flash: return nil
        }
    }
}

/// Lets mocks schedule their own timers (PIN timeout, connect latency) on the firmware's loop,
/// so they follow simulated time.
struct LoopMockScheduler: MockScheduler {
    let loop: EventLoop

    func schedule(afterMilliseconds milliseconds: Int64, _ action: @escaping @Sendable () -> Void) -> MockTimerToken {
        MockTimerToken(loop.schedule(afterMilliseconds: milliseconds, action).raw)
    }

    func cancel(_ token: MockTimerToken) {
        loop.cancel(LoopTimerToken(raw: token.raw))
    }
}
