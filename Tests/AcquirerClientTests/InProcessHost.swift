import Acquirer
import AcquirerHost
import Foundation
import Security
import Testing

/// Drives a `HostClient` against an in-process `AcquirerHost` through `HostConnectionSession`,
/// on simulated time: timers and host delays are scheduled events, nothing sleeps. The PIN pad
/// is a real `SoftwareSecureElement` holding the test TMK, so PIN blocks are real.
final class InProcessHost {
    /// What the simulated link does to the terminal's bytes.
    enum LinkFault {
        case none
        /// Bytes to the host are lost (the host never sees them).
        case loseRequests
        /// Connects are refused.
        case refuse
    }

    let host: AcquirerHost
    let pinPad: SoftwareSecureElement
    let configuration: HostClientConfiguration
    var client: HostClient
    /// The record as last persisted.
    var persisted: HostClientRecord
    var fault = LinkFault.none
    /// Every output the client produced, in order.
    var outputs: [HostClientOutput] = []
    /// Every frame the terminal sent and the host sent.
    var terminalFrames: [[UInt8]] = []
    var hostFrames: [[UInt8]] = []
    /// Trace lines from the host.
    let traces = TraceBox()
    /// Frames to deliver to the client ahead of (or instead of) the host's, for robustness tests.
    var injectBeforeReply: [[UInt8]] = []

    private var session: HostConnectionSession?
    private var now: Int64 = 0
    private var timer: Int64?
    private var events: [(at: Int64, order: Int, input: HostClientInput)] = []
    private var order = 0

    static let identity = TerminalIdentity(terminalID: "10000001", merchantID: "898100012340001")

    init(host: AcquirerHost? = nil, configuration: HostClientConfiguration? = nil,
         behaviours: [BehaviourRule] = [], ledgerPath: String? = nil) throws {
        let traces = self.traces
        if let host {
            self.host = host
        } else {
            var hostConfiguration = HostConfiguration(keySource: .seeded(7))
            hostConfiguration.behaviours = try BehaviourSet(rules: behaviours)
            hostConfiguration.clock = { Date(timeIntervalSince1970: 1_780_000_000) }
            hostConfiguration.trace = { traces.append($0) }
            self.host = try AcquirerHost(configuration: hostConfiguration, ledgerPath: ledgerPath)
        }
        pinPad = try SoftwareSecureElement(keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        _ = try pinPad.injectMasterKey(TestKeys.terminalMasterKey)
        let configuration = configuration ?? HostClientConfiguration(terminal: Self.identity)
        self.configuration = configuration
        client = HostClient(configuration: configuration, masterKey: TestKeys.terminalMasterKey,
                            keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        persisted = client.record
    }

    /// Throws the client away and builds a new one from the persisted record (a power cycle).
    func restartClient() {
        session = nil
        timer = nil
        events.removeAll()
        client = HostClient(configuration: configuration, masterKey: TestKeys.terminalMasterKey,
                            keyEncryptionKey: TestKeys.mockKeyEncryptionKey, record: persisted)
    }

    /// Runs one operation to completion on simulated time.
    @discardableResult
    func run(_ operation: HostOperation) throws -> HostExchangeResult {
        var pending = try client.start(operation)
        var steps = 0
        while true {
            steps += 1
            guard steps < 10_000 else { throw HarnessError.runaway }
            for output in pending {
                outputs.append(output)
                if case .completed(let result) = output { return result }
                execute(output)
            }
            guard let input = nextEvent() else { throw HarnessError.stalled }
            pending = client.handle(input)
        }
    }

    /// A PIN block from the PIN pad for a card.
    func pin(_ digits: String, pan: String) throws -> PINData {
        let block = try pinPad.pinBlock(digits: digits.utf8.map { $0 - 0x30 }, pan: pan, format: .iso0)
        return PINData(block: block.bytes)
    }

    /// Swipe data for a built-in card (PAN + expiry, magnetic stripe).
    func card(_ name: String) throws -> CardData {
        let card = try #require(CardDatabase.builtIn.card(named: name))
        return CardData(pan: card.pan, expiry: card.expiry, entryMethod: .magneticStripe)
    }

    /// A sale with the card's own PIN (or `pin` when given); signs on first when needed, since
    /// the PIN pad needs its PIK before it can encrypt a PIN.
    func sale(_ name: String, amount: Int64, pin: String? = nil) throws -> HostExchangeResult {
        if !client.isSignedOn { _ = try run(.signOn) }
        let card = try #require(CardDatabase.builtIn.card(named: name))
        return try run(.sale(amount: amount, card: try self.card(name), pin: try self.pin(pin ?? card.pin, pan: card.pan)))
    }

    private func execute(_ output: HostClientOutput) {
        switch output {
        case .connect:
            if fault == .refuse {
                schedule(.connectFailed)
            } else {
                session = HostConnectionSession(host: host)
                schedule(.connected)
            }
        case .send(let bytes):
            terminalFrames.append(bytes)
            guard fault != .loseRequests, var current = session else { return }
            let replies = current.receive(bytes)
            session = current
            for frame in injectBeforeReply { schedule(.received(frame)) }
            injectBeforeReply.removeAll()
            for reply in replies {
                switch reply {
                case let .send(frame, delay):
                    hostFrames.append(frame)
                    schedule(.received(frame), after: Int64(delay))
                case .close:
                    session = nil
                    schedule(.disconnected)
                }
            }
        case .disconnect:
            if var current = session { _ = current.peerClosed() }
            session = nil
        case .startTimer(let milliseconds):
            timer = now + milliseconds
        case .cancelTimer:
            timer = nil
        case .persist(let record):
            persisted = record
        case let .installWorkingKeys(field62, mode):
            _ = try? pinPad.installWorkingKeys(field62: field62, mode: KeyDownloadMode(rawValue: mode.rawValue) ?? .doubleLength)
        case .completed:
            break
        }
    }

    private func schedule(_ input: HostClientInput, after delay: Int64 = 0) {
        order += 1
        events.append((now + delay, order, input))
    }

    private func nextEvent() -> HostClientInput? {
        let next = events.enumerated().min { ($0.element.at, $0.element.order) < ($1.element.at, $1.element.order) }
        if let timer, next.map({ $0.element.at > timer }) ?? true {
            now = timer
            self.timer = nil
            return .timerFired
        }
        guard let next else { return nil }
        events.remove(at: next.offset)
        now = max(now, next.element.at)
        return next.element.input
    }
}

enum HarnessError: Error {
    case runaway
    case stalled
}

/// Collects trace records from the host's threads.
final class TraceBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [TraceRecord] = []

    func append(_ record: TraceRecord) {
        lock.lock()
        stored.append(record)
        lock.unlock()
    }

    var records: [TraceRecord] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// Inbound frames whose MTI (bytes 13-14 of the prefixed frame) is `mti`, e.g. `0400`.
    func inbound(mti: String) -> [TraceRecord] {
        records.filter { $0.direction == .inbound && $0.note == nil && $0.hex.count >= 30
            && $0.hex.dropFirst(26).prefix(4) == Substring(mti) }
    }
}

extension HostExchangeResult {
    /// Field 39 of the answer, nil when the operation failed.
    var code: String? {
        switch outcome {
        case .approved(let response), .declined(let response): response.responseCode
        case .failed: nil
        }
    }

    /// The answer, nil when the operation failed.
    var response: HostResponse? {
        switch outcome {
        case .approved(let response), .declined(let response): response
        case .failed: nil
        }
    }
}
