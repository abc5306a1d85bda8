/// ISO 9564-1 PIN block formats this terminal produces.
public enum PINBlockFormat: UInt8, Sendable, CustomStringConvertible {
    /// Format 0 (ANSI X9.8, CUP "with PAN"): 8 bytes, encrypted with TDES.
    case iso0 = 0
    /// Format 4: 16 bytes, encrypted with AES.
    case iso4 = 4

    /// "ISO-0" or "ISO-4".
    public var description: String { "ISO-\(rawValue)" }
}

/// An encrypted PIN block as it leaves the PIN pad. Its bytes may travel in field 52 but must
/// never be logged or persisted after authorisation, so `description` and the mirror redact them.
public struct PINBlock: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The block's format.
    public let format: PINBlockFormat
    /// The encrypted block: 8 bytes (format 0) or 16 bytes (format 4).
    public let bytes: [UInt8]

    /// Wraps an encrypted block (the host side receives it from field 52).
    public init(format: PINBlockFormat, bytes: [UInt8]) {
        self.format = format
        self.bytes = bytes
    }

    /// Redacted: the format and length only.
    public var description: String { "PINBlock(\(format), \(bytes.count) bytes, redacted)" }

    /// Redacted: the format and length only.
    public var debugDescription: String { description }

    /// An empty mirror, so `dump` and reflection cannot reach the bytes.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// ISO 9564-1 PIN block construction and decoding. PINs are arrays of digit values 0...9.
/// Building happens inside the secure element; decoding is for the host side.
public enum ISO9564 {
    /// Format 0 clear block: PIN field (`0`, length, digits, `F` fill) XOR PAN field (`0000` and the
    /// 12 rightmost PAN digits before the check digit).
    public static func format0ClearBlock(pin: [UInt8], pan: String) throws(SecurityError) -> [UInt8] {
        try validate(pin: pin)
        var nibbles: [UInt8] = [0, UInt8(pin.count)] + pin
        nibbles += [UInt8](repeating: 0xF, count: 16 - nibbles.count)
        return xor(pack(nibbles), try format0PANField(pan))
    }

    /// Decodes a format 0 clear block back to PIN digits, checking the format nibble, the length,
    /// every digit and the `F` fill.
    public static func decodeFormat0(clearBlock: [UInt8], pan: String) throws(SecurityError) -> [UInt8] {
        guard clearBlock.count == 8 else { throw .invalidPINBlock(reason: "format 0 block of \(clearBlock.count) bytes") }
        let nibbles = unpack(xor(clearBlock, try format0PANField(pan)))
        guard nibbles[0] == 0 else { throw .invalidPINBlock(reason: "format nibble \(nibbles[0]), expected 0") }
        return try pinDigits(nibbles, fill: 0xF, fillEnd: 16)
    }

    /// Format 0 encrypted under a TDES PIN key (16 or 24 bytes; 8 bytes means single DES as K‖K).
    public static func encryptFormat0(pin: [UInt8], pan: String, key: SecretKey) throws(SecurityError) -> PINBlock {
        guard KeyAlgorithm.tdes.accepts(length: key.count) else { throw .invalidKeyLength(algorithm: "TDES", length: key.count) }
        return PINBlock(format: .iso0, bytes: try TDES.encrypt(try format0ClearBlock(pin: pin, pan: pan), key: key.tdesKey))
    }

    /// Host side: decrypts a format 0 block under the PIN key and returns the PIN digits.
    public static func decryptFormat0(_ block: PINBlock, pan: String, key: SecretKey) throws(SecurityError) -> [UInt8] {
        guard block.format == .iso0, block.bytes.count == 8 else {
            throw .invalidPINBlock(reason: "expected an 8-byte format 0 block")
        }
        guard KeyAlgorithm.tdes.accepts(length: key.count) else { throw .invalidKeyLength(algorithm: "TDES", length: key.count) }
        return try decodeFormat0(clearBlock: try TDES.decrypt(block.bytes, key: key.tdesKey), pan: pan)
    }

    /// Format 4 PIN field: `4`, length, digits, `A` fill to 16 nibbles, then 8 random bytes.
    public static func format4PINField(pin: [UInt8], random: [UInt8]) throws(SecurityError) -> [UInt8] {
        try validate(pin: pin)
        guard random.count == 8 else { throw .invalidArgument("format 4 needs 8 random bytes, got \(random.count)") }
        var nibbles: [UInt8] = [4, UInt8(pin.count)] + pin
        nibbles += [UInt8](repeating: 0xA, count: 16 - nibbles.count)
        return pack(nibbles) + random
    }

    /// Format 4 PAN field: M (PAN length − 12, or 0 when shorter, with the PAN left-padded with
    /// zeros to 12 digits), the PAN, then `0` fill to 32 nibbles.
    public static func format4PANField(_ pan: String) throws(SecurityError) -> [UInt8] {
        var digits = try panDigits(pan, minimum: 1)
        let m = UInt8(max(0, digits.count - 12))
        if digits.count < 12 { digits = [UInt8](repeating: 0, count: 12 - digits.count) + digits }
        var nibbles = [m] + digits
        nibbles += [UInt8](repeating: 0, count: 32 - nibbles.count)
        return pack(nibbles)
    }

    /// Format 4 encrypted block: E_K(E_K(PIN field) XOR PAN field) under an AES key. `random` is
    /// the 8-byte fill of the PIN field; the secure element takes it from the CSPRNG.
    public static func encryptFormat4(pin: [UInt8], pan: String, key: SecretKey, random: [UInt8]) throws(SecurityError) -> PINBlock {
        let pinField = try format4PINField(pin: pin, random: random)
        let panField = try format4PANField(pan)
        let intermediate = xor(try AES.encrypt(pinField, key: key.bytes), panField)
        return PINBlock(format: .iso4, bytes: try AES.encrypt(intermediate, key: key.bytes))
    }

    /// Host side: decrypts a format 4 block under the AES PIN key and returns the PIN digits.
    public static func decryptFormat4(_ block: PINBlock, pan: String, key: SecretKey) throws(SecurityError) -> [UInt8] {
        guard block.format == .iso4, block.bytes.count == 16 else {
            throw .invalidPINBlock(reason: "expected a 16-byte format 4 block")
        }
        let intermediate = xor(try AES.decrypt(block.bytes, key: key.bytes), try format4PANField(pan))
        let nibbles = unpack(try AES.decrypt(intermediate, key: key.bytes))
        guard nibbles[0] == 4 else { throw .invalidPINBlock(reason: "format nibble \(nibbles[0]), expected 4") }
        return try pinDigits(nibbles, fill: 0xA, fillEnd: 16)
    }

    // MARK: - Helpers

    private static func validate(pin: [UInt8]) throws(SecurityError) {
        guard (4...12).contains(pin.count) else { throw .invalidPIN(reason: "\(pin.count) digits; 4 to 12 allowed") }
        guard pin.allSatisfy({ $0 <= 9 }) else { throw .invalidPIN(reason: "a digit is outside 0-9") }
    }

    private static func panDigits(_ pan: String, minimum: Int) throws(SecurityError) -> [UInt8] {
        let bytes = Array(pan.utf8)
        guard (minimum...19).contains(bytes.count) else {
            throw .invalidPAN(reason: "\(bytes.count) digits; \(minimum) to 19 allowed")
        }
        guard bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .invalidPAN(reason: "contains a character other than 0-9")
        }
        return bytes.map { $0 - UInt8(ascii: "0") }
    }

    /// `0000` + the 12 rightmost PAN digits excluding the check digit, as 8 bytes.
    private static func format0PANField(_ pan: String) throws(SecurityError) -> [UInt8] {
        let digits = try panDigits(pan, minimum: 13)
        let twelve = digits.dropLast().suffix(12)
        return pack([0, 0, 0, 0] + twelve)
    }

    /// Reads the length nibble and the digits, and checks the fill up to `fillEnd` nibbles.
    private static func pinDigits(_ nibbles: [UInt8], fill: UInt8, fillEnd: Int) throws(SecurityError) -> [UInt8] {
        let length = Int(nibbles[1])
        guard (4...12).contains(length) else { throw .invalidPINBlock(reason: "PIN length \(length)") }
        let digits = Array(nibbles[2..<2 + length])
        guard digits.allSatisfy({ $0 <= 9 }) else { throw .invalidPINBlock(reason: "a PIN digit is not decimal") }
        guard nibbles[(2 + length)..<fillEnd].allSatisfy({ $0 == fill }) else {
            throw .invalidPINBlock(reason: "fill is not all \(fill == 0xF ? "F" : "A")")
        }
        return digits
    }

    private static func pack(_ nibbles: [UInt8]) -> [UInt8] {
        stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }

    private static func unpack(_ bytes: [UInt8]) -> [UInt8] {
        bytes.flatMap { [$0 >> 4, $0 & 0x0F] }
    }
}
