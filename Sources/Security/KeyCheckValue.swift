/// Key check values: a short, non-secret fingerprint that proves two parties hold the same key.
public enum KeyCheckValue {
    /// How an AES key's check value is computed.
    public enum AESMethod: Sendable {
        /// AES-CMAC of a 16-byte block of zeros (the X9.24-1:2017 method for AES keys).
        case cmac
        /// AES-ECB encryption of a 16-byte block of zeros (the legacy method many HSMs still show).
        case encryptZeros
    }

    /// DES/TDES check value: the first `length` bytes of the key's encryption of eight `00` bytes
    /// (CUP uses 4 bytes; 2 and 3 are common on key-loading forms). Accepts 8-, 16- and 24-byte keys.
    public static func tdes(_ key: SecretKey, length: Int = 4) throws(SecurityError) -> [UInt8] {
        guard (1...8).contains(length) else { throw .invalidArgument("a TDES check value is 1 to 8 bytes, not \(length)") }
        guard KeyAlgorithm.tdes.accepts(length: key.count) else { throw .invalidKeyLength(algorithm: "TDES", length: key.count) }
        return Array(try TDES.encrypt([UInt8](repeating: 0, count: 8), key: key.tdesKey).prefix(length))
    }

    /// AES check value: the first `length` bytes (5 by default) of the chosen method's output.
    public static func aes(_ key: SecretKey, method: AESMethod = .cmac, length: Int = 5) throws(SecurityError) -> [UInt8] {
        guard (1...16).contains(length) else { throw .invalidArgument("an AES check value is 1 to 16 bytes, not \(length)") }
        let zeros = [UInt8](repeating: 0, count: 16)
        switch method {
        case .cmac: return Array(try AES.cmac(zeros, key: key.bytes).prefix(length))
        case .encryptZeros: return Array(try AES.encrypt(zeros, key: key.bytes).prefix(length))
        }
    }

    /// The check value for a key of the given algorithm: 4 bytes for TDES, 5 (CMAC) for AES.
    public static func of(_ key: SecretKey, algorithm: KeyAlgorithm) throws(SecurityError) -> [UInt8] {
        switch algorithm {
        case .tdes: return try tdes(key)
        case .aes: return try aes(key)
        }
    }
}
