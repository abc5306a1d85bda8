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
