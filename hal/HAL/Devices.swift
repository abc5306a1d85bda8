/// What every device backend has: a role, and a start/stop lifecycle that connects its events to
/// the firmware.
///
/// Contract: `start` is called once, before any other method; after it the device posts
/// `DeviceEvent`s through `events` (from any thread) until `stop`. A backend that cannot reach
/// its hardware at start does not throw: it posts `.status(role, .unplugged)` and keeps trying
/// (devices are re-found when plugged in). `stop` is idempotent. After `stop`, `start` may be
/// called again (a power cycle); the device keeps its physical state (paper already printed, a
/// card left in the slot) and reports at start whatever differs from "present and ready".
public protocol Device: AnyObject, Sendable {
    /// The role this device serves.
    var role: DeviceRole { get }
    /// Starts the device; events flow to `events` from now on.
    func start(events: @escaping DeviceEventSink)
    /// Stops the device and its threads; no event is posted after it returns.
    func stop()
}

/// The terminal's text display.
///
/// Errors: `show` throws `.disconnected` when the display is gone; the frame is then lost (the
/// firmware redraws the current screen when the display is back, on `.status(.display, .ready)`).
public protocol Display: Device {
    /// Replaces what the display shows with `frame`.
    func show(_ frame: DisplayFrame) throws(HALError)
}

/// The terminal's keypad. It posts `.key` events and has no methods of its own.
///
/// Status events: `.status(.keypad, .unplugged/.ready)` for a detachable keypad.
public protocol Keypad: Device {}

/// The card reader: magstripe, contact chip and contactless.
///
/// Events: `.card(.swiped/.inserted/.tapped)` when a card is read, `.card(.removed)` when it is
/// taken out, `.card(.readFailed)` with the reason when it cannot be read, and
/// `.status(.cardReader, .unplugged/.ready/.faulty)`. A card pulled out while its chip is being
/// read answers `.card(.readFailed(.removedEarly))` (then `.card(.removed)` for an inserted card).
/// A reader unplugged with a card in its slot posts `.card(.removed)` before its status.
public protocol CardReader: Device {
    /// Which ways of presenting a card this reader supports.
    var entryModes: Set<CardEntryMode> { get }
    /// Arms or disarms the reader (the contactless field is only on while armed). A reader
    /// starts disarmed, and is disarmed again when it comes back after being unplugged.
    /// Disarming abandons a contactless read under way without an event.
    ///
    /// Throws `.disconnected` when the reader is gone.
    func setArmed(_ armed: Bool) throws(HALError)
}

/// The PIN pad: a secure element that collects a PIN on its own keys and answers an encrypted
/// PIN block. Clear PIN digits and the PIN pad's keys never reach the rest of the firmware.
///
/// Events, after `requestPin`: `.pinPad(.digitsEntered(n))` as the cardholder types, then exactly
/// one of `.pinBlock`, `.noPin`, `.cancelled`, `.timedOut`, `.failed`. A PIN pad lost during a
/// request answers `.failed(.disconnected)` before `.status(.pinPad, .unplugged)`. The clear
/// digits are wiped when the request ends, however it ends.
public protocol PinPad: Device {
    /// Starts collecting a PIN for `request`.
    ///
    /// Throws `.busy` when a request is already running, `.disconnected` when the PIN pad is
    /// gone, `.invalidRequest` for a PAN that is not 8 to 19 digits, a negative amount, or a
    /// timeout that is not positive.
    func requestPin(_ request: PinRequest) throws(HALError)
    /// Abandons the running request (it answers `.cancelled`); does nothing when none runs.
    func cancelPinRequest()
}

/// The receipt printer.
///
/// Events: `.printer(.finished(job))` or `.printer(.failed(job, error))` for each accepted job,
/// `.printer(.status)` when the paper, cover or connection changes, and
/// `.status(.printer, .unplugged/.ready)`.
public protocol ReceiptPrinter: Device {
    /// The printer's last known status.
    var status: PrinterStatus { get }
    /// Queues `document` as job `job`.
    ///
    /// Throws `.hardwareFault` when the printer reports paper out or cover open, and
    /// `.disconnected` when it is offline; a job that fails after being accepted is reported
    /// with `.printer(.failed)`.
    func print(_ document: PrintDocument, job: UInt64) throws(HALError)
}

/// The link to the acquirer host: one TCP-like connection at a time.
///
/// Events: `.link(.connected)` or `.link(.connectFailed)` after `connect`; `.link(.received)` with
/// bytes as they arrive; `.link(.disconnected)` when the connection ends; `.link(.networkChanged)`
/// and `.link(.signalChanged)` as the network underneath changes.
public protocol HostLink: Device {
    /// Whether the network underneath is up now.
    var isNetworkUp: Bool { get }
    /// Signal strength in percent (4G / Wi-Fi), or nil when not applicable.
    var signalPercent: Int? { get }
    /// Opens a connection to `endpoint`; the answer comes as an event (`.connected` or
    /// `.connectFailed`, exactly one). While a connection is open or opening the answer is
    /// `.connectFailed(.busy)`, at once.
    func connect(to endpoint: HostEndpoint)
    /// Sends bytes on the open connection.
    ///
    /// Throws `.disconnected` when no connection is open.
    func send(_ bytes: [UInt8]) throws(HALError)
    /// Closes the open connection, if any (posts `.link(.disconnected(nil))`), or abandons a
    /// connect under way (its answer is `.link(.connectFailed(.disconnected))`).
    func disconnect()
}

/// The barcode / QR scanner. It posts `.scanned(code)` events and has no methods of its own.
public protocol Scanner: Device {}

/// The buzzer and status LEDs.
public protocol Indicator: Device {
    /// Sounds `pattern`.
    func beep(_ pattern: BeepPattern)
    /// Turns `light` on or off.
    func setLight(_ light: IndicatorLight, on: Bool)
}
