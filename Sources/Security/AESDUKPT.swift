/// AES DUKPT (ANSI X9.24-3:2017): AES BDK, 12-byte KSN = 8-byte initial key ID (BDK ID and
/// derivation ID) + 32-bit transaction counter. Every derivation is AES-ECB of a 16-byte
/// derivation-data block under the parent key. The terminal side is `AESDUKPTDevice`.
public enum AESDUKPT {
    /// KSN length in bytes.
    public static let ksnLength = 12
    /// Bits of the transaction counter.
    public static let counterBits = 32
    /// The most one-bits a valid counter may have.
    public static let maxCounterOneBits = 16

    /// Key types a derivation can produce (X9.24-3 §6.3.2 algorithm indicator and length).
    public enum KeyType: Sendable, CaseIterable, CustomStringConvertible {
        /// Two-key TDES (128 bits).
        case tdes2
        /// Three-key TDES (192 bits).
        case tdes3
        /// AES-128.
        case aes128
        /// AES-192.
        case aes192
        /// AES-256.
        case aes256

        var algorithm: UInt16 {
            switch self {
            case .tdes2: return 0x0000
            case .tdes3: return 0x0001
            case .aes128: return 0x0002
            case .aes192: return 0x0003
            case .aes256: return 0x0004
            }
        }

        /// The usual name, e.g. "AES-128" or "TDES-2".
        public var description: String {
            switch self {
            case .tdes2: return "TDES-2"
            case .tdes3: return "TDES-3"
            case .aes128: return "AES-128"
            case .aes192: return "AES-192"
            case .aes256: return "AES-256"
            }
        }

        /// Key length in bits.
        public var bits: Int {
            switch self {
            case .tdes2, .aes128: return 128
            case .tdes3, .aes192: return 192
            case .aes256: return 256
            }
        }

        /// The AES type of a BDK or derivation key of `length` bytes.
        static func aes(length: Int) throws(SecurityError) -> KeyType {
            switch length {
            case 16: return .aes128
            case 24: return .aes192
            case 32: return .aes256
            default: throw .invalidKeyLength(algorithm: "AES DUKPT", length: length)
            }
        }
    }

    /// Working-key usages (X9.24-3 derivation data bytes 2-3).
    public enum Usage: UInt16, Sendable, CaseIterable {
        /// Key-encryption key.
        case keyEncryption = 0x0002
        /// PIN encryption.
        case pinEncryption = 0x1000
        /// MAC generation.
        case macGeneration = 0x2000
        /// MAC verification.
        case macVerification = 0x2001
        /// MAC generation and verification.
        case macBoth = 0x2002
        /// Data encryption.
        case dataEncryption = 0x3000
        /// Data decryption.
        case dataDecryption = 0x3001
        /// Data encryption and decryption.
        case dataBoth = 0x3002
    }

    static let initialKeyUsage: UInt16 = 0x8001
    static let derivationKeyUsage: UInt16 = 0x8000

    /// The initial key (IK) for `initialKeyID` (the first 8 bytes of the KSN).
    public static func initialKey(bdk: SecretKey, initialKeyID: [UInt8]) throws(SecurityError) -> SecretKey {
        guard initialKeyID.count == 8 else { throw .invalidArgument("an AES DUKPT initial key ID is 8 bytes, not \(initialKeyID.count)") }
        let type = try KeyType.aes(length: bdk.count)
        return try derive(bdk, usage: initialKeyUsage, type: type, material: initialKeyID)
    }

    /// Host side: the transaction (derivation) key for `ksn`, from the device's initial key.
    public static func transactionKey(initialKey: SecretKey, ksn: [UInt8]) throws(SecurityError) -> SecretKey {
        try checkKSN(ksn)
        let type = try KeyType.aes(length: initialKey.count)
        let counter = counter(of: ksn)
        guard counter.nonzeroBitCount <= maxCounterOneBits else { throw .invalidTransactionCounter(counter) }
        var key = initialKey
        var working: UInt32 = 0
        for bit in stride(from: counterBits - 1, through: 0, by: -1) where counter & (1 << UInt32(bit)) != 0 {
            working |= 1 << UInt32(bit)
            key = try derive(key, usage: derivationKeyUsage, type: type, material: material(ksn, counter: working))
        }
        return key
    }

    /// Host side: the transaction key for `ksn` straight from the BDK.
    public static func transactionKey(bdk: SecretKey, ksn: [UInt8]) throws(SecurityError) -> SecretKey {
        try checkKSN(ksn)
        let initial = try initialKey(bdk: bdk, initialKeyID: Array(ksn.prefix(8)))
        return try transactionKey(initialKey: initial, ksn: ksn)
    }

    /// A working key of `type` for `usage` from the transaction key of `ksn`. A working key may not
    /// be stronger than its derivation key (no AES-192/256 from AES-128, no AES-256 from AES-192).
    public static func workingKey(
        _ usage: Usage, type: KeyType, from transactionKey: SecretKey, ksn: [UInt8]
    ) throws(SecurityError) -> SecretKey {
        try checkKSN(ksn)
        let parent = try KeyType.aes(length: transactionKey.count)
        let tooStrong = (parent == .aes128 && (type == .aes192 || type == .aes256)) || (parent == .aes192 && type == .aes256)
        guard !tooStrong else { throw .unsupportedDerivation(reason: "a \(type) working key is stronger than its \(parent) derivation key") }
        return try derive(transactionKey, usage: usage.rawValue, type: type,
                          material: material(ksn, counter: counter(of: ksn)))
    }

    /// The 32-bit transaction counter of a KSN.
    public static func counter(of ksn: [UInt8]) -> UInt32 {
        guard ksn.count == ksnLength else { return 0 }
        return ksn[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// `ksn` with its counter replaced by `counter`.
    public static func ksn(_ ksn: [UInt8], withCounter counter: UInt32) throws(SecurityError) -> [UInt8] {
        try checkKSN(ksn)
        return Array(ksn.prefix(8)) + [UInt8(counter >> 24), UInt8((counter >> 16) & 0xFF),
                                       UInt8((counter >> 8) & 0xFF), UInt8(counter & 0xFF)]
    }

    static func checkKSN(_ ksn: [UInt8]) throws(SecurityError) {
        guard ksn.count == ksnLength else { throw .invalidKSN(length: ksn.count, expected: ksnLength) }
    }

    /// Key material for non-initial derivations: derivation ID (KSN bytes 4-7) + counter.
    static func material(_ ksn: [UInt8], counter: UInt32) throws(SecurityError) -> [UInt8] {
        Array(try self.ksn(ksn, withCounter: counter).suffix(8))
    }

    /// The derivation data for block `blockCounter`.
    static func derivationData(usage: UInt16, type: KeyType, blockCounter: UInt8, material: [UInt8]) -> [UInt8] {
        let bits = UInt16(type.bits)
        return [0x01, blockCounter, UInt8(usage >> 8), UInt8(usage & 0xFF),
                UInt8(type.algorithm >> 8), UInt8(type.algorithm & 0xFF), UInt8(bits >> 8), UInt8(bits & 0xFF)] + material
    }

    /// One key of `type`: as many 16-byte AES-ECB blocks as its length needs, truncated.
    static func derive(_ key: SecretKey, usage: UInt16, type: KeyType, material: [UInt8]) throws(SecurityError) -> SecretKey {
        var out: [UInt8] = []
        var block: UInt8 = 1
        while out.count * 8 < type.bits {
            out += try AES.encrypt(derivationData(usage: usage, type: type, blockCounter: block, material: material), key: key.bytes)
            block += 1
        }
        return SecretKey(Array(out.prefix(type.bits / 8)))
    }
}
