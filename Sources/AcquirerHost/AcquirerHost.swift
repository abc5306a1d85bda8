import Acquirer
import Foundation
import Security
import Synchronization

/// The acquirer host simulator's engine: frames in, decisions out. No sockets and no timers:
/// `posterm-host` serves it over TCP and the mock board embeds it in process, both through
/// `HostConnectionSession`.
///
/// Thread-safe: connections on any thread may call `handle` at once; requests are decided one
/// at a time, in the order they take the lock, against one ledger.
public final class AcquirerHost: Sendable {
    struct State: Sendable {
        var books = LedgerState()
        var sessions: [String: TerminalSession] = [:]
        var behaviours: BehaviourSet
        var keys: SeededKeys?
        var statistics = HostStatistics()
    }

    let configuration: HostConfiguration
    let ledger: LedgerStore
    let state: Mutex<State>

    /// An engine with its ledger: `ledgerPath` nil keeps the ledger in memory; otherwise the
    /// JSON Lines file is replayed to rebuild balances, batches and PIN counters, then appended to.
    public init(configuration: HostConfiguration = HostConfiguration(), ledgerPath: String? = nil)
        throws(HostConfigurationError) {
        var state = State(behaviours: configuration.behaviours)
        if case .seeded(let seed) = configuration.keySource { state.keys = SeededKeys(seed: seed) }
        if let ledgerPath {
            let (store, entries) = try LedgerStore.open(path: ledgerPath)
            for entry in entries { state.books.apply(entry) }
            ledger = store
        } else {
            ledger = LedgerStore()
        }
        self.configuration = configuration
        self.state = Mutex(state)
    }

    /// Decides one frame (TPDU + header + body, the content after the length prefix) and says
    /// what to send back.
    public func handle(frame: Frame) -> HostAction {
        let now = configuration.clock()
        var exchange = Exchange(frame: frame, now: now)
        let action = state.withLock { state in decide(&exchange, state: &state) }
        traceExchange(exchange, action: action)
        return action
    }

    /// Decides a frame given as unprefixed bytes; bytes that are not a frame close the connection.
    public func handle(frameBytes: [UInt8]) -> HostAction {
        guard let frame = try? Frame(unprefixed: frameBytes[...]) else { return .close }
        return handle(frame: frame)
    }

    /// The rules in force.
    public var behaviours: [BehaviourRule] { state.withLock { $0.behaviours.rules } }

    /// Adds a rule at run time (after the existing ones).
    public func addBehaviour(_ rule: BehaviourRule) throws(HostConfigurationError) {
        try rule.validate()
        state.withLock { state in
            // Validated above; `add` validates again and cannot fail here.
            try? state.behaviours.add(rule)
        }
    }

    /// Removes every rule.
    public func clearBehaviours() {
        state.withLock { $0.behaviours.removeAll() }
    }

    /// Counters since start.
    public var statistics: HostStatistics { state.withLock { $0.statistics } }

    /// A card's balance now: its opening balance plus the ledger's effects; nil for an unknown name.
    public func balance(ofCard name: String) -> Int64? {
        guard let card = configuration.cards.card(named: name) else { return nil }
        return state.withLock { card.balance + $0.books.balanceDelta[name, default: 0] }
    }

    /// The batch the host expects from a terminal, nil before its first sign-on.
    public func currentBatch(terminal: String) -> Int? {
        state.withLock { $0.books.currentBatch[terminal] }
    }

    /// The ledger file, nil when the ledger is in memory.
    public var ledgerPath: String? { ledger.path }

    /// Records a frame the connection layer rejected before it reached the engine (garbage,
    /// oversized, truncated at close) in the trace.
    public func traceRejected(_ bytes: [UInt8], reason: String) {
        guard let trace = configuration.trace else { return }
        trace(TraceRecord(time: Self.timestamp(configuration.clock()), direction: .inbound, terminal: nil,
                          hex: Hex.encode(bytes), note: "rejected: \(reason)"))
    }

    private func traceExchange(_ exchange: Exchange, action: HostAction) {
        guard let trace = configuration.trace else { return }
        let time = Self.timestamp(exchange.now)
        let inbound = (try? exchange.frame.encoded()) ?? exchange.frame.unprefixedBytes
        trace(TraceRecord(time: time, direction: .inbound, terminal: exchange.terminalID,
                          hex: Hex.encode(inbound), note: exchange.inboundNote))
        switch action {
        case let .reply(bytes, delay):
            let notes = [delay > 0 ? "delay \(delay)" : nil, exchange.badMAC ? "badMAC" : nil].compactMap { $0 }
            trace(TraceRecord(time: time, direction: .outbound, terminal: exchange.terminalID,
                              hex: Hex.encode(bytes), note: notes.isEmpty ? nil : notes.joined(separator: ", ")))
        case .noReply:
            if let withheld = exchange.withheldReply {
                trace(TraceRecord(time: time, direction: .outbound, terminal: exchange.terminalID,
                                  hex: Hex.encode(withheld), note: "noReply: not sent"))
            }
        case .close:
            if let withheld = exchange.withheldReply {
                trace(TraceRecord(time: time, direction: .outbound, terminal: exchange.terminalID,
                                  hex: Hex.encode(withheld), note: "drop: not sent, connection closed"))
            }
        }
    }

    /// ISO 8601 UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        CivilTime(date, offsetSeconds: 0).iso8601
    }
}

/// Counters the admin port reports.
public struct HostStatistics: Sendable, Hashable, Codable {
    /// Frames decided.
    public var requests = 0
    /// Approvals (39 = `00`).
    public var approvals = 0
    /// Other response codes sent.
    public var declines = 0
    /// Requests answered with `A0`.
    public var macFailures = 0
    /// Frames that could not be read as a request (connection closed).
    public var rejected = 0
}

/// The working keys the host issued to a signed-on terminal. Held in memory only: after a host
/// restart terminals sign on again (`C1`).
struct TerminalSession: Sendable {
    var pinKey: SecretKey
    var macKey: SecretKey
    var trackKey: SecretKey?
    var mode: KeyMode
}

/// One frame being decided: what came in and what the decision needs to remember for tracing.
struct Exchange {
    let frame: Frame
    let now: Date
    var terminalID: String?
    var inboundNote: String?
    var badMAC = false
    var withheldReply: [UInt8]?

    init(frame: Frame, now: Date) {
        self.frame = frame
        self.now = now
    }
}
