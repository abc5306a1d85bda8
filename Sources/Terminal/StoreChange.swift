import Acquirer

/// One durable change the terminal asks for. A `.persist` effect carries a group of them that
/// the firmware commits atomically (all or nothing) to the journal.
public enum StoreChange: Sendable, Hashable, Codable {
    /// Create or replace an operator (keyed by operator number).
    case putOperator(OperatorRecord)
    /// Delete the operator with this number.
    case removeOperator(number: String)
    /// Replace the terminal configuration.
    case putConfiguration(TerminalConfiguration)
    /// Append an entry to the audit trail (who did what, when).
    case appendAudit(AuditEntry)
    /// Replace the host client's record: next trace number, batch, sealed MAK, sign-on flag and
    /// the write-ahead reversal (sealed).
    case putHostRecord(HostClientRecord)
    /// Append a transaction to the transaction log (masked PAN only; no track data, CVN or PIN block).
    case appendTransaction(TransactionRecord)
}

/// Everything the journal held at power-on, from which the terminal rebuilds its state.
public struct RecoveredState: Sendable, Hashable {
    /// All operators, in no particular order. Empty on a factory-fresh terminal.
    public var operators: [OperatorRecord]
    /// The configuration, or nil on a factory-fresh terminal (defaults apply).
    public var configuration: TerminalConfiguration?
    /// How many audit entries the journal holds (the next entry's sequence number).
    public var auditCount: UInt64
    /// The host client's record, nil on a terminal that never talked to a host.
    public var hostRecord: HostClientRecord?
    /// How many transactions the log holds (the next transaction's sequence number).
    public var transactionCount: UInt64

    /// Creates a recovered state.
    public init(operators: [OperatorRecord] = [], configuration: TerminalConfiguration? = nil, auditCount: UInt64 = 0,
                hostRecord: HostClientRecord? = nil, transactionCount: UInt64 = 0) {
        self.operators = operators
        self.configuration = configuration
        self.auditCount = auditCount
        self.hostRecord = hostRecord
        self.transactionCount = transactionCount
    }
}

/// One line of the audit trail.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Position in the trail, from 0.
    public var sequence: UInt64
    /// When it happened.
    public var time: WallTime
    /// The operator who did it, or nil for the terminal itself.
    public var operatorNumber: String?
    /// What happened, as a stable code (`signin`, `signout`, `signin.failed`, `operator.locked`,
    /// `operator.unlocked`, `operator.added`, `operator.removed`, `password.changed`,
    /// `config.changed` …).
    public var action: String
    /// Details (never a password, PIN or card data).
    public var detail: String

    /// Creates an audit entry.
    public init(sequence: UInt64, time: WallTime, operatorNumber: String?, action: String, detail: String) {
        self.sequence = sequence
        self.time = time
        self.operatorNumber = operatorNumber
        self.action = action
        self.detail = detail
    }
}
