import HAL

/// The terminal's state in RAM: a cache of the journal plus what is on screen now.
public struct TerminalState: Sendable {
    /// Which part of the terminal's life it is in.
    public enum Phase: String, Sendable, Hashable {
        /// Before `.powerOn`.
        case off
        /// Showing the power-on self-test.
        case selfTest = "self_test"
        /// The idle screen.
        case idle
    }

    /// Which part of the terminal's life it is in.
    public internal(set) var phase: Phase = .off
    /// The time of the event being handled.
    public internal(set) var now = WallTime(millisecondsSinceEpoch: 0)
    /// The configuration in force.
    public internal(set) var configuration = TerminalConfiguration()
    /// All operators by number.
    public internal(set) var operators: [String: OperatorRecord] = [:]
    /// The next audit sequence number.
    public internal(set) var auditCount: UInt64 = 0
    /// The printer's last reported status.
    public internal(set) var printerStatus: PrinterStatus = .ok
    /// Whether the network under the host link is up.
    public internal(set) var linkUp = true

    mutating func restore(from recovered: RecoveredState) {
        configuration = recovered.configuration ?? TerminalConfiguration()
        operators = Dictionary(recovered.operators.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
        auditCount = recovered.auditCount
    }
}
