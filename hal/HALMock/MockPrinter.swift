import HAL
import Synchronization

/// A simulated receipt printer: records each document as the text it would put on paper.
///
/// A job prints at once: `.printer(.finished(job))`, and the document is recorded with the next
/// sequence number. The status is derived from the active faults (`offline` over `cover_open`
/// over `paper_out`); each change posts `.printer(.status(new))`.
///
/// Faults:
/// - `paper_out`: status `.paperOut`; `print` throws `.hardwareFault`.
/// - `cover_open`: status `.coverOpen`; `print` throws `.hardwareFault`.
/// - `offline`: status `.offline`; `print` throws `.disconnected`.
/// - `paper_out_mid_job`: one-shot; the next job prints its first half of lines (recorded with
///   `complete == false`), then the paper runs out: `paper_out` becomes active,
///   `.printer(.status(.paperOut))` and `.printer(.failed(job, .hardwareFault))` are posted.
public final class MockPrinter: ReceiptPrinter, FaultInjectable {
    private struct State {
        var sink: DeviceEventSink?
        var faults: Set<String> = []
        var documents: [PrintedDocument] = []
        var lastSequence: UInt64 = 0

        var status: PrinterStatus {
            if faults.contains("offline") { return .offline }
            if faults.contains("cover_open") { return .coverOpen }
            if faults.contains("paper_out") { return .paperOut }
            return .ok
        }
    }

    /// Columns per line (32 for 58 mm paper, 48 for 80 mm).
    public let width: Int
    /// How many of the latest documents `printed(since:)` can still return.
    public let retainedDocuments: Int
    private let state = Mutex(State())

    /// Creates a ready printer with paper, `width` columns wide, remembering the latest
    /// `retainedDocuments` documents (at least 1).
    public init(width: Int = 32, retainedDocuments: Int = 1000) {
        self.width = max(1, width)
        self.retainedDocuments = max(1, retainedDocuments)
    }

    /// Always `.printer`.
    public var role: DeviceRole { .printer }

    /// Connects the printer; reports its status at once unless it is `.ok`.
    public func start(events: @escaping DeviceEventSink) {
        let status = state.withLock { state in
            state.sink = events
            return state.status
        }
        if status != .ok { events(.printer(.status(status))) }
    }

    /// Disconnects the printer; the paper already printed stays recorded.
    public func stop() {
        state.withLock { $0.sink = nil }
    }

    /// The status the active faults give.
    public var status: PrinterStatus { state.withLock { $0.status } }

    /// Prints `document` as job `job`.
    ///
    /// Throws `.disconnected` when offline and `.hardwareFault` with paper out or cover open
    /// (nothing is printed). Failing part way is reported with `.printer(.failed)`.
    public func print(_ document: PrintDocument, job: UInt64) throws(HALError) {
        let text = document.plainText(width: width)
        let (sink, events) = try state.withLock { state throws(HALError) -> (DeviceEventSink?, [DeviceEvent]) in
            switch state.status {
            case .ok: break
            case .offline: throw HALError(.disconnected, role: .printer, "printer offline")
            case .paperOut: throw HALError(.hardwareFault, role: .printer, "paper out")
            case .coverOpen: throw HALError(.hardwareFault, role: .printer, "cover open")
            }
            guard state.faults.remove("paper_out_mid_job") != nil else {
                record(job: job, kind: document.kind, text: text, complete: true, in: &state)
                return (state.sink, [.printer(.finished(job: job))])
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let partial = lines.prefix(lines.count / 2).joined(separator: "\n")
            record(job: job, kind: document.kind, text: partial, complete: false, in: &state)
            state.faults.insert("paper_out")
            return (state.sink, [
                .printer(.status(.paperOut)),
                .printer(.failed(job: job, HALError(.hardwareFault, role: .printer, "paper ran out during the job"))),
            ])
        }
        post(events, to: sink)
    }

    /// The documents recorded after sequence number `sequence`, oldest first (only the latest
    /// `retainedDocuments` are kept).
    public func printed(since sequence: UInt64) -> [PrintedDocument] {
        state.withLock { state in state.documents.filter { $0.sequence > sequence } }
    }

    /// The sequence number of the last document recorded (0 before the first).
    public var lastSequence: UInt64 { state.withLock { $0.lastSequence } }

    /// `["paper_out", "cover_open", "offline", "paper_out_mid_job"]`.
    public var supportedFaults: [String] { ["paper_out", "cover_open", "offline", "paper_out_mid_job"] }

    /// The active faults (`paper_out_mid_job` leaves when it fires).
    public var activeFaults: Set<String> { state.withLock { $0.faults } }

    /// Switches a fault on or off, posting `.printer(.status)` when the status changes.
    public func setFault(_ name: String, active: Bool) throws(MockControlError) {
        try checkFaultName(name, role: role)
        let (sink, newStatus) = state.withLock { state -> (DeviceEventSink?, PrinterStatus?) in
            let before = state.status
            if active { state.faults.insert(name) } else { state.faults.remove(name) }
            let after = state.status
            return after == before ? (nil, nil) : (state.sink, after)
        }
        if let newStatus { post([.printer(.status(newStatus))], to: sink) }
    }

    private func record(job: UInt64, kind: DocumentKind, text: String, complete: Bool, in state: inout State) {
        state.lastSequence += 1
        state.documents.append(PrintedDocument(sequence: state.lastSequence, job: job, kind: kind, text: text, complete: complete))
        if state.documents.count > retainedDocuments {
            state.documents.removeFirst(state.documents.count - retainedDocuments)
        }
    }
}
