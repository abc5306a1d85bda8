import HAL
import HALMock
import Security
import Terminal

/// The devices a board provides, one per role, plus the mocks' control surfaces when the board
/// uses mocks (the control protocol drives those).
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
    /// The secure element behind the PIN pad: it holds the terminal master key and the working
    /// keys, makes PIN blocks and MACs.
    public var secureElement: SoftwareSecureElement
    /// The keys of the host link the terminal's host client uses (the board's terminal master
    /// key and key-encryption key); nil on a board without them.
    public var hostKeys: HostKeys?
    /// The acquirer host embedded in the process (mock link with `host: embedded`), else nil.
    public var embeddedHost: EmbeddedHost?
    /// The mocks behind the simulated roles, for the control protocol (nil on a board of real
    /// devices).
    public var mocks: MockDeviceSet?

    /// Every device, for start/stop.
    var all: [any Device] { [display, keypad, cardReader, pinPad, printer, link, scanner, indicator] }
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
