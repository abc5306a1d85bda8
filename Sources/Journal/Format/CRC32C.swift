/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slice-by-8 in software.
/// Check value: `CRC32C.checksum("123456789")` is `0xE3069283`.
public enum CRC32C {
    private static let tables: [[UInt32]] = {
        var t = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[0][i] = c
        }
        for i in 0..<256 {
            for k in 1..<8 { t[k][i] = (t[k - 1][i] >> 8) ^ t[0][Int(t[k - 1][i] & 0xFF)] }
        }
        return t
    }()

    /// The eight tables in one immortal block: no reference counting on the hot path.
    /// Written once during initialisation, read-only afterwards.
    private nonisolated(unsafe) static let flat: UnsafeMutablePointer<UInt32> = {
        let block = UnsafeMutablePointer<UInt32>.allocate(capacity: 8 * 256)
        for (k, table) in tables.enumerated() {
            for i in 0..<256 { block[k * 256 + i] = table[i] }
        }
        return block
    }()

    /// Continues a running CRC state (not finalised) over `bytes`.
    public static func update(_ state: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = state
        var i = 0
        let n = bytes.count
        let t = flat
        do {
            while n - i >= 8 {
                let lo = crc ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
                crc = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(bytes[i + 4])] ^ t[2 * 256 + Int(bytes[i + 5])]
                    ^ t[1 * 256 + Int(bytes[i + 6])] ^ t[Int(bytes[i + 7])]
                i += 8
            }
            while i < n {
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(bytes[i])) & 0xFF)]
                i += 1
            }
        }
        return crc
    }

    /// The initial running state.
    public static let initial: UInt32 = 0xFFFF_FFFF

    /// Finalises a running state into the checksum value.
    public static func finalize(_ state: UInt32) -> UInt32 { state ^ 0xFFFF_FFFF }

    /// CRC-32C of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        let array = Array(bytes)
        return array.withUnsafeBytes { finalize(update(initial, $0)) }
    }

    /// CRC-32C of a raw buffer.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        finalize(update(initial, bytes))
    }
}
