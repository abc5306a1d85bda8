/// The key mode a terminal asks for at sign-on (60.3 of the 0800; protocol reference 8.1).
public enum KeyMode: String, Sendable, Hashable, CaseIterable {
    /// `001`: single-length (DES) keys; 24 bytes in the 0810 field 62.
    case single = "001"
    /// `003`: double-length (TDES) keys; 40 bytes.
    case double = "003"
    /// `004`: double-length keys plus a track-data key; 60 bytes.
    case doubleWithTrackKey = "004"

    /// The length of field 62 in the 0810 for this mode.
    public var keyMaterialLength: Int {
        switch self {
        case .single: 24
        case .double: 40
        case .doubleWithTrackKey: 60
        }
    }
}

/// One working key as downloaded: its cryptogram under the TMK and its 4-byte check value.
/// The codec only cuts the bytes out; decrypting and verifying is the Security layer's job.
public struct EncryptedWorkingKey: Sendable, Hashable {
    /// The key encrypted under the terminal master key (ECB).
    public var cryptogram: [UInt8]
    /// First four bytes of the clear key's encryption of eight zero bytes.
    public var checkValue: [UInt8]

    /// A key from its parts.
    public init(cryptogram: [UInt8], checkValue: [UInt8]) {
        self.cryptogram = cryptogram
        self.checkValue = checkValue
    }
}

/// The working keys in field 62 of a 0810 (protocol reference 8.2), laid out by key mode.
public struct WorkingKeyMaterial: Sendable, Hashable {
    /// The key mode the layout follows.
    public var mode: KeyMode
    /// PIN key (8 bytes single, 16 double).
    public var pinKey: EncryptedWorkingKey
    /// MAC key (8 bytes; used as K‖K with double-length modes).
    public var macKey: EncryptedWorkingKey
    /// Track-data key (16 bytes), mode `004` only.
    public var trackKey: EncryptedWorkingKey?

    /// Keys from their parts; their sizes must follow `mode` for `bytes` to be exact.
    public init(mode: KeyMode, pinKey: EncryptedWorkingKey, macKey: EncryptedWorkingKey,
                trackKey: EncryptedWorkingKey? = nil) {
        self.mode = mode
        self.pinKey = pinKey
        self.macKey = macKey
        self.trackKey = trackKey
    }

    /// Cuts field 62 into keys; the length must be the one `mode` defines.
    public init(field62 bytes: [UInt8], mode: KeyMode) throws(MessageError) {
        guard bytes.count == mode.keyMaterialLength else { throw .invalidField(62) }
        self.mode = mode
        func key(_ offset: Int, _ length: Int, checkAt check: Int) -> EncryptedWorkingKey {
            EncryptedWorkingKey(cryptogram: Array(bytes[offset..<(offset + length)]),
                                checkValue: Array(bytes[check..<(check + 4)]))
        }
        switch mode {
        case .single:
            pinKey = key(0, 8, checkAt: 8)
            macKey = key(12, 8, checkAt: 20)
            trackKey = nil
        case .double, .doubleWithTrackKey:
            pinKey = key(0, 16, checkAt: 16)
            macKey = key(20, 8, checkAt: 36)
            trackKey = mode == .doubleWithTrackKey ? key(40, 16, checkAt: 56) : nil
        }
    }

    /// The field 62 bytes for this key set; throws when a part has the wrong size for the mode.
    public func field62() throws(MessageError) -> [UInt8] {
        let pinLength = mode == .single ? 8 : 16
        guard pinKey.cryptogram.count == pinLength, macKey.cryptogram.count == 8,
              pinKey.checkValue.count == 4, macKey.checkValue.count == 4,
              (trackKey != nil) == (mode == .doubleWithTrackKey) else { throw .invalidField(62) }
        switch mode {
        case .single:
            return pinKey.cryptogram + pinKey.checkValue + macKey.cryptogram + macKey.checkValue
        case .double, .doubleWithTrackKey:
            var bytes = pinKey.cryptogram + pinKey.checkValue + macKey.cryptogram
            bytes += [UInt8](repeating: 0, count: 8) + macKey.checkValue
            if let trackKey {
                guard trackKey.cryptogram.count == 16, trackKey.checkValue.count == 4 else { throw .invalidField(62) }
                bytes += trackKey.cryptogram + trackKey.checkValue
            }
            return bytes
        }
    }
}
