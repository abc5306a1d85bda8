/// One committed group found on flash.
struct ParsedGroup: Sendable {
    var id: UInt64
    /// Offset of its first record in the sector.
    var start: Int
    /// Offset just past its commit record.
    var end: Int
    var effects: [Effect]
    /// The next log id recorded by the commit.
    var nextLogId: UInt64
    /// Some record's value failed its CRC: media damage, or (in the newest group only) a
    /// commit record that reached the medium before its data.
    var damaged: Bool
}

/// Why parsing a sector stopped.
enum ParseStop: Sendable, Hashable {
    /// The rest of the sector is erased (or no room for another header).
    case clean
    /// Bytes that are neither erased nor a valid committed group start here: a torn tail or
    /// damage. Never appended to.
    case garbage(offset: Int, reason: String)
}

/// The committed content of one sector, decided from bytes read exactly once.
struct ParsedSector: Sendable {
    var groups: [ParsedGroup] = []
    /// Offset just past the last valid commit (the data start when there is none).
    var validEnd: Int
    var stop: ParseStop = .clean
    /// Largest group id in any record with a valid header (committed or not).
    var maxGroupId: UInt64 = 0
    /// Records whose value failed its CRC under a valid commit (media damage).
    var damagedRecords: [Int] = []
}

enum SectorParser {
    /// Parses the records of one sector image. Lengths are checked against the sector end
    /// before use; value bytes are never interpreted as records.
    static func parse(_ sector: UnsafeRawBufferPointer, sequence: UInt64, layout: Layout) -> ParsedSector {
        let seed = RecordCodec.seed(sequence)
        let size = sector.count
        var result = ParsedSector(validEnd: layout.dataStart)
        var offset = layout.dataStart
        var pending: [Effect] = []
        var pendingStart = offset
        var pendingDamaged: [Int] = []
        var pendingId: UInt64?
        var groupCRC = seed
        var names = NameCache()

        func stop(_ reason: String) {
            result.stop = .garbage(offset: result.validEnd, reason: reason)
        }

        while true {
            guard offset + RecordCodec.headerSize <= size else {
                if pending.isEmpty { result.stop = .clean } else { stop("uncommitted records at sector end") }
                break
            }
            let headerBytes = UnsafeRawBufferPointer(rebasing: sector[offset..<(offset + RecordCodec.headerSize)])
            if headerBytes.allSatisfy({ $0 == 0xFF }) {
                let rest = UnsafeRawBufferPointer(rebasing: sector[offset..<size])
                if pending.isEmpty && rest.allSatisfy({ $0 == 0xFF }) { result.stop = .clean } else {
                    stop(pending.isEmpty ? "programmed bytes after erased space" : "group without commit")
                }
                break
            }
            let keyLength = Int(headerBytes.loadLE(UInt16.self, at: 2))
            let valueLength = Int(headerBytes.loadLE(UInt32.self, at: 4))
            let body = RecordCodec.headerSize + keyLength
            guard valueLength <= size, offset + body + valueLength <= size else {
                stop("record length runs past the sector end"); break
            }
            var hc = CRC32C.update(seed, UnsafeRawBufferPointer(rebasing: headerBytes[0..<20]))
            hc = CRC32C.update(hc, UnsafeRawBufferPointer(rebasing: sector[(offset + RecordCodec.headerSize)..<(offset + body)]))
            guard CRC32C.finalize(hc) == headerBytes.loadLE(UInt32.self, at: 20),
                  let type = RecordType(rawValue: headerBytes[0]) else {
                stop("record header fails its CRC"); break
            }
            let groupId = headerBytes.loadLE(UInt64.self, at: 8)
            result.maxGroupId = max(result.maxGroupId, groupId)
            if let pendingId, pendingId != groupId { stop("records of two groups interleave"); break }
            let key = UnsafeRawBufferPointer(rebasing: sector[(offset + RecordCodec.headerSize)..<(offset + body)])
            let value = UnsafeRawBufferPointer(rebasing: sector[(offset + body)..<(offset + body + valueLength)])
            let next = offset + layout.padded(body + valueLength)
            if type == .commit {
                guard keyLength == RecordCodec.commitKeySize, valueLength == 0,
                      Int(key.loadLE(UInt32.self, at: 0)) == pending.count,
                      key.loadLE(UInt32.self, at: 4) == CRC32C.finalize(groupCRC) else {
                    stop("commit record does not match its group"); break
                }
                result.groups.append(ParsedGroup(id: groupId, start: pendingStart, end: min(next, size), effects: pending,
                                                 nextLogId: key.loadLE(UInt64.self, at: 8), damaged: !pendingDamaged.isEmpty))
                result.damagedRecords += pendingDamaged
                result.validEnd = min(next, size)
                pending = []
                pendingDamaged = []
                pendingId = nil
                groupCRC = seed
                pendingStart = result.validEnd
                offset = next
                continue
            }
            let valueIntact = CRC32C.finalize(CRC32C.update(seed, value)) == headerBytes.loadLE(UInt32.self, at: 16)
            let damaged = headerBytes[1] & RecordCodec.flagDamaged != 0 || !valueIntact
            guard let effect = decode(type, key: key, value: value, damaged: damaged, names: &names) else {
                stop("record fields are malformed"); break
            }
            if !valueIntact { pendingDamaged.append(offset) }
            pending.append(effect)
            pendingId = groupId
            groupCRC = CRC32C.update(groupCRC, headerBytes)
            offset = next
        }
        return result
    }

    /// Remembers the last decoded key: counters and hot keys repeat record after record, and
    /// validating UTF-8 again costs more than comparing bytes.
    struct NameCache {
        var bytes: [UInt8] = []
        var name = ""

        mutating func text(_ raw: UnsafeRawBufferPointer) -> String? {
            if raw.count == bytes.count, raw.elementsEqual(bytes) { return name }
            guard let decoded = String(validating: raw, as: UTF8.self) else { return nil }
            bytes = Array(raw)
            name = decoded
            return decoded
        }
    }

    private static func decode(_ type: RecordType, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer,
                               damaged: Bool, names: inout NameCache) -> Effect? {
        func text(_ bytes: UnsafeRawBufferPointer) -> String? { names.text(bytes) }
        switch type {
        case .put:
            guard let k = text(key) else { return nil }
            return .put(key: k, value: damaged ? [] : Array(value), damaged: damaged)
        case .delete:
            guard value.isEmpty, let k = text(key) else { return nil }
            return .delete(key: k)
        case .log:
            guard key.count == 32 else { return nil }
            let r = LogRecord(id: key.loadLE(UInt64.self, at: 0), orderNumber: key.loadLE(UInt64.self, at: 8),
                              traceNumber: key.loadLE(UInt64.self, at: 16), batch: key.loadLE(UInt64.self, at: 24),
                              payload: damaged ? [] : Array(value))
            return .log(r, damaged: damaged)
        case .counter:
            guard key.count >= 8, value.isEmpty,
                  let name = text(UnsafeRawBufferPointer(rebasing: key[0..<(key.count - 8)])) else { return nil }
            return .counter(name: name, value: key.loadLE(UInt64.self, at: key.count - 8))
        case .settle:
            guard key.count == 8, value.isEmpty else { return nil }
            return .settle(batch: key.loadLE(UInt64.self, at: 0))
        case .drop:
            guard key.count == 8, value.isEmpty else { return nil }
            return .dropBatch(key.loadLE(UInt64.self, at: 0))
        case .seal:
            guard key.count == 12, value.isEmpty else { return nil }
            return .seal(sequence: key.loadLE(UInt64.self, at: 0), end: key.loadLE(UInt32.self, at: 8))
        case .gcDone:
            guard key.count == 8, value.isEmpty else { return nil }
            return .gcDone(sequence: key.loadLE(UInt64.self, at: 0))
        case .commit:
            return nil
        }
    }
}
