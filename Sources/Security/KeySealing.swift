/// A key with what it is for and which cipher it belongs to: the unit the secure element stores.
public struct KeyEntry: Sendable, CustomStringConvertible {
    /// What the key may be used for.
    public let usage: KeyUsage
    /// The cipher the key belongs to.
    public let algorithm: KeyAlgorithm
    /// The clear key (redacted when printed).
    public let key: SecretKey

    /// Pairs a key with its usage and algorithm; the length must suit the algorithm.
    public init(usage: KeyUsage, algorithm: KeyAlgorithm, key: SecretKey) throws(SecurityError) {
        guard algorithm.accepts(length: key.count) else {
            throw .invalidKeyLength(algorithm: "\(algorithm) \(usage)", length: key.count)
        }
        self.usage = usage
        self.algorithm = algorithm
        self.key = key
    }

    /// Redacted: usage and algorithm only.
    public var description: String { "KeyEntry(\(usage), \(algorithm), \(key))" }
}

/// Keys at rest: each key is wrapped with AES-256 key wrap with padding (RFC 5649, OpenSSL
/// `AES-256-WRAP-PAD`) under a 32-byte key-encryption key (KEK). The wrapped payload carries the
/// format version, usage, algorithm and length, so the wrap's integrity check also stops a MAK
/// blob from being loaded as a PIK. Blob: `01` ‖ wrap(KEK, `01` usage algorithm length key).
public enum KeySealing {
    static let version: UInt8 = 1

    /// Seals a key under the KEK.
    public static func seal(_ entry: KeyEntry, kek: SecretKey) throws(SecurityError) -> [UInt8] {
        try checkKEK(kek)
        let payload = [version, entry.usage.rawValue, entry.algorithm.rawValue, UInt8(entry.key.count)] + entry.key.bytes
        return [version] + (try LibCrypto.shared.crypt(.aes256WrapPad, key: kek.bytes, iv: nil, input: payload, encrypt: true))
    }

    /// Opens a sealed key, checking integrity (`integrityCheckFailed` for a wrong KEK or any
    /// altered byte) and structure (`malformedSealedData`).
    public static func unseal(_ blob: [UInt8], kek: SecretKey) throws(SecurityError) -> KeyEntry {
        try checkKEK(kek)
        guard let first = blob.first else { throw .malformedSealedData(reason: "empty blob") }
        guard first == version else { throw .malformedSealedData(reason: "unknown version \(first)") }
        let wrapped = Array(blob.dropFirst())
        // RFC 5649 output is a multiple of 8 bytes and at least 16.
        guard wrapped.count >= 16, wrapped.count % 8 == 0, wrapped.count <= 80 else {
            throw .malformedSealedData(reason: "wrapped length \(wrapped.count)")
        }
        let payload = try LibCrypto.shared.crypt(.aes256WrapPad, key: kek.bytes, iv: nil, input: wrapped, encrypt: false)
        guard payload.count >= 4, payload[0] == version else { throw .malformedSealedData(reason: "bad payload header") }
        guard let usage = KeyUsage(rawValue: payload[1]) else { throw .malformedSealedData(reason: "unknown key usage \(payload[1])") }
        guard let algorithm = KeyAlgorithm(rawValue: payload[2]) else {
            throw .malformedSealedData(reason: "unknown key algorithm \(payload[2])")
        }
        guard Int(payload[3]) == payload.count - 4 else { throw .malformedSealedData(reason: "key length mismatch") }
        return try KeyEntry(usage: usage, algorithm: algorithm, key: SecretKey(Array(payload.dropFirst(4))))
    }

    static func checkKEK(_ kek: SecretKey) throws(SecurityError) {
        guard kek.count == 32 else { throw .invalidKeyLength(algorithm: "KEK (AES-256)", length: kek.count) }
    }
}
