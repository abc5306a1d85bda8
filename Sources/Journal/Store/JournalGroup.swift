/// One operation of a group commit.
public enum JournalOperation: Sendable, Hashable {
    /// Sets `key` to `value` (configuration, operators, keys at rest, pending reversal...).
    case put(key: String, value: [UInt8])
    /// Removes `key`.
    case delete(key: String)
    /// Appends a transaction-log record; the store assigns its id.
    case append(orderNumber: UInt64, traceNumber: UInt64, batch: UInt64, payload: [UInt8])
    /// Adds `by` to a counter (a missing counter starts at 0).
    case increment(counter: String, by: UInt64)
    /// Raises a counter to `value`; lowering it is refused.
    case advance(counter: String, to: UInt64)
    /// Marks a batch settled (its records become eligible for retention).
    case settleBatch(UInt64)
    /// Drops the log records of every settled batch numbered `through` or lower (retention).
    case dropSettledBatches(through: UInt64)
}

/// A set of operations that becomes visible atomically: all of them after a crash, or none.
///
/// ```swift
/// var group = JournalGroup()
/// group.append(orderNumber: 42, traceNumber: trace, batch: batch, payload: approvalRecord)
/// group.put("batch/totals", totals)
/// group.delete("reversal/pending")
/// let receipt = try store.commit(group)
/// ```
public struct JournalGroup: Sendable, Hashable {
    /// The operations, applied in order.
    public var operations: [JournalOperation]

    /// Creates a group from operations.
    public init(_ operations: [JournalOperation] = []) { self.operations = operations }

    /// Adds a put.
    public mutating func put(_ key: String, _ value: [UInt8]) { operations.append(.put(key: key, value: value)) }
    /// Adds a delete.
    public mutating func delete(_ key: String) { operations.append(.delete(key: key)) }
    /// Adds a log append.
    public mutating func append(orderNumber: UInt64, traceNumber: UInt64, batch: UInt64, payload: [UInt8]) {
        operations.append(.append(orderNumber: orderNumber, traceNumber: traceNumber, batch: batch, payload: payload))
    }
    /// Adds a counter increment.
    public mutating func increment(_ counter: String, by amount: UInt64 = 1) {
        operations.append(.increment(counter: counter, by: amount))
    }
    /// Adds a counter advance.
    public mutating func advance(_ counter: String, to value: UInt64) {
        operations.append(.advance(counter: counter, to: value))
    }
    /// Adds a batch settlement mark.
    public mutating func settleBatch(_ batch: UInt64) { operations.append(.settleBatch(batch)) }
    /// Adds a retention drop.
    public mutating func dropSettledBatches(through batch: UInt64) {
        operations.append(.dropSettledBatches(through: batch))
    }
}

/// What a successful commit assigned.
public struct CommitReceipt: Sendable, Hashable {
    /// The group's id (increasing).
    public var groupId: UInt64
    /// Ids of the log records the group appended, in operation order.
    public var logIds: [UInt64]
    /// Values of the counters the group changed, after the commit.
    public var counters: [String: UInt64]
}

/// Whether a commit may run maintenance (garbage collection, erases) when it runs out of
/// prepared space.
public enum MaintenancePolicy: Sendable, Hashable {
    /// The commit may collect garbage and erase sectors (unbounded latency in flash time).
    case allowed
    /// The commit only uses space prepared by ``JournalStore/reserveHeadroom(bytes:)``; if that is
    /// not enough it fails with ``JournalError/noHeadroom(needed:available:)`` and writes nothing.
    /// Use it between sending an authorisation and persisting its outcome.
    case forbidden
}
