/// A request to the PIN pad: show the amount and collect a PIN for this card.
public struct PinRequest: Sendable, Hashable {
    /// The PAN the PIN block is bound to (ISO 9564 formats 0 and 4 mix it in).
    public var pan: String
    /// The amount shown on the PIN pad, in minor units.
    public var amountMinor: Int64
    /// ISO 4217 numeric currency code (156 = CNY).
    public var currency: UInt16
    /// How long the cardholder has to finish, in milliseconds.
    public var timeoutMilliseconds: Int64
    /// Whether an empty PIN (Enter alone) is accepted (a "no PIN" card).
    public var allowEmpty: Bool

    /// Creates a PIN request.
    public init(pan: String, amountMinor: Int64, currency: UInt16 = 156,
                timeoutMilliseconds: Int64 = 60_000, allowEmpty: Bool = false) {
        self.pan = pan
        self.amountMinor = amountMinor
        self.currency = currency
        self.timeoutMilliseconds = timeoutMilliseconds
        self.allowEmpty = allowEmpty
    }
}

/// An encrypted PIN block as the PIN pad answers it. The clear PIN never leaves the PIN pad.
///
/// Sensitive: used for the one authorisation request it was made for, never persisted or
/// logged; `description` never shows it.
public struct EncryptedPinBlock: Sendable, Hashable, CustomStringConvertible {
    /// The encrypted block (8 bytes for TDES, 16 for AES).
    public var bytes: [UInt8]
    /// The DUKPT key serial number when the PIN pad uses DUKPT; nil for master/session keys.
    public var keySerialNumber: [UInt8]?

    /// Wraps an encrypted block.
    public init(bytes: [UInt8], keySerialNumber: [UInt8]? = nil) {
        self.bytes = bytes
        self.keySerialNumber = keySerialNumber
    }

    /// Never shows the block.
    public var description: String { "EncryptedPinBlock(\(bytes.count) bytes, redacted)" }
}

/// What the PIN pad answers to a `PinRequest`.
public enum PinPadEvent: Sendable, Hashable {
    /// Each time the cardholder types or erases a digit: how many digits are entered now.
    /// (The PIN pad shows asterisks; the terminal may mirror them.)
    case digitsEntered(Int)
    /// The cardholder confirmed; here is the encrypted block.
    case pinBlock(EncryptedPinBlock)
    /// The cardholder confirmed without a PIN (only when the request allowed it).
    case noPin
    /// The cardholder pressed cancel.
    case cancelled
    /// The cardholder did not finish in time.
    case timedOut
    /// The PIN pad could not make a block (no PIN key loaded, key error …).
    case failed(HALError)
}

/// The PIN pad's own keys. They reach the secure element only, never the rest of the firmware.
public enum PinPadKey: String, Sendable, Hashable, CaseIterable, Codable {
    /// Digit keys 0 to 4.
    case digit0 = "0", digit1 = "1", digit2 = "2", digit3 = "3", digit4 = "4"
    /// Digit keys 5 to 9.
    case digit5 = "5", digit6 = "6", digit7 = "7", digit8 = "8", digit9 = "9"
    /// Confirms the PIN.
    case enter = "ENTER"
    /// Abandons PIN entry.
    case cancel = "CANCEL"
    /// Erases the digits entered.
    case clear = "CLEAR"
}
