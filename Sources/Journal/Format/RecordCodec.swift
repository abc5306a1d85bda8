/// Encoding of records and group commits (see docs/flash-format.md, "Records").
///
/// Record: a 24-byte header, the key part, the value part, zero padding to the alignment.
/// ```
/// 0  type u8          1  flags u8 (bit 0: value lost to media damage)
/// 2  key length u16   4  value length u32
/// 8  group id u64     16 value CRC-32C u32    20 header CRC-32C u32 (header 0..<20 + key)
/// ```
/// Every CRC is seeded with the sector sequence, so a record from an earlier life of a sector
/// never validates. A group is its records followed by a commit record whose key holds the
/// record count, a CRC-32C over the 24-byte headers of the group's records, and the next log id.
enum RecordCodec {
    static let headerSize = 24
    static let commitKeySize = 16
    static let flagDamaged: UInt8 = 1
    /// Longest key accepted (bytes of UTF-8).
    static let maxKeyLength = 255

    /// Running CRC state seeded with a sector sequence.
    static func seed(_ sequence: UInt64) -> UInt32 {
        var s = sequence.littleEndian
        return withUnsafeBytes(of: &s) { CRC32C.update(CRC32C.initial, $0) }
    }

    static func keyPart(_ effect: Effect) -> [UInt8] {
        var k = [UInt8]()
        switch effect {
        case .put(let key, _, _), .delete(let key):
            k.append(contentsOf: key.utf8)
        case .log(let r, _):
            k.appendLE(r.id); k.appendLE(r.orderNumber); k.appendLE(r.traceNumber); k.appendLE(r.batch)
        case .counter(let name, let value):
            k.append(contentsOf: name.utf8); k.appendLE(value)
        case .settle(let b), .dropBatch(let b):
            k.appendLE(b)
        case .seal(let sequence, let end):
            k.appendLE(sequence); k.appendLE(end)
        case .gcDone(let sequence):
            k.appendLE(sequence)
        }
        return k
    }

    static func type(of effect: Effect) -> RecordType {
        switch effect {
        case .put: .put
        case .delete: .delete
        case .log: .log
        case .counter: .counter
        case .settle: .settle
        case .dropBatch: .drop
        case .seal: .seal
        case .gcDone: .gcDone
        }
    }

    static func valueLength(_ effect: Effect) -> Int {
        switch effect {
        case .put(_, let value, _): value.count
        case .log(let r, _): r.payload.count
        default: 0
        }
    }

    static func keyLength(_ effect: Effect) -> Int {
        switch effect {
        case .put(let key, _, _), .delete(let key): key.utf8.count
        case .log: 32
        case .counter(let name, _): name.utf8.count + 8
        case .settle, .dropBatch, .gcDone: 8
        case .seal: 12
        }
    }

    /// Padded bytes one effect's record occupies.
    static func recordSize(_ effect: Effect, layout: Layout) -> Int {
        layout.padded(headerSize + keyLength(effect) + valueLength(effect))
    }

    /// Padded bytes of a commit record.
    static func commitSize(layout: Layout) -> Int { layout.padded(headerSize + commitKeySize) }

    /// Padded bytes of a whole group.
    static func groupSize(_ effects: [Effect], layout: Layout) -> Int {
        effects.reduce(commitSize(layout: layout)) { $0 + recordSize($1, layout: layout) }
    }

    /// Encodes a group: the records, then (separately, to be programmed last) the commit record.
    static func encodeGroup(_ effects: [Effect], groupId: UInt64, nextLogId: UInt64, sequence: UInt64,
                            layout: Layout) -> (records: [UInt8], commit: [UInt8]) {
        let seed = seed(sequence)
        var out = [UInt8]()
        out.reserveCapacity(groupSize(effects, layout: layout))
        var groupCRC = seed
        for effect in effects {
            let value: [UInt8]
            var flags: UInt8 = 0
            switch effect {
            case .put(_, let v, let damaged): value = v; flags = damaged ? flagDamaged : 0
            case .log(let r, let damaged): value = r.payload; flags = damaged ? flagDamaged : 0
            default: value = []
            }
            let header = appendRecord(to: &out, type: type(of: effect), flags: flags, key: keyPart(effect),
                                      value: value, groupId: groupId, seed: seed, layout: layout)
            groupCRC = header.withUnsafeBytes { CRC32C.update(groupCRC, $0) }
        }
        var commitKey = [UInt8]()
        commitKey.appendLE(UInt32(effects.count))
        commitKey.appendLE(CRC32C.finalize(groupCRC))
        commitKey.appendLE(nextLogId)
        var commit = [UInt8]()
        _ = appendRecord(to: &commit, type: .commit, flags: 0, key: commitKey, value: [], groupId: groupId,
                         seed: seed, layout: layout)
        return (out, commit)
    }

    /// Appends one padded record and returns its 24-byte header.
    private static func appendRecord(to out: inout [UInt8], type: RecordType, flags: UInt8, key: [UInt8],
                                     value: [UInt8], groupId: UInt64, seed: UInt32, layout: Layout) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: headerSize)
        h[0] = type.rawValue
        h[1] = flags
        h.storeLE(UInt16(key.count), at: 2)
        h.storeLE(UInt32(value.count), at: 4)
        h.storeLE(groupId, at: 8)
        h.storeLE(value.withUnsafeBytes { CRC32C.finalize(CRC32C.update(seed, $0)) }, at: 16)
        var hc = h.withUnsafeBytes { CRC32C.update(seed, UnsafeRawBufferPointer(rebasing: $0[0..<20])) }
        hc = key.withUnsafeBytes { CRC32C.update(hc, $0) }
        h.storeLE(CRC32C.finalize(hc), at: 20)
        let start = out.count
        out.append(contentsOf: h)
        out.append(contentsOf: key)
        out.append(contentsOf: value)
        let pad = layout.padded(out.count - start) - (out.count - start)
        out.append(contentsOf: repeatElement(0, count: pad))
        return h
    }
}
