/// What a key is for. The secure element uses a key only for its usage, and the usage is bound
/// into the key's sealed form at rest.
public enum KeyUsage: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Terminal master key (终端主密钥): injected per device, decrypts the working keys.
    case terminalMasterKey = 1
    /// PIN encryption key (PIK), a working key from sign-on.
    case pinKey = 2
    /// MAC key (MAK), a working key from sign-on.
    case macKey = 3
    /// Track data encryption key (TDK), a working key from sign-on in key mode `004`.
    case trackKey = 4
    /// DUKPT initial key (TDES IPEK or AES IK) loaded into a device.
    case dukptInitialKey = 5
    /// Base derivation key: host side of DUKPT only.
    case baseDerivationKey = 6
    /// A DUKPT future key held in a device's register (sealed with the device state).
    case dukptFutureKey = 7

    /// The short name used in payment security (TMK, PIK, MAK, TDK, IPEK, BDK).
    public var description: String {
        switch self {
        case .terminalMasterKey: return "TMK"
        case .pinKey: return "PIK"
        case .macKey: return "MAK"
        case .trackKey: return "TDK"
        case .dukptInitialKey: return "IPEK"
        case .baseDerivationKey: return "BDK"
        case .dukptFutureKey: return "DUKPT future key"
        }
    }
}

/// The block cipher a key belongs to; a 16-byte key could be either, so the secure element
/// records it with the key.
public enum KeyAlgorithm: UInt8, Sendable, CustomStringConvertible {
    /// DES or Triple DES (8, 16 or 24 bytes).
    case tdes = 1
    /// AES (16, 24 or 32 bytes).
    case aes = 2

    /// "TDES" or "AES".
    public var description: String { self == .tdes ? "TDES" : "AES" }

    /// Whether `length` bytes make a key of this algorithm.
    public func accepts(length: Int) -> Bool {
        switch self {
        case .tdes: return [8, 16, 24].contains(length)
        case .aes: return [16, 24, 32].contains(length)
        }
    }
}

/// Clear key material. Its `description`, `debugDescription` and mirror never show the bytes,
/// so a key that reaches a log, `print` or `dump` prints as `SecretKey(16 bytes, redacted)`.
public struct SecretKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The clear key bytes. Read them only to hand them to a cryptographic operation.
    public let bytes: [UInt8]

    /// Wraps clear key bytes.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a key written as hex (test vectors, the documented test master key).
    public init(hex: String) throws(SecurityError) {
        guard let bytes = Hex.decode(hex) else {
            throw .invalidArgument("key text is not an even number of hex digits")
        }
        self.bytes = bytes
    }

    /// A fresh key of `length` bytes from OpenSSL's random generator.
    public static func random(length: Int) throws(SecurityError) -> SecretKey {
        guard length > 0 && length <= 64 else { throw .invalidKeyLength(algorithm: "random", length: length) }
        return SecretKey(try LibCrypto.shared.randomBytes(length))
    }

    /// Key length in bytes.
    public var count: Int { bytes.count }

    /// Redacted: the length only.
    public var description: String { "SecretKey(\(bytes.count) bytes, redacted)" }

    /// Redacted: the length only.
    public var debugDescription: String { description }

    /// An empty mirror, so `dump` and reflection cannot reach the bytes.
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// A 16-byte TDES key for 8- or 16-byte input: a single-length key K becomes K‖K (single DES
    /// expressed as TDES), a 16- or 24-byte key is returned as it is.
    var tdesKey: [UInt8] { bytes.count == 8 ? bytes + bytes : bytes }
}
