import Acquirer
import HAL

/// The terminal's state in RAM: a cache of the journal plus what is on screen now.
public struct TerminalState: Sendable {
    /// Which part of the terminal's life it is in; the raw value is stable (for `status`).
    public enum Phase: String, Sendable, Hashable {
        /// Before `.powerOn`.
        case off
        /// Showing the power-on self-test.
        case selfTest = "self_test"
        /// Up, nobody signed in (the idle screen, sign-in or unlock screens).
        case idle
        /// An operator is signed in.
        case signedIn = "signed_in"
    }

    /// Which part of the terminal's life it is in.
    public var phase: Phase {
        switch screen {
        case .off: return .off
        case .selfTest: return .selfTest
        default: return signedInOperator == nil ? .idle : .signedIn
        }
    }

    /// The current screen's stable id (`idle`, `signin.password`, `config.menu` …).
    public var screenID: String { screen.id }
    /// The frame last shown on the display (screen id `off` before power-on).
    public internal(set) var frame = DisplayFrame(screenID: "off", title: "", lines: [])
    /// The number of the operator signed in, if any.
    public internal(set) var signedInOperator: String?
    /// The role of the operator signed in, if any.
    public var signedInRole: OperatorRole? { signedInOperator.flatMap { operators[$0]?.role } }
    /// The language of screens and receipts.
    public var language: Language { configuration.language }
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

    /// The next trace number (STAN) the host client will use; nil without host keys.
    public var traceNumber: Int? { host?.record.nextTrace }
    /// The current batch number; nil without host keys.
    public var batchNumber: Int? { host?.record.batch }
    /// Whether a reversal waits to be delivered to the host.
    public var pendingReversal: Bool { host?.hasPendingReversal ?? (hostRecord?.pendingReversal != nil) }
    /// Whether the terminal holds working keys and the host has not asked for a new sign-on.
    public var signedOnToHost: Bool { host?.isSignedOn ?? false }
    /// How many transactions the log holds.
    public internal(set) var transactionCount: UInt64 = 0

    /// What is on screen, with its entry state.
    var screen: Screen = .off
    /// The terminal side of the host link (nil without host keys).
    var host: HostClient?
    /// The host record recovered at power-on (the client is built from it).
    var hostRecord: HostClientRecord?
    /// What the host operation under way is for.
    var hostPurpose: HostPurpose?
    /// An operation waiting for the one under way to finish.
    var queuedHost: QueuedHostOperation?
    /// The next print job number.
    var nextPrintJob: UInt64 = 1
    /// Whether the idle-timeout timer is running.
    var idleTimerRunning = false

    /// The home screen: the main menu when an operator is signed in, else the idle screen.
    var home: Screen { signedInOperator == nil ? .idle : .menu(.main, cursor: 0) }

    mutating func restore(from recovered: RecoveredState) {
        configuration = recovered.configuration ?? TerminalConfiguration()
        operators = Dictionary(recovered.operators.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
        auditCount = recovered.auditCount
        hostRecord = recovered.hostRecord
        transactionCount = recovered.transactionCount
    }
}
