/// Why a store is in read-only mode. Data stays readable in every case.
public enum ReadOnlyReason: Sendable, Hashable, CustomStringConvertible {
    /// A sector reached its endurance (erase, program or verification failed).
    case wornOut(sector: Int)
    /// Too few usable sectors remain to write safely (recovery could not open a sector).
    case noUsableSector
    /// The store was mounted read-only on purpose (inspection).
    case requested

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .wornOut(let s): "sector \(s) is worn out"
        case .noUsableSector: "no usable sector left to write"
        case .requested: "mounted read-only"
        }
    }
}

/// Errors of the journaled store.
public enum JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No journal on the device (blank or foreign content). Format it explicitly.
    case unformatted
    /// Live data does not fit: even after garbage collection the group cannot be written.
    case full(needed: Int, available: Int)
    /// Writing would need garbage collection or an erase, which the caller forbade; call
    /// ``JournalStore/reserveHeadroom(bytes:)`` while idle.
    case noHeadroom(needed: Int, available: Int)
    /// The store is read-only (end of life); reads still work.
    case readOnly(ReadOnlyReason)
    /// Media content is inconsistent in a way the store cannot repair (details inside).
    case corrupt(String)
    /// The value of this key was lost to media damage.
    case damagedValue(key: String)
    /// The payload of this log record was lost to media damage.
    case damagedLogRecord(id: UInt64)
    /// The device lost power during the operation; nothing after the last acknowledged
    /// commit is promised. Power on and mount again.
    case powerLoss
    /// A counter would move backwards.
    case counterWouldGoBackwards(name: String, current: UInt64, requested: UInt64)
    /// The request itself is invalid (key too long, group too large, overflow, ...).
    case invalidRequest(String)
    /// A flash error the store could not handle.
    case flash(FlashError)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .unformatted: "no journal on this device (format it first)"
        case .full(let n, let a): "journal full: \(n) bytes needed, \(a) available after garbage collection"
        case .noHeadroom(let n, let a): "no headroom: \(n) bytes needed, \(a) free without maintenance"
        case .readOnly(let r): "journal is read-only: \(r)"
        case .corrupt(let what): "journal corrupt: \(what)"
        case .damagedValue(let key): "value of \(key) lost to media damage"
        case .damagedLogRecord(let id): "log record \(id) lost to media damage"
        case .powerLoss: "power lost during the operation"
        case .counterWouldGoBackwards(let n, let c, let r): "counter \(n) would go back from \(c) to \(r)"
        case .invalidRequest(let why): "invalid request: \(why)"
        case .flash(let e): e.description
        }
    }
}
