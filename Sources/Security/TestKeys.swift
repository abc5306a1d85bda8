/// Documented TEST keys shared by the mock board and the host simulator (docs/security.md).
/// They are public knowledge: never load them into a terminal that handles real cards.
public enum TestKeys {
    /// The TEST terminal master key `0123456789ABCDEFFEDCBA9876543210` (2-key TDES, check value
    /// `08D7B4FB`), injected into the mock PIN pad and known to `posterm-host` for every
    /// terminal that has no key of its own.
    public static let terminalMasterKey = SecretKey([
        0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10,
    ])

    /// The TEST terminal master key's 4-byte check value.
    public static let terminalMasterKeyCheckValue: [UInt8] = [0x08, 0xD7, 0xB4, 0xFB]

    /// The mock board's TEST key-encryption key: the 32 ASCII bytes
    /// `posterm-mock-board-KEK-TEST-ONLY` (AES-256). A real board derives its KEK from a
    /// device-unique secret it never exports.
    public static let mockKeyEncryptionKey = SecretKey(Array("posterm-mock-board-KEK-TEST-ONLY".utf8))

    /// The X9.24-1 TEST base derivation key `0123456789ABCDEFFEDCBA9876543210` for TDES DUKPT.
    public static let tdesDUKPTBaseDerivationKey = SecretKey([
        0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10,
    ])

    /// The X9.24-3 TEST AES-128 base derivation key `FEDCBA9876543210F1F1F1F1F1F1F1F1`.
    public static let aesDUKPTBaseDerivationKey = SecretKey([
        0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1,
    ])
}
