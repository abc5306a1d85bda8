/// ISO/IEC 9797-1 padding of the MAC input to whole 8-byte blocks.
public enum MACPadding: Sendable {
    /// Method 1: zeros to the block boundary (none when already whole; empty input gives one block).
    case zeros
    /// Method 2: one `80` byte, then zeros to the block boundary.
    case iso9797Method2

    func pad(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .zeros:
            let remainder = data.count % 8
            if data.isEmpty { return [UInt8](repeating: 0, count: 8) }
            return remainder == 0 ? data : data + [UInt8](repeating: 0, count: 8 - remainder)
        case .iso9797Method2:
            let padded = data + [0x80]
            let remainder = padded.count % 8
            return remainder == 0 ? padded : padded + [UInt8](repeating: 0, count: 8 - remainder)
        }
    }
}

/// The MAC schemes acquirers ask for on field 64 (protocol.md §7), as one configurable value.
public enum MACScheme: Sendable, Equatable {
    /// The CUP "ECB" MAC; `tripleDES` runs steps 4 and 6 with the 2-key MAK instead of its left half.
    case cupECB(tripleDES: Bool)
    /// ANSI X9.9 / ISO 9797-1 algorithm 1 with zero padding (single DES with an 8-byte key, TDES otherwise).
    case x99
    /// ANSI X9.19 retail MAC with zero padding; a 16-byte MAK gives K1 (left) and K2 (right).
    case x919

    /// Runs the scheme over `data` under `key`. The CUP MAC yields 8 ASCII hex bytes, the others
    /// the 8-byte MAC.
    public func compute(_ data: [UInt8], key: SecretKey) throws(SecurityError) -> [UInt8] {
        switch self {
        case let .cupECB(tripleDES): return try MAC.cupECB(data, key: key, tripleDES: tripleDES)
        case .x99: return try MAC.cbcMAC(data, key: key, padding: .zeros)
        case .x919: return try MAC.x919(data, key: key, padding: .zeros)
        }
    }
}

/// Message authentication codes over a MAC block (MAB).
public enum MAC {
    /// The CUP "ECB" MAC (protocol.md §7.1): XOR the zero-padded 8-byte blocks, hex the result,
    /// encrypt the first 8 hex characters, XOR with the last 8, encrypt again, and return the first
    /// 8 hex characters of that as ASCII bytes. Single DES under the MAK's left half by default
    /// (the NewPOS behaviour with a K‖K MAK); `tripleDES` uses the whole 16-byte MAK.
    public static func cupECB(_ mab: [UInt8], key: SecretKey, tripleDES: Bool = false) throws(SecurityError) -> [UInt8] {
        let encrypt: ([UInt8]) throws(SecurityError) -> [UInt8]
        if tripleDES {
            guard key.count == 16 || key.count == 24 else { throw .invalidKeyLength(algorithm: "TDES", length: key.count) }
            encrypt = { (block: [UInt8]) throws(SecurityError) in try TDES.encrypt(block, key: key.bytes) }
        } else {
            guard KeyAlgorithm.tdes.accepts(length: key.count) else { throw .invalidKeyLength(algorithm: "DES", length: key.count) }
            let left = Array(key.bytes.prefix(8))
            encrypt = { (block: [UInt8]) throws(SecurityError) in try DES.encrypt(block, key: left) }
        }
        let padded = MACPadding.zeros.pad(mab)
        var r = [UInt8](repeating: 0, count: 8)
        for start in stride(from: 0, to: padded.count, by: 8) {
            for i in 0..<8 { r[i] ^= padded[start + i] }
        }
        let h = Array(Hex.encode(r).utf8)
        let e1 = try encrypt(Array(h.prefix(8)))
        let e2 = try encrypt(xor(e1, Array(h.suffix(8))))
        return Array(Hex.encode(e2).utf8.prefix(8))
    }

    /// ISO 9797-1 algorithm 1 (ANSI X9.9 with an 8-byte key): CBC under a zero IV, MAC = last block.
    /// An 8-byte key runs single DES; a 16- or 24-byte key runs TDES.
    public static func cbcMAC(_ data: [UInt8], key: SecretKey, padding: MACPadding = .zeros) throws(SecurityError) -> [UInt8] {
        Array(try cbc(padding.pad(data), key: key.bytes).suffix(8))
    }

    /// ANSI X9.19 retail MAC with a double-length key: K1 = left 8 bytes, K2 = right 8 bytes.
    public static func x919(_ data: [UInt8], key: SecretKey, padding: MACPadding = .zeros) throws(SecurityError) -> [UInt8] {
        guard key.count == 16 else { throw .invalidKeyLength(algorithm: "X9.19", length: key.count) }
        return try retailMAC(data, key1: SecretKey(Array(key.bytes.prefix(8))),
                             key2: SecretKey(Array(key.bytes.suffix(8))), padding: padding)
    }

    /// ISO 9797-1 algorithm 3: CBC under `key1` over all blocks; the last block is then decrypted
    /// under `key2` and encrypted under `key1`. Each key is 8 bytes (DES) or 16/24 bytes (TDES).
    public static func retailMAC(_ data: [UInt8], key1: SecretKey, key2: SecretKey, padding: MACPadding = .zeros) throws(SecurityError) -> [UInt8] {
        let last = Array(try cbc(padding.pad(data), key: key1.bytes).suffix(8))
        return try encryptBlock(try decryptBlock(last, key: key2.bytes), key: key1.bytes)
    }

    /// Checks a received MAC in constant time.
    public static func verify(_ mac: [UInt8], over data: [UInt8], key: SecretKey, scheme: MACScheme) throws(SecurityError) -> Bool {
        constantTimeEqual(try scheme.compute(data, key: key), mac)
    }

    private static func cbc(_ data: [UInt8], key: [UInt8]) throws(SecurityError) -> [UInt8] {
        let iv = CipherMode.cbc(iv: [UInt8](repeating: 0, count: 8))
        return key.count == 8 ? try DES.encrypt(data, key: key, mode: iv) : try TDES.encrypt(data, key: key, mode: iv)
    }

    private static func encryptBlock(_ block: [UInt8], key: [UInt8]) throws(SecurityError) -> [UInt8] {
        key.count == 8 ? try DES.encrypt(block, key: key) : try TDES.encrypt(block, key: key)
    }

    private static func decryptBlock(_ block: [UInt8], key: [UInt8]) throws(SecurityError) -> [UInt8] {
        key.count == 8 ? try DES.decrypt(block, key: key) : try TDES.decrypt(block, key: key)
    }
}
