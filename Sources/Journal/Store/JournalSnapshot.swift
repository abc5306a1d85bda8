/// The complete logical content of a store at one commit: what a backup holds and what the
/// power-cut harness compares with its model.
public struct JournalSnapshot: Sendable, Hashable {
    /// Key-value space (configuration, operators, keys at rest).
    public var values: [String: [UInt8]] = [:]
    /// Transaction log by id.
    public var log: [UInt64: LogRecord] = [:]
    /// Monotonic counters.
    public var counters: [String: UInt64] = [:]
    /// Batches marked settled whose records have not been dropped yet.
    public var settledBatches: Set<UInt64> = []
    /// Keys whose value was lost to media damage (reads report ``JournalError/damagedValue(key:)``).
    public var damagedKeys: Set<String> = []
    /// Log ids whose payload was lost to media damage.
    public var damagedLogIds: Set<UInt64> = []

    /// Creates an empty snapshot.
    public init() {}

    /// Log records in id (commit) order.
    public var orderedLog: [LogRecord] { log.keys.sorted().compactMap { log[$0] } }
}

extension JournalSnapshot {
    private static let magic: [UInt8] = Array("PTJSNAP1".utf8)

    /// Serialises the snapshot for backup: magic, sections, CRC-32C trailer. Values are copied
    /// as opaque bytes; nothing is decoded.
    public func encoded() -> [UInt8] {
        var out = Self.magic
        func bytes(_ b: [UInt8]) { out.appendLE(UInt32(b.count)); out.append(contentsOf: b) }
        out.appendLE(UInt32(values.count))
        for key in values.keys.sorted() {
            bytes(Array(key.utf8)); bytes(values[key] ?? []); out.append(damagedKeys.contains(key) ? 1 : 0)
        }
        out.appendLE(UInt32(log.count))
        for r in orderedLog {
            out.appendLE(r.id); out.appendLE(r.orderNumber); out.appendLE(r.traceNumber); out.appendLE(r.batch)
            bytes(r.payload); out.append(damagedLogIds.contains(r.id) ? 1 : 0)
        }
        out.appendLE(UInt32(counters.count))
        for name in counters.keys.sorted() { bytes(Array(name.utf8)); out.appendLE(counters[name] ?? 0) }
        out.appendLE(UInt32(settledBatches.count))
        for b in settledBatches.sorted() { out.appendLE(b) }
        out.appendLE(CRC32C.checksum(out))
        return out
    }

    /// Decodes a backup made by ``encoded()``; throws ``JournalError/corrupt(_:)`` for anything
    /// malformed (bad magic, lengths past the end, CRC mismatch).
    public init(decoding data: [UInt8]) throws(JournalError) {
        self.init()
        guard data.count >= Self.magic.count + 4, Array(data[0..<Self.magic.count]) == Self.magic,
              data.loadLE(UInt32.self, at: data.count - 4) == CRC32C.checksum(data[0..<(data.count - 4)]) else {
            throw .corrupt("snapshot: bad magic or checksum")
        }
        var at = Self.magic.count
        let end = data.count - 4
        func u32() throws(JournalError) -> UInt32 {
            guard at + 4 <= end, let v = data.loadLE(UInt32.self, at: at) else { throw .corrupt("snapshot: truncated") }
            at += 4
            return v
        }
        func u64() throws(JournalError) -> UInt64 {
            guard at + 8 <= end, let v = data.loadLE(UInt64.self, at: at) else { throw .corrupt("snapshot: truncated") }
            at += 8
            return v
        }
        func u8() throws(JournalError) -> UInt8 {
            guard at < end else { throw .corrupt("snapshot: truncated") }
            at += 1
            return data[at - 1]
        }
        func bytes() throws(JournalError) -> [UInt8] {
            let n = Int(try u32())
            guard n <= end - at else { throw .corrupt("snapshot: length past the end") }
            at += n
            return Array(data[(at - n)..<at])
        }
        func text() throws(JournalError) -> String {
            let b = try bytes()
            guard let s = String(validating: b, as: UTF8.self) else { throw .corrupt("snapshot: key is not UTF-8") }
            return s
        }
        for _ in 0..<(try u32()) {
            let key = try text()
            values[key] = try bytes()
            if try u8() != 0 { damagedKeys.insert(key) }
        }
        for _ in 0..<(try u32()) {
            let r = LogRecord(id: try u64(), orderNumber: try u64(), traceNumber: try u64(), batch: try u64(),
                              payload: try bytes())
            log[r.id] = r
            if try u8() != 0 { damagedLogIds.insert(r.id) }
        }
        for _ in 0..<(try u32()) { counters[try text()] = try u64() }
        for _ in 0..<(try u32()) { settledBatches.insert(try u64()) }
        guard at == end else { throw .corrupt("snapshot: trailing bytes") }
    }
}
