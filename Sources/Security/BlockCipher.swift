/// How a block operation chains blocks. No padding is ever added: input must be whole blocks.
public enum CipherMode: Sendable, Equatable {
    /// Electronic codebook: each block on its own (key download, PIN blocks, check values).
    case ecb
    /// Cipher block chaining with the given one-block initialisation vector.
    case cbc(iv: [UInt8])
}

/// Single DES (8-byte key). Only for the legacy MAC schemes that require it (CUP ECB MAC, X9.19);
/// it comes from OpenSSL 3's legacy provider.
public enum DES {
    /// DES block size in bytes.
    public static let blockSize = 8

    /// Encrypts whole 8-byte blocks under an 8-byte key.
    public static func encrypt(_ data: [UInt8], key: [UInt8], mode: CipherMode = .ecb) throws(SecurityError) -> [UInt8] {
        try BlockOperation.run(family: .des, key: key, mode: mode, data: data, encrypt: true)
    }

    /// Decrypts whole 8-byte blocks under an 8-byte key.
    public static func decrypt(_ data: [UInt8], key: [UInt8], mode: CipherMode = .ecb) throws(SecurityError) -> [UInt8] {
        try BlockOperation.run(family: .des, key: key, mode: mode, data: data, encrypt: false)
    }
}

/// Triple DES (EDE) with a 2-key (16-byte) or 3-key (24-byte) key.
public enum TDES {
    /// TDES block size in bytes.
    public static let blockSize = 8

    /// Encrypts whole 8-byte blocks under a 16- or 24-byte key.
    public static func encrypt(_ data: [UInt8], key: [UInt8], mode: CipherMode = .ecb) throws(SecurityError) -> [UInt8] {
        try BlockOperation.run(family: .tdes, key: key, mode: mode, data: data, encrypt: true)
    }

    /// Decrypts whole 8-byte blocks under a 16- or 24-byte key.
    public static func decrypt(_ data: [UInt8], key: [UInt8], mode: CipherMode = .ecb) throws(SecurityError) -> [UInt8] {
        try BlockOperation.run(family: .tdes, key: key, mode: mode, data: data, encrypt: false)
    }
}

/// AES with a 16-, 24- or 32-byte key.
public enum AES {
    /// AES block size in bytes.
    public static let blockSize = 16

    /// Encrypts whole 16-byte blocks under a 16-, 24- or 32-byte key.
    public static func encrypt(_ data: [UInt8], key: [UInt8], mode: CipherMode = .ecb) throws(SecurityError) -> [UInt8] {
        try BlockOperation.run(family: .aes, key: key, mode: mode, data: data, encrypt: true)
    }

    /// Decrypts whole 16-byte blocks under a 16-, 24- or 32-byte key.
    public static func decrypt(_ data: [UInt8], key: [UInt8], mode: CipherMode = .ecb) throws(SecurityError) -> [UInt8] {
        try BlockOperation.run(family: .aes, key: key, mode: mode, data: data, encrypt: false)
    }

    /// AES-CMAC (NIST SP 800-38B, RFC 4493) of `message`: 16 bytes.
    public static func cmac(_ message: [UInt8], key: [UInt8]) throws(SecurityError) -> [UInt8] {
        let name = try BlockOperation.cipherName(family: .aes, keyLength: key.count, cbc: true)
        return try LibCrypto.shared.cmac(cipher: name, key: key, message: message)
    }
}

/// Length checks and OpenSSL cipher selection shared by `DES`, `TDES` and `AES`.
enum BlockOperation {
    enum Family: String {
        case des = "DES", tdes = "TDES", aes = "AES"

        var blockSize: Int { self == .aes ? 16 : 8 }
    }

    static func cipherName(family: Family, keyLength: Int, cbc: Bool) throws(SecurityError) -> CipherName {
        switch (family, keyLength) {
        case (.des, 8): return cbc ? .desCBC : .desECB
        case (.tdes, 16): return cbc ? .tdes2CBC : .tdes2ECB
        case (.tdes, 24): return cbc ? .tdes3CBC : .tdes3ECB
        case (.aes, 16): return cbc ? .aes128CBC : .aes128ECB
        case (.aes, 24): return cbc ? .aes192CBC : .aes192ECB
        case (.aes, 32): return cbc ? .aes256CBC : .aes256ECB
        default: throw .invalidKeyLength(algorithm: family.rawValue, length: keyLength)
        }
    }

    static func run(
        family: Family, key: [UInt8], mode: CipherMode, data: [UInt8], encrypt: Bool
    ) throws(SecurityError) -> [UInt8] {
        let iv: [UInt8]?
        switch mode {
        case .ecb: iv = nil
        case let .cbc(vector): iv = vector
        }
        let name = try cipherName(family: family, keyLength: key.count, cbc: iv != nil)
        if let iv, iv.count != family.blockSize {
            throw .invalidIVLength(length: iv.count, expected: family.blockSize)
        }
        guard data.count % family.blockSize == 0 else {
            throw .invalidDataLength(length: data.count, blockSize: family.blockSize)
        }
        if data.isEmpty { return [] }
        return try LibCrypto.shared.crypt(name, key: key, iv: iv, input: data, encrypt: encrypt)
    }
}
