import CCrypto

/// PBKDF2 (RFC 8018) through libcrypto, for operator password hashes.
public enum PBKDF2 {
    /// Derives `length` bytes from `password` and `salt` with HMAC-SHA256 and `iterations` rounds.
    ///
    /// Throws `.cryptoFailure` when libcrypto refuses (zero iterations, empty output, no memory).
    public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) throws(SecurityError) -> [UInt8] {
        guard iterations > 0, iterations <= Int(Int32.max), length > 0, length <= 1024 else {
            throw .cryptoFailure(operation: "PBKDF2", detail: "iterations must be 1…2^31-1 and length 1…1024")
        }
        var output = [UInt8](repeating: 0, count: length)
        let status = password.withUnsafeBufferPointer { passwordBytes in
            salt.withUnsafeBufferPointer { saltBytes in
                output.withUnsafeMutableBufferPointer { outputBytes in
                    passwordBytes.withMemoryRebound(to: CChar.self) { passwordChars in
                        PKCS5_PBKDF2_HMAC(passwordChars.baseAddress, Int32(passwordBytes.count),
                                          saltBytes.baseAddress, Int32(saltBytes.count), Int32(iterations),
                                          EVP_sha256(), Int32(length), outputBytes.baseAddress)
                    }
                }
            }
        }
        guard status == 1 else {
            throw .cryptoFailure(operation: "PBKDF2", detail: LibCrypto.drainErrors())
        }
        return output
    }
}
