/// CUP track-data encryption with the TDK (protocol.md §8.5, key mode `004`, field 53.3 = `1`):
/// the 16 characters that end one before the last (the string left-padded with `F` to 17 when
/// shorter) are packed as nibbles into 8 bytes, TDES-ECB encrypted, and replaced by the hex of
/// the result. Track 2's separator `=` is the nibble `D`.
public enum TrackEncryption {
    /// Encrypts a track 2 or track 3 string (digits, `=` or `D`) under the TDK.
    public static func encrypt(_ track: String, key: SecretKey) throws(SecurityError) -> String {
        try transform(track, key: key, encrypt: true)
    }

    /// Host side: reverses `encrypt`, restoring digits and `D` separators (and any `F` padding
    /// that was added to reach 17 characters is removed again).
    public static func decrypt(_ track: String, key: SecretKey, originalLength: Int) throws(SecurityError) -> String {
        let clear = try transform(track, key: key, encrypt: false)
        let padding = clear.count - originalLength
        guard padding >= 0, Array(clear.utf8.prefix(padding)).allSatisfy({ $0 == UInt8(ascii: "F") }) else {
            throw .invalidArgument("track length \(originalLength) does not match the encrypted track")
        }
        return String(clear.dropFirst(padding))
    }

    private static func transform(_ track: String, key: SecretKey, encrypt: Bool) throws(SecurityError) -> String {
        guard key.count == 16 || key.count == 24 else { throw .invalidKeyLength(algorithm: "TDK (TDES)", length: key.count) }
        var nibbles: [UInt8] = []
        for c in track.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibbles.append(c - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibbles.append(c - UInt8(ascii: "A") + 10)
            case UInt8(ascii: "="): nibbles.append(0xD)
            default: throw .invalidArgument("track data contains a character that is not a track digit")
            }
        }
        guard nibbles.count <= 107 else { throw .invalidArgument("track data of \(nibbles.count) characters is too long") }
        if nibbles.count < 17 { nibbles = [UInt8](repeating: 0xF, count: 17 - nibbles.count) + nibbles }
        let start = nibbles.count - 17
        let block = stride(from: start, to: start + 16, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
        let out = encrypt ? try TDES.encrypt(block, key: key.bytes) : try TDES.decrypt(block, key: key.bytes)
        let replaced = out.flatMap { [$0 >> 4, $0 & 0x0F] }
        nibbles.replaceSubrange(start..<start + 16, with: replaced)
        let table = Array("0123456789ABCDEF".utf8)
        return String(decoding: nibbles.map { table[Int($0)] }, as: UTF8.self)
    }
}
