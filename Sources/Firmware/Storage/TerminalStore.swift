import Synchronization
import Terminal

/// Where the terminal's durable state lives. The runtime loads it at power-on and commits each
/// `.persist` group through it, atomically and durably, before running the next effect.
public protocol TerminalStore: AnyObject, Sendable {
    /// Everything stored, for `.powerOn`. Throws when the medium cannot be read.
    func load() throws -> RecoveredState
    /// Makes `changes` durable as one atomic group (all or nothing). Throws when the medium is
    /// full, worn out or failing; nothing of the group is then visible.
    func commit(_ changes: [StoreChange]) throws
}

/// A store in RAM: survives a simulated power cut (the process keeps it) but not a restart of
/// the process. Used by tests, and by the mock board's `flash: {backend: memory}`.
public final class InMemoryTerminalStore: TerminalStore {
    private let state = Mutex(RecoveredState())

    /// Creates an empty store (a factory-fresh terminal).
    public init() {}

    /// The stored state.
    public func load() throws -> RecoveredState {
        state.withLock { $0 }
    }

    /// Applies the group; in RAM it cannot fail.
    public func commit(_ changes: [StoreChange]) throws {
        state.withLock { $0.apply(changes) }
    }
}

extension RecoveredState {
    /// Applies a group of changes to a recovered-state snapshot (what a store's contents become).
    mutating func apply(_ changes: [StoreChange]) {
        for change in changes {
            switch change {
            case let .putOperator(record):
                operators.removeAll { $0.number == record.number }
                operators.append(record)
            case let .removeOperator(number):
                operators.removeAll { $0.number == number }
            case let .putConfiguration(configuration):
                self.configuration = configuration
            case .appendAudit:
                auditCount += 1
            }
        }
    }
}
