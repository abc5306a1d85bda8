/// What a DUKPT variant (TDES, X9.24-1; AES, X9.24-3) tells the terminal-side device: its counter
/// size, how a KSN carries the counter, and how a future key is derived from its parent.
public protocol DUKPTVariant {
    /// The variant's name, for descriptions (`TDES`, `AES`).
    static var name: String { get }
    /// Bits of the transaction counter in the KSN.
    static var counterBits: Int { get }
    /// Counters with more one-bits than this are skipped.
    static var maxCounterOneBits: Int { get }
    /// The KSN with its counter replaced by `counter`.
    static func ksn(_ ksn: [UInt8], withCounter counter: UInt32) throws(SecurityError) -> [UInt8]
    /// Checks that `key` can be this variant's initial key.
    static func validateInitialKey(_ key: SecretKey) throws(SecurityError)
    /// The future-key derivation for the device whose initial KSN is `ksn`.
    static func futureKeyDerivation(initialKSN ksn: [UInt8]) -> @Sendable (_ parent: SecretKey, _ counter: UInt32) throws(SecurityError) -> SecretKey
}

/// The terminal side of DUKPT: future-key registers filled from the initial key (which is not kept
/// after loading), one transaction key per KSN in counter order, skipping counters with too many
/// one-bits. `description` and the mirror redact all key material.
public struct DUKPTDevice<Variant: DUKPTVariant>: Sendable, CustomStringConvertible, CustomReflectable {
    /// The device's KSN with the counter cleared.
    public let initialKSN: [UInt8]
    var registers: FutureKeyRegisters

    /// Loads an initial key (IPEK / IK) and the device's KSN (its counter is ignored).
    public init(initialKey: SecretKey, ksn: [UInt8]) throws(SecurityError) {
        try Variant.validateInitialKey(initialKey)
        let base = try Variant.ksn(ksn, withCounter: 0)
        initialKSN = base
        registers = try FutureKeyRegisters(initialKey: initialKey, counterBits: Variant.counterBits,
                                           maxOneBits: Variant.maxCounterOneBits,
                                           derive: Variant.futureKeyDerivation(initialKSN: base))
    }

    init(initialKSN: [UInt8], registers: FutureKeyRegisters) {
        self.initialKSN = initialKSN
        self.registers = registers
    }

    /// The KSN the next transaction will use, or nil when the device is exhausted.
    public var nextKSN: [UInt8]? {
        guard let counter = registers.nextCounter else { return nil }
        return try? Variant.ksn(initialKSN, withCounter: counter)
    }

    /// Takes the next transaction key and its KSN, and advances the device.
    public mutating func nextTransaction() throws(SecurityError) -> (ksn: [UInt8], key: SecretKey) {
        let (counter, key) = try registers.next(derive: Variant.futureKeyDerivation(initialKSN: initialKSN))
        return (try Variant.ksn(initialKSN, withCounter: counter), key)
    }

    /// Redacted: the next KSN only.
    public var description: String {
        "\(Variant.name)DUKPTDevice(next KSN \(nextKSN.map(Hex.encode) ?? "exhausted"), keys redacted)"
    }

    /// An empty mirror, so `dump` and reflection cannot reach the registers.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// The TDES DUKPT device (X9.24-1): IPEK of 16 bytes, 21-bit counter.
public typealias TDESDUKPTDevice = DUKPTDevice<TDESDUKPT>
/// The AES DUKPT device (X9.24-3): initial key of 16, 24 or 32 bytes, 32-bit counter.
public typealias AESDUKPTDevice = DUKPTDevice<AESDUKPT>

extension TDESDUKPT: DUKPTVariant {
    /// `TDES`.
    public static var name: String { "TDES" }

    /// The IPEK must be a double-length TDES key.
    public static func validateInitialKey(_ key: SecretKey) throws(SecurityError) {
        guard key.count == 16 else { throw .invalidKeyLength(algorithm: "TDES DUKPT IPEK", length: key.count) }
    }

    /// The X9.24-1 non-reversible key generation step over the KSN register for the counter.
    public static func futureKeyDerivation(initialKSN ksn: [UInt8]) -> @Sendable (_ parent: SecretKey, _ counter: UInt32) throws(SecurityError) -> SecretKey {
        { (parent: SecretKey, counter: UInt32) throws(SecurityError) -> SecretKey in
            try nonReversibleStep(parent, register: register(ksn, counter: counter))
        }
    }
}

extension AESDUKPT: DUKPTVariant {
    /// `AES`.
    public static var name: String { "AES" }

    /// The initial key must be an AES key.
    public static func validateInitialKey(_ key: SecretKey) throws(SecurityError) {
        _ = try KeyType.aes(length: key.count)
    }

    /// The X9.24-3 derivation of a key-derivation key from its parent for the counter.
    public static func futureKeyDerivation(initialKSN ksn: [UInt8]) -> @Sendable (_ parent: SecretKey, _ counter: UInt32) throws(SecurityError) -> SecretKey {
        { (parent: SecretKey, counter: UInt32) throws(SecurityError) -> SecretKey in
            let type = try KeyType.aes(length: parent.count)
            return try derive(parent, usage: derivationKeyUsage, type: type, material: material(ksn, counter: counter))
        }
    }
}
