/// TDES DUKPT (ANSI X9.24-1:2009): 16-byte BDK and keys, 10-byte KSN whose rightmost 21 bits are
/// the transaction counter. Host-side derivation is stateless; the terminal side is
/// `TDESDUKPTDevice`.
public enum TDESDUKPT {
    /// KSN length in bytes.
    public static let ksnLength = 10
    /// Bits of the transaction counter.
    public static let counterBits = 21
    /// The most one-bits a valid counter may have.
    public static let maxCounterOneBits = 10

    /// The variants of a transaction key (X9.24-1:2009 A.4.1, table A-1).
    public enum Variant: Sendable, CaseIterable {
        /// PIN encryption.
        case pin
        /// MAC for request messages.
        case macRequest
        /// MAC for response messages.
        case macResponse
        /// Data encryption for requests (the variant passed through the one-way step of figure A-2).
        case dataRequest
        /// Data encryption for responses (the variant passed through the one-way step).
        case dataResponse

        var mask: [UInt8] {
            switch self {
            case .pin: return Hex.decode("00000000000000FF00000000000000FF") ?? []
            case .macRequest: return Hex.decode("000000000000FF00000000000000FF00") ?? []
            case .macResponse: return Hex.decode("00000000FF00000000000000FF000000") ?? []
            case .dataRequest: return Hex.decode("0000000000FF00000000000000FF0000") ?? []
            case .dataResponse: return Hex.decode("000000FF00000000000000FF00000000") ?? []
            }
        }
    }

    private static let keyMask: [UInt8] = [0xC0, 0xC0, 0xC0, 0xC0, 0, 0, 0, 0, 0xC0, 0xC0, 0xC0, 0xC0, 0, 0, 0, 0]

    /// The initial key (IPEK) of the device whose KSN is `ksn` (the counter bits are ignored).
    public static func initialKey(bdk: SecretKey, ksn: [UInt8]) throws(SecurityError) -> SecretKey {
        try checkKSN(ksn)
        guard bdk.count == 16 else { throw .invalidKeyLength(algorithm: "TDES DUKPT BDK", length: bdk.count) }
        // The leftmost 8 bytes of the KSN with the counter cleared (its top 5 bits are in byte 7).
        var base = Array(ksn.prefix(8))
        base[7] &= 0xE0
        let left = try TDES.encrypt(base, key: bdk.bytes)
        let right = try TDES.encrypt(base, key: xor(bdk.bytes, keyMask))
        return SecretKey(left + right)
    }

    /// Host side: the transaction key for `ksn`, from the device's initial key.
    public static func transactionKey(initialKey: SecretKey, ksn: [UInt8]) throws(SecurityError) -> SecretKey {
        try checkKSN(ksn)
        guard initialKey.count == 16 else { throw .invalidKeyLength(algorithm: "TDES DUKPT IPEK", length: initialKey.count) }
        let counter = counter(of: ksn)
        guard counter.nonzeroBitCount <= maxCounterOneBits else { throw .invalidTransactionCounter(counter) }
        var key = initialKey
        var working: UInt32 = 0
        for bit in stride(from: counterBits - 1, through: 0, by: -1) where counter & (1 << UInt32(bit)) != 0 {
            working |= 1 << UInt32(bit)
            key = try nonReversibleStep(key, register: register(ksn, counter: working))
        }
        return key
    }

    /// Host side: the transaction key for `ksn` straight from the BDK.
    public static func transactionKey(bdk: SecretKey, ksn: [UInt8]) throws(SecurityError) -> SecretKey {
        try transactionKey(initialKey: try initialKey(bdk: bdk, ksn: ksn), ksn: ksn)
    }

    /// A working key from a transaction key: the variant mask, and for data keys the one-way step
    /// (each half TDES-encrypted under the variant key).
    public static func workingKey(_ variant: Variant, from transactionKey: SecretKey) throws(SecurityError) -> SecretKey {
        guard transactionKey.count == 16 else { throw .invalidKeyLength(algorithm: "TDES DUKPT key", length: transactionKey.count) }
        let masked = xor(transactionKey.bytes, variant.mask)
        switch variant {
        case .pin, .macRequest, .macResponse:
            return SecretKey(masked)
        case .dataRequest, .dataResponse:
            return SecretKey(try TDES.encrypt(masked, key: masked))
        }
    }

    /// The 21-bit transaction counter of a KSN.
    public static func counter(of ksn: [UInt8]) -> UInt32 {
        guard ksn.count == ksnLength else { return 0 }
        return (UInt32(ksn[7] & 0x1F) << 16) | (UInt32(ksn[8]) << 8) | UInt32(ksn[9])
    }

    /// `ksn` with its counter replaced by `counter`.
    public static func ksn(_ ksn: [UInt8], withCounter counter: UInt32) throws(SecurityError) -> [UInt8] {
        try checkKSN(ksn)
        guard counter < 1 << UInt32(counterBits) else { throw .invalidTransactionCounter(counter) }
        var out = ksn
        out[7] = (out[7] & 0xE0) | UInt8(counter >> 16)
        out[8] = UInt8((counter >> 8) & 0xFF)
        out[9] = UInt8(counter & 0xFF)
        return out
    }

    static func checkKSN(_ ksn: [UInt8]) throws(SecurityError) {
        guard ksn.count == ksnLength else { throw .invalidKSN(length: ksn.count, expected: ksnLength) }
    }

    /// Rightmost 8 bytes of the KSN with the counter set to `counter`.
    static func register(_ ksn: [UInt8], counter: UInt32) throws(SecurityError) -> [UInt8] {
        Array(try self.ksn(ksn, withCounter: counter).suffix(8))
    }

    /// X9.24-1 A.2 non-reversible key generation: each half of the new key is
    /// DES(keyLeft, register XOR keyRight) XOR keyRight, the left half with the key masked.
    static func nonReversibleStep(_ key: SecretKey, register: [UInt8]) throws(SecurityError) -> SecretKey {
        func half(_ k: [UInt8]) throws(SecurityError) -> [UInt8] {
            let right = Array(k.suffix(8))
            return xor(try DES.encrypt(xor(register, right), key: Array(k.prefix(8))), right)
        }
        let rightHalf = try half(key.bytes)
        let leftHalf = try half(xor(key.bytes, keyMask))
        return SecretKey(leftHalf + rightHalf)
    }
}
