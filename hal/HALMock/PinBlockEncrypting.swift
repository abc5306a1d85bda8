import HAL

/// The secure element inside a PIN pad: turns the clear PIN digits into an encrypted PIN block
/// bound to the PAN, under the PIN key it holds. The Security module's software secure element
/// conforms; the clear digits never go anywhere else.
///
/// Implementations throw a `HALError` (e.g. `.notSupported` "no PIN key loaded") so the PIN pad
/// can pass the reason on; any other error is reported as a hardware fault without its text.
public protocol PinBlockEncrypting: Sendable {
    /// Encrypts `pinDigits` (each 0…9, 4 to 12 of them) for `pan`. Must not keep the digits.
    func encryptPinBlock(pinDigits: [UInt8], pan: String) throws -> EncryptedPinBlock
}
