/// One entry of the transaction log.
public struct LogRecord: Sendable, Hashable {
    /// Store-assigned identifier, increasing in commit order, never reused.
    public var id: UInt64
    /// The order number the record belongs to (index key).
    public var orderNumber: UInt64
    /// The trace number of the message it records (index key).
    public var traceNumber: UInt64
    /// The batch the record belongs to (for settlement and retention).
    public var batch: UInt64
    /// Opaque bytes owned by the caller (the journal never interprets them).
    public var payload: [UInt8]

    /// Creates a log record.
    public init(id: UInt64, orderNumber: UInt64, traceNumber: UInt64, batch: UInt64, payload: [UInt8]) {
        self.id = id
        self.orderNumber = orderNumber
        self.traceNumber = traceNumber
        self.batch = batch
        self.payload = payload
    }
}

/// A resolved, absolute state change as stored in one record. Applying an effect twice, or
/// again later with nothing in between touching the same item, changes nothing: recovery and
/// garbage collection rely on it.
enum Effect: Hashable, Sendable {
    case put(key: String, value: [UInt8], damaged: Bool)
    case delete(key: String)
    case log(LogRecord, damaged: Bool)
    case counter(name: String, value: UInt64)
    case settle(batch: UInt64)
    /// Drops every record of one settled batch (resolved at commit time, so replay never
    /// depends on settle marks that garbage collection may already have erased).
    case dropBatch(UInt64)
    /// Sector `sequence` is closed: only groups ending at or before `end` count.
    case seal(sequence: UInt64, end: UInt32)
    /// Sector `sequence` was evacuated by garbage collection: skip it and erase it.
    case gcDone(sequence: UInt64)
}

/// Record type bytes. `0x00` and `0xFF` are never valid, so blank or zeroed flash never parses.
enum RecordType: UInt8 {
    case put = 0x01, delete = 0x02, log = 0x03, counter = 0x04, settle = 0x05, drop = 0x06
    case seal = 0x07, gcDone = 0x08, commit = 0x7F
}
