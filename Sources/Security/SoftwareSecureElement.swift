import Synchronization

/// A software secure element: the key store and PIN encryption of the mock PIN pad (and of any
/// board without a hardware PIN pad). It holds the terminal master key, the working keys and an
/// optional DUKPT device; clear PIN digits go in and only encrypted PIN blocks come out. Keys
/// never leave it in clear: `sealedState()` exports them wrapped under the key-encryption key
/// (KEK) given at construction, for the journal to persist. Thread-safe.
public final class SoftwareSecureElement: Sendable {
    private let kek: SecretKey
    private let state: Mutex<State>

    private struct State {
        var keys: [KeyUsage: KeyEntry] = [:]
        var dukpt: DUKPTSlot?
    }

    /// The DUKPT device an element can hold, TDES (X9.24-1) or AES (X9.24-3).
    enum DUKPTSlot {
        case tdes(TDESDUKPTDevice)
        case aes(AESDUKPTDevice)
    }

    /// An empty element whose keys will be sealed under `keyEncryptionKey` (AES-256, 32 bytes).
    public init(keyEncryptionKey: SecretKey) throws(SecurityError) {
        try KeySealing.checkKEK(keyEncryptionKey)
        kek = keyEncryptionKey
        state = Mutex(State())
    }

    /// Restores an element from an image made by `sealedState()` under the same KEK. A wrong KEK
    /// or any altered byte throws `integrityCheckFailed`; a damaged layout `malformedSealedData`.
    public convenience init(keyEncryptionKey: SecretKey, sealedState: [UInt8]) throws(SecurityError) {
        try self.init(keyEncryptionKey: keyEncryptionKey)
        let restored = try Self.decodeState(sealedState, kek: keyEncryptionKey)
        state.withLock { $0 = restored }
    }

    // MARK: - Loading keys

    /// Injects a terminal master key in clear (the key-loading ceremony, or the documented test
    /// key of the mock board). With `expectedCheckValue` the key is refused unless its TDES check
    /// value starts with those bytes. Returns the 4-byte check value.
    @discardableResult
    public func injectMasterKey(_ key: SecretKey, expectedCheckValue: [UInt8]? = nil) throws(SecurityError) -> [UInt8] {
        guard key.count == 16 || key.count == 24 else { throw .invalidKeyLength(algorithm: "TMK (TDES)", length: key.count) }
        let checkValue = try KeyCheckValue.tdes(key)
        if let expectedCheckValue {
            guard !expectedCheckValue.isEmpty, expectedCheckValue.count <= 4,
                  constantTimeEqual(Array(checkValue.prefix(expectedCheckValue.count)), expectedCheckValue)
            else { throw .checkValueMismatch(key: .terminalMasterKey) }
        }
        let entry = try KeyEntry(usage: .terminalMasterKey, algorithm: .tdes, key: key)
        state.withLock { $0.keys[.terminalMasterKey] = entry }
        return checkValue
    }

    /// Loads one key sealed under this element's KEK (from a key-loading device or an earlier
    /// export), replacing any key of the same usage. Returns the key's usage.
    @discardableResult
    public func loadSealedKey(_ blob: [UInt8]) throws(SecurityError) -> KeyUsage {
        let entry = try KeySealing.unseal(blob, kek: kek)
        try Self.checkStorable(entry)
        state.withLock { $0.keys[entry.usage] = entry }
        return entry.usage
    }

    /// Installs the working keys of a sign-on response: decrypts 0810 field 62 under the TMK and
    /// verifies every check value. On any failure nothing changes and the old keys stay in force.
    /// Returns the installed keys' 4-byte check values.
    @discardableResult
    public func installWorkingKeys(field62: [UInt8], mode: KeyDownloadMode) throws(SecurityError) -> [KeyUsage: [UInt8]] {
        let tmk = try entry(.terminalMasterKey)
        let keys = try KeyDownload.decode(field62: field62, mode: mode, masterKey: tmk.key)
        var entries = [try KeyEntry(usage: .pinKey, algorithm: .tdes, key: keys.pinKey),
                       try KeyEntry(usage: .macKey, algorithm: .tdes, key: keys.macKey)]
        if let trackKey = keys.trackKey { entries.append(try KeyEntry(usage: .trackKey, algorithm: .tdes, key: trackKey)) }
        var checkValues: [KeyUsage: [UInt8]] = [:]
        for entry in entries { checkValues[entry.usage] = try KeyCheckValue.tdes(entry.key) }
        let installed = entries
        state.withLock { state in
            if mode != .doubleLengthWithTrackKey { state.keys[.trackKey] = nil }
            for entry in installed { state.keys[entry.usage] = entry }
        }
        return checkValues
    }

    /// Injects a DUKPT initial key (TDES IPEK of 16 bytes, or AES IK of 16/24/32 bytes) with the
    /// device's KSN (10 bytes for TDES, 12 for AES). The element keeps only the future-key
    /// registers derived from it.
    public func injectDUKPTInitialKey(_ key: SecretKey, algorithm: KeyAlgorithm, ksn: [UInt8]) throws(SecurityError) {
        let slot: DUKPTSlot
        switch algorithm {
        case .tdes: slot = .tdes(try TDESDUKPTDevice(initialKey: key, ksn: ksn))
        case .aes: slot = .aes(try AESDUKPTDevice(initialKey: key, ksn: ksn))
        }
        state.withLock { $0.dukpt = slot }
    }

    /// Which keys are loaded (the DUKPT device, if any, shows as `dukptInitialKey`).
    public var loadedKeys: Set<KeyUsage> {
        state.withLock { state in
            var usages = Set(state.keys.keys)
            if state.dukpt != nil { usages.insert(.dukptInitialKey) }
            return usages
        }
    }

    /// The check value of a loaded key: 4 bytes for TDES keys, 5 (CMAC) for AES keys.
    public func checkValue(of usage: KeyUsage) throws(SecurityError) -> [UInt8] {
        let entry = try entry(usage)
        return try KeyCheckValue.of(entry.key, algorithm: entry.algorithm)
    }

    /// Erases every key (tamper response, decommissioning).
    public func eraseAll() {
        state.withLock { $0 = State() }
    }

    // MARK: - Using keys

    /// Builds the PIN block for `digits` (values 0-9) and the card's PAN under the PIK: format 0
    /// needs a TDES PIK, format 4 an AES PIK (its random fill comes from OpenSSL's CSPRNG). The
    /// digits are used here and nowhere else.
    public func pinBlock(digits: [UInt8], pan: String, format: PINBlockFormat) throws(SecurityError) -> PINBlock {
        let pik = try entry(.pinKey)
        switch (format, pik.algorithm) {
        case (.iso0, .tdes):
            return try ISO9564.encryptFormat0(pin: digits, pan: pan, key: pik.key)
        case (.iso4, .aes):
            return try ISO9564.encryptFormat4(pin: digits, pan: pan, key: pik.key, random: try LibCrypto.shared.randomBytes(8))
        default:
            throw .invalidArgument("PIN block \(format) cannot be made with a \(pik.algorithm) PIN key")
        }
    }

    /// Builds a DUKPT PIN block and advances the device: TDES gives format 0 under the PIN variant
    /// of the transaction key, AES gives format 4 under the derived PIN-encryption key (of the
    /// initial key's strength). Returns the block and the KSN to send with it.
    public func dukptPINBlock(digits: [UInt8], pan: String) throws(SecurityError) -> (block: PINBlock, ksn: [UInt8]) {
        let random = try LibCrypto.shared.randomBytes(8)
        return try state.withLock { (state: inout State) throws(SecurityError) -> (block: PINBlock, ksn: [UInt8]) in
            switch state.dukpt {
            case nil:
                throw .keyNotLoaded(.dukptInitialKey)
            case var .tdes(device):
                // Reject a bad PIN or PAN before a KSN is consumed.
                _ = try ISO9564.format0ClearBlock(pin: digits, pan: pan)
                let (ksn, key) = try device.nextTransaction()
                state.dukpt = .tdes(device)
                let pinKey = try TDESDUKPT.workingKey(.pin, from: key)
                return (try ISO9564.encryptFormat0(pin: digits, pan: pan, key: pinKey), ksn)
            case var .aes(device):
                _ = try ISO9564.format4PINField(pin: digits, random: random)
                _ = try ISO9564.format4PANField(pan)
                let (ksn, key) = try device.nextTransaction()
                state.dukpt = .aes(device)
                let type = try AESDUKPT.KeyType.aes(length: key.count)
                let pinKey = try AESDUKPT.workingKey(.pinEncryption, type: type, from: key, ksn: ksn)
                return (try ISO9564.encryptFormat4(pin: digits, pan: pan, key: pinKey, random: random), ksn)
            }
        }
    }

    /// The KSN the next DUKPT transaction will use, or nil when no DUKPT key is loaded or the
    /// device is exhausted.
    public var nextDUKPTKSN: [UInt8]? {
        state.withLock { state in
            switch state.dukpt {
            case nil: return nil
            case let .tdes(device): return device.nextKSN
            case let .aes(device): return device.nextKSN
            }
        }
    }

    /// Computes field 64 over a MAC block with the MAK.
    public func mac(_ data: [UInt8], scheme: MACScheme) throws(SecurityError) -> [UInt8] {
        try scheme.compute(data, key: try entry(.macKey).key)
    }

    /// Verifies a response MAC with the MAK, in constant time.
    public func verifyMAC(_ mac: [UInt8], over data: [UInt8], scheme: MACScheme) throws(SecurityError) -> Bool {
        try MAC.verify(mac, over: data, key: try entry(.macKey).key, scheme: scheme)
    }

    /// Encrypts track 2/3 data with the TDK (key mode `004`).
    public func encryptTrack(_ track: String) throws(SecurityError) -> String {
        try TrackEncryption.encrypt(track, key: try entry(.trackKey).key)
    }

    // MARK: - At rest

    /// Every key, each sealed under the KEK, in one image for the journal to persist.
    /// Layout: `PSE` `01`, key count, each key as a 2-byte length and its sealed blob, then `00`
    /// or `01` and the DUKPT record (kind, KSN, next counter, sealed future-key registers).
    public func sealedState() throws(SecurityError) -> [UInt8] {
        let (keys, dukpt) = state.withLock { ($0.keys, $0.dukpt) }
        var writer = ByteWriter()
        writer.append(Self.magic)
        let ordered = keys.values.sorted { $0.usage.rawValue < $1.usage.rawValue }
        writer.byte(UInt8(ordered.count))
        for entry in ordered { writer.blob(try KeySealing.seal(entry, kek: kek)) }
        switch dukpt {
        case nil:
            writer.byte(0)
        case let .tdes(device):
            writer.byte(1)
            try Self.encodeRegisters(device.initialKSN, device.registers, algorithm: .tdes, kek: kek, into: &writer)
        case let .aes(device):
            writer.byte(2)
            try Self.encodeRegisters(device.initialKSN, device.registers, algorithm: .aes, kek: kek, into: &writer)
        }
        return writer.bytes
    }

    private static let magic: [UInt8] = [0x50, 0x53, 0x45, 0x01]

    private func entry(_ usage: KeyUsage) throws(SecurityError) -> KeyEntry {
        guard let entry = state.withLock({ $0.keys[usage] }) else { throw .keyNotLoaded(usage) }
        return entry
    }

    /// The keys an element holds directly: a TDES TMK, MAK and TDK, and a TDES or AES PIK.
    /// BDKs never enter a terminal; DUKPT keys arrive through `injectDUKPTInitialKey`.
    private static func checkStorable(_ entry: KeyEntry) throws(SecurityError) {
        switch (entry.usage, entry.algorithm) {
        case (.terminalMasterKey, .tdes), (.macKey, .tdes), (.trackKey, .tdes), (.pinKey, _):
            return
        default:
            throw .invalidArgument("a \(entry.algorithm) \(entry.usage) cannot be held as a secure-element key")
        }
    }

    private static func encodeRegisters(
        _ ksn: [UInt8], _ registers: FutureKeyRegisters, algorithm: KeyAlgorithm, kek: SecretKey, into writer: inout ByteWriter
    ) throws(SecurityError) {
        writer.blob(ksn)
        if let next = registers.nextCounter {
            writer.byte(1)
            writer.uint32(next)
        } else {
            writer.byte(0)
        }
        writer.byte(UInt8(registers.registers.count))
        for register in registers.registers {
            if let register {
                writer.blob(try KeySealing.seal(try KeyEntry(usage: .dukptFutureKey, algorithm: algorithm, key: register), kek: kek))
            } else {
                writer.uint16(0)
            }
        }
    }

    private static func decodeState(_ image: [UInt8], kek: SecretKey) throws(SecurityError) -> State {
        var reader = ByteReader(image)
        guard try reader.take(4) == magic else { throw .malformedSealedData(reason: "not a secure-element image") }
        var state = State()
        let count = Int(try reader.byte())
        for _ in 0..<count {
            let entry = try KeySealing.unseal(try reader.take(try reader.uint16()), kek: kek)
            do {
                try checkStorable(entry)
            } catch {
                throw .malformedSealedData(reason: error.description)
            }
            guard state.keys[entry.usage] == nil else { throw .malformedSealedData(reason: "two \(entry.usage) keys") }
            state.keys[entry.usage] = entry
        }
        let kind = try reader.byte()
        switch kind {
        case 0:
            break
        case 1:
            let (ksn, registers) = try decodeRegisters(&reader, kek: kek, algorithm: .tdes, ksnLength: TDESDUKPT.ksnLength,
                                                       counterBits: TDESDUKPT.counterBits, maxOneBits: TDESDUKPT.maxCounterOneBits)
            state.dukpt = .tdes(TDESDUKPTDevice(initialKSN: ksn, registers: registers))
        case 2:
            let (ksn, registers) = try decodeRegisters(&reader, kek: kek, algorithm: .aes, ksnLength: AESDUKPT.ksnLength,
                                                       counterBits: AESDUKPT.counterBits, maxOneBits: AESDUKPT.maxCounterOneBits)
            state.dukpt = .aes(AESDUKPTDevice(initialKSN: ksn, registers: registers))
        default:
            throw .malformedSealedData(reason: "unknown DUKPT kind \(kind)")
        }
        guard reader.isAtEnd else { throw .malformedSealedData(reason: "trailing bytes at \(reader.offset)") }
        return state
    }

    private static func decodeRegisters(
        _ reader: inout ByteReader, kek: SecretKey, algorithm: KeyAlgorithm, ksnLength: Int, counterBits: Int, maxOneBits: Int
    ) throws(SecurityError) -> ([UInt8], FutureKeyRegisters) {
        let ksn = try reader.take(try reader.uint16())
        guard ksn.count == ksnLength else { throw .invalidKSN(length: ksn.count, expected: ksnLength) }
        let hasNext = try reader.byte()
        guard hasNext <= 1 else { throw .malformedSealedData(reason: "bad DUKPT counter flag") }
        let next: UInt32? = hasNext == 1 ? try reader.uint32() : nil
        if let next, counterBits < 32, next >= UInt32(1) << UInt32(counterBits) {
            throw .malformedSealedData(reason: "DUKPT counter out of range")
        }
        guard Int(try reader.byte()) == counterBits else { throw .malformedSealedData(reason: "wrong DUKPT register count") }
        var registers: [SecretKey?] = []
        for _ in 0..<counterBits {
            let length = try reader.uint16()
            if length == 0 {
                registers.append(nil)
                continue
            }
            let entry = try KeySealing.unseal(try reader.take(length), kek: kek)
            guard entry.usage == .dukptFutureKey, entry.algorithm == algorithm else {
                throw .malformedSealedData(reason: "a DUKPT register holds a \(entry.usage) key")
            }
            registers.append(entry.key)
        }
        return (ksn, FutureKeyRegisters(counterBits: counterBits, maxOneBits: maxOneBits, registers: registers, nextCounter: next))
    }
}
