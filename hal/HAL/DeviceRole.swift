/// A device role on a board: what the firmware needs, independent of which backend serves it.
///
/// The raw value is the role's name in board files and in the control protocol.
public enum DeviceRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// The terminal's text display.
    case display
    /// The terminal's own keypad.
    case keypad
    /// The card reader (magstripe, contact chip and contactless in one role).
    case cardReader = "card-reader"
    /// The PIN pad, a secure element that answers encrypted PIN blocks only.
    case pinPad = "pinpad"
    /// The receipt printer.
    case printer
    /// The link to the acquirer host (Ethernet, Wi-Fi or a 4G modem).
    case link
    /// The barcode / QR code scanner.
    case scanner
    /// The buzzer and status LEDs.
    case indicator
    /// The flash memory that holds the journal.
    case flash
}

/// Whether a device is present and usable, as reported by its backend.
public enum DeviceStatus: String, Sendable, Hashable, Codable {
    /// Present and working.
    case ready
    /// Not present (unplugged, or never found).
    case unplugged
    /// Present but failing; the backend's last error says why.
    case faulty
}
