/// The key mode a terminal asks for in 0800 field 60.3; it fixes the field-62 layout of the 0810.
public enum KeyDownloadMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `001`: single-length PIK and MAK (24 bytes).
    case singleLength = "001"
    /// `003`: double-length PIK, single-length MAK used as K‖K (40 bytes).
    case doubleLength = "003"
    /// `004`: as `003` plus a double-length track data key (60 bytes).
    case doubleLengthWithTrackKey = "004"

    /// The 3-digit code of field 60.3.
    public var description: String { rawValue }

    /// Length of field 62 in the 0810 for this mode.
    public var field62Length: Int {
        switch self {
        case .singleLength: return 24
        case .doubleLength: return 40
        case .doubleLengthWithTrackKey: return 60
        }
    }

    /// Where each key's cryptogram and check value sit in field 62 (protocol.md §8.2).
    fileprivate var slots: [(usage: KeyUsage, offset: Int, keyLength: Int, checkOffset: Int)] {
        switch self {
        case .singleLength:
            return [(.pinKey, 0, 8, 8), (.macKey, 12, 8, 20)]
        case .doubleLength:
            return [(.pinKey, 0, 16, 16), (.macKey, 20, 8, 36)]
        case .doubleLengthWithTrackKey:
            return [(.pinKey, 0, 16, 16), (.macKey, 20, 8, 36), (.trackKey, 40, 16, 56)]
        }
    }
}

/// Clear working keys from a sign-on: the PIN key, the MAC key and, in mode `004`, the track key.
public struct WorkingKeys: Sendable, CustomStringConvertible {
    /// PIN encryption key (TDES, 8 or 16 bytes).
    public let pinKey: SecretKey
    /// MAC key (8 bytes; used as K‖K by the CUP MAC).
    public let macKey: SecretKey
    /// Track data key (16 bytes), only in mode `004`.
    public let trackKey: SecretKey?

    /// Groups working keys (the host simulator builds them from fresh random keys).
    public init(pinKey: SecretKey, macKey: SecretKey, trackKey: SecretKey? = nil) {
        self.pinKey = pinKey
        self.macKey = macKey
        self.trackKey = trackKey
    }

    /// Redacted: which keys are present, never their bytes.
    public var description: String { "WorkingKeys(PIK, MAK\(trackKey == nil ? "" : ", TDK"), redacted)" }

    fileprivate func key(for usage: KeyUsage) -> SecretKey? {
        switch usage {
        case .pinKey: return pinKey
        case .macKey: return macKey
        case .trackKey: return trackKey
        default: return nil
        }
    }
}

/// Sign-on working-key download (0810 field 62): keys travel encrypted under the TMK (TDES-ECB),
/// each followed by the first 4 bytes of its clear value's encryption of zeros.
public enum KeyDownload {
    /// Terminal side: decrypts each key under the TMK and verifies its check value. Any mismatch
    /// throws `checkValueMismatch` naming the key, so the caller keeps its old keys.
    public static func decode(field62: [UInt8], mode: KeyDownloadMode, masterKey: SecretKey) throws(SecurityError) -> WorkingKeys {
        guard field62.count == mode.field62Length else {
            throw .invalidKeyDownloadLength(mode: mode, length: field62.count)
        }
        guard KeyAlgorithm.tdes.accepts(length: masterKey.count) else {
            throw .invalidKeyLength(algorithm: "TMK (TDES)", length: masterKey.count)
        }
        var keys: [KeyUsage: SecretKey] = [:]
        for slot in mode.slots {
            let cryptogram = Array(field62[slot.offset..<slot.offset + slot.keyLength])
            let clear = SecretKey(try TDES.decrypt(cryptogram, key: masterKey.tdesKey))
            let expected = Array(field62[slot.checkOffset..<slot.checkOffset + 4])
            guard constantTimeEqual(try KeyCheckValue.tdes(clear), expected) else {
                throw .checkValueMismatch(key: slot.usage)
            }
            keys[slot.usage] = clear
        }
        guard let pinKey = keys[.pinKey], let macKey = keys[.macKey] else {
            throw .invalidArgument("key mode \(mode) lacks a PIN or MAC key slot")
        }
        return WorkingKeys(pinKey: pinKey, macKey: macKey, trackKey: keys[.trackKey])
    }

    /// Host side: encrypts the working keys under the TMK with their check values, in the layout
    /// of `mode`. Key lengths must match the mode (PIK 8 or 16, MAK 8, TDK 16); the unused
    /// 8 bytes after the MAK in modes `003`/`004` are zeros.
    public static func encode(_ keys: WorkingKeys, mode: KeyDownloadMode, masterKey: SecretKey) throws(SecurityError) -> [UInt8] {
        guard KeyAlgorithm.tdes.accepts(length: masterKey.count) else {
            throw .invalidKeyLength(algorithm: "TMK (TDES)", length: masterKey.count)
        }
        var field = [UInt8](repeating: 0, count: mode.field62Length)
        for slot in mode.slots {
            guard let key = keys.key(for: slot.usage) else { throw .keyNotLoaded(slot.usage) }
            guard key.count == slot.keyLength else {
                throw .invalidKeyLength(algorithm: "\(slot.usage) in key mode \(mode)", length: key.count)
            }
            field.replaceSubrange(slot.offset..<slot.offset + slot.keyLength,
                                  with: try TDES.encrypt(key.bytes, key: masterKey.tdesKey))
            field.replaceSubrange(slot.checkOffset..<slot.checkOffset + 4, with: try KeyCheckValue.tdes(key))
        }
        return field
    }
}
