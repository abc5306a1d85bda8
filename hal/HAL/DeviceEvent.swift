/// Everything a device can report to the firmware's event loop.
public enum DeviceEvent: Sendable, Hashable {
    /// A keypad key was pressed.
    case key(KeypadKey)
    /// The card reader saw a card (or lost it, or failed to read it).
    case card(CardEvent)
    /// The PIN pad answered (or progressed on) a PIN request.
    case pinPad(PinPadEvent)
    /// The scanner read a barcode or QR code.
    case scanned(String)
    /// The printer finished a job, failed one, or changed status.
    case printer(PrinterEvent)
    /// The host link changed state or delivered bytes.
    case link(LinkEvent)
    /// A device appeared, disappeared or failed.
    case status(DeviceRole, DeviceStatus)
}

/// What the printer reports.
public enum PrinterEvent: Sendable, Hashable {
    /// Job `job` printed completely.
    case finished(job: UInt64)
    /// Job `job` did not print (completely); `error` says why.
    case failed(job: UInt64, HALError)
    /// The printer's status changed (paper loaded, cover closed …).
    case status(PrinterStatus)
}

/// The callback a device posts its events through. It may be called from any thread; the
/// firmware hops each event onto its event loop.
public typealias DeviceEventSink = @Sendable (DeviceEvent) -> Void
