import Security

/// What the client needs to survive a restart, emitted in `.persist` before any request that
/// depends on it leaves. The caller stores it atomically (the journal) and hands it back to
/// `HostClient.init`. Secrets in it are sealed under the key-encryption key.
public struct HostClientRecord: Sendable, Hashable, Codable {
    /// The next trace number (STAN) to use, 1-999999. Advanced and persisted before every
    /// request, so a number is never used twice, even across a crash.
    public var nextTrace: Int
    /// The current batch (60.2), adopted at sign-on and advanced after settlement.
    public var batch: Int
    /// The working MAC key sealed with `KeySealing` under the KEK; nil before sign-on.
    public var sealedMACKey: [UInt8]?
    /// Set when the host or a response code asks for a new sign-on.
    public var signOnRequired: Bool
    /// The reversal armed before a request that needs one, until a valid response or a 0410.
    public var pendingReversal: PendingReversal?

    /// A fresh record: trace 1, batch 1, no keys.
    public init(nextTrace: Int = 1, batch: Int = 1) {
        self.nextTrace = nextTrace
        self.batch = batch
        self.signOnRequired = true
    }
}

/// A reversal waiting to be delivered. The 0400 (which still holds the PAN) is sealed at rest.
public struct PendingReversal: Sendable, Hashable, Codable {
    /// The original's STAN (the 0400 keeps it).
    public var stan: Int
    /// The original's amount, for the operator's display.
    public var amount: Int64?
    /// Field 39 of the 0400: `98`, `A0` or `06`.
    public var reason: String
    /// Attempts made so far, over all sessions.
    public var attempts: Int
    /// The packed 0400 body without its MAC, sealed (`RecordSealing`).
    public var sealedMessage: [UInt8]

    /// The reason as the typed value.
    public var reversalReason: ReversalReason? { ReversalReason(rawValue: reason) }
}

/// Deterministic authenticated encryption for records at rest (a synthetic-IV construction):
/// IV = AES-CMAC(K2, plaintext), ciphertext = AES-256-CBC(K1, IV, plaintext padded ISO 9797
/// method 2); the blob is IV ‖ ciphertext, and opening recomputes the CMAC. K1 and K2 are
/// derived from the 32-byte KEK by encrypting fixed blocks, so the KEK itself never encrypts data.
/// No randomness is needed, which keeps the client a pure function of its inputs.
public enum RecordSealing {
    /// Seals `plaintext` under the KEK.
    public static func seal(_ plaintext: [UInt8], kek: SecretKey) throws(SecurityError) -> [UInt8] {
        let (encryptionKey, macKey) = try keys(kek)
        let iv = try AES.cmac(plaintext, key: macKey)
        var padded = plaintext + [0x80]
        padded += [UInt8](repeating: 0, count: (16 - padded.count % 16) % 16)
        return iv + (try AES.encrypt(padded, key: encryptionKey, mode: .cbc(iv: iv)))
    }

    /// Opens a sealed blob; any altered byte or a wrong KEK gives `integrityCheckFailed`.
    public static func open(_ blob: [UInt8], kek: SecretKey) throws(SecurityError) -> [UInt8] {
        guard blob.count >= 32, blob.count % 16 == 0 else { throw .malformedSealedData(reason: "record of \(blob.count) bytes") }
        let (encryptionKey, macKey) = try keys(kek)
        let iv = Array(blob[0..<16])
        let padded = try AES.decrypt(Array(blob[16...]), key: encryptionKey, mode: .cbc(iv: iv))
        guard let end = padded.lastIndex(where: { $0 != 0 }), padded[end] == 0x80 else {
            throw .integrityCheckFailed
        }
        let plaintext = Array(padded[..<end])
        let expected = try AES.cmac(plaintext, key: macKey)
        // Constant-time comparison: the difference of every byte is accumulated.
        guard zip(expected, iv).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { throw .integrityCheckFailed }
        return plaintext
    }

    private static func keys(_ kek: SecretKey) throws(SecurityError) -> ([UInt8], [UInt8]) {
        guard kek.count == 32 else { throw .invalidKeyLength(algorithm: "KEK (AES-256)", length: kek.count) }
        let material = try AES.encrypt([UInt8](repeating: 0x01, count: 16) + [UInt8](repeating: 0x02, count: 16)
                                       + [UInt8](repeating: 0x03, count: 16) + [UInt8](repeating: 0x04, count: 16),
                                       key: kek.bytes)
        return (Array(material[0..<32]), Array(material[32..<64]))
    }
}
