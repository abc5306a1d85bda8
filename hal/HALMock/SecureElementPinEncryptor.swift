import HAL
import Security

/// Makes the mock PIN pad's PIN blocks with a `SoftwareSecureElement`: ISO 9564 format 0 under
/// the session PIN key that sign-on installed (CUP working keys are TDES), or DUKPT (format 0 for
/// a TDES initial key, format 4 for AES) when `useDUKPT` is set. The clear digits go from the PIN pad straight into the element.
public struct SecureElementPinEncryptor: PinBlockEncrypting {
    /// The element that holds the keys.
    public let element: SoftwareSecureElement
    /// Whether to use the element's DUKPT key instead of the session PIN key.
    public let useDUKPT: Bool

    /// Wraps `element`.
    public init(element: SoftwareSecureElement, useDUKPT: Bool = false) {
        self.element = element
        self.useDUKPT = useDUKPT
    }

    /// Encrypts the PIN for `pan`. Throws `HALError(.hardwareFault)` when the element has no
    /// usable key (the PIN pad reports it as a failed request).
    public func encryptPinBlock(pinDigits: [UInt8], pan: String) throws -> EncryptedPinBlock {
        do {
            if useDUKPT {
                let (block, ksn) = try element.dukptPINBlock(digits: pinDigits, pan: pan)
                return EncryptedPinBlock(bytes: block.bytes, keySerialNumber: ksn)
            }
            return EncryptedPinBlock(bytes: try element.pinBlock(digits: pinDigits, pan: pan, format: .iso0).bytes)
        } catch {
            throw HALError(.hardwareFault, role: .pinPad, "PIN key error: \(error)")
        }
    }
}
