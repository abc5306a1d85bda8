import Security

/// The terminal side of the host link as a pure state machine: operations and link events in,
/// outputs (connect, send, timers, persist, completion) out. No sockets, clocks or randomness,
/// so the terminal state machine embeds it and a test drives it byte for byte.
///
/// Rules it keeps (protocol reference 6, 8, 9, 10):
/// - every request takes a new trace number from the persisted counter, persisted first;
/// - a request that needs a reversal persists the reversal record before its bytes leave;
/// - a pending reversal is delivered before the next transaction or settlement, with
///   `reversalResendCount` resends per session, and kept until a valid 0410 arrives;
/// - every response is checked (MAC first) before it counts; a MAC failure re-arms the reversal
///   with reason `A0`, any other failure with `98`;
/// - `A0`/`99`/`77`/`C1` or a header asking for sign-on makes it sign on again in the session;
/// - an unbalanced settlement uploads the batch.
public struct HostClient: Sendable {
    /// The link parameters.
    public let configuration: HostClientConfiguration
    /// What is persisted; hand it back to `init` after a restart.
    public internal(set) var record: HostClientRecord
    let masterKey: SecretKey
    let keyEncryptionKey: SecretKey
    var macKey: SecretKey?
    var run: Run?
    /// The reversal (reason `06`, already stripped of tracks and PIN block) of the last approved
    /// request that needed one, for a card decline after approval. Memory only.
    var lastReversible: ReversalRequest?

    /// A client from its configuration, the terminal master key (decrypts the working keys at
    /// sign-on), the key-encryption key that seals the MAK and the reversal at rest, and the
    /// persisted record. A record whose sealed MAK does not open asks for a new sign-on.
    public init(configuration: HostClientConfiguration, masterKey: SecretKey, keyEncryptionKey: SecretKey,
                record: HostClientRecord = HostClientRecord()) {
        self.configuration = configuration
        self.masterKey = masterKey
        self.keyEncryptionKey = keyEncryptionKey
        var record = record
        if !(1...999_999).contains(record.nextTrace) { record.nextTrace = 1 }
        if let sealed = record.sealedMACKey {
            if let entry = try? KeySealing.unseal(sealed, kek: keyEncryptionKey), entry.usage == .macKey {
                macKey = entry.key
            } else {
                record.sealedMACKey = nil
                record.signOnRequired = true
            }
        }
        self.record = record
    }

    /// Whether an operation is under way.
    public var isBusy: Bool { run != nil }

    /// Whether a reversal waits to be delivered.
    public var hasPendingReversal: Bool { record.pendingReversal != nil }

    /// Whether working keys are loaded and no new sign-on is asked for.
    public var isSignedOn: Bool { macKey != nil && !record.signOnRequired }

    /// Starts an operation; the first output is `.connect` (or `.completed` when there is
    /// nothing to do). Throws `busy` while another operation runs.
    public mutating func start(_ operation: HostOperation) throws(HostClientBusy) -> [HostClientOutput] {
        guard run == nil else { throw HostClientBusy() }
        var steps: [Step] = []
        var uploadBatch = 0
        if operation == .signOn {
            steps = [.signOn]
        } else if case let .uploadBatch(batch, records, balanced) = operation {
            if macKey == nil || record.signOnRequired { steps.append(.signOn) }
            steps += Step.upload(records, balanced: balanced)
            uploadBatch = batch
        } else {
            if operation.needsKeys && (macKey == nil || record.signOnRequired) { steps.append(.signOn) }
            if operation.needsKeys && record.pendingReversal != nil { steps.append(.reversal) }
            if operation != .reverse { steps.append(.main) }
        }
        let result = HostExchangeResult(operation: operation, outcome: .failed(.noResponse), stan: nil, batch: nil,
                                        reversalsDelivered: 0, signedOn: false, settlement: nil, uploadedRecords: 0)
        if operation == .reverse && record.pendingReversal == nil {
            var done = result
            done.outcome = .failed(.nothingToReverse)
            return [.completed(done)]
        }
        run = Run(operation: operation, steps: steps, result: result,
                  decoder: FrameDecoder(maximumLength: configuration.maximumFrameLength), uploadBatch: uploadBatch)
        return [.connect]
    }

    /// Feeds a link event or the timer.
    public mutating func handle(_ input: HostClientInput) -> [HostClientOutput] {
        guard var current = run else { return [] }
        switch input {
        case .connected:
            guard !current.connected else { return [] }
            current.connected = true
            current.decoder = FrameDecoder(maximumLength: configuration.maximumFrameLength)
            run = current
            return sendNext()
        case .connectFailed:
            guard !current.connected else { return [] }
            if current.awaiting == nil && current.steps.first == .reversal && current.reversalAttempts > 0 {
                return exchangeFailed(step: .reversal, failure: .connectFailed)
            }
            return finish(.failed(.connectFailed))
        case .received(let bytes):
            guard current.connected else { return [] }
            current.decoder.append(bytes)
            run = current
            return receiveFrames()
        case .disconnected:
            guard current.connected else { return [] }
            current.connected = false
            run = current
            guard let awaiting = current.awaiting else { return finish(current.result.outcome) }
            return exchangeFailed(step: awaiting.step, failure: .disconnected)
        case .timerFired:
            guard let awaiting = current.awaiting else { return [] }
            return exchangeFailed(step: awaiting.step, failure: .noResponse)
        }
    }

    /// Arms a reversal with reason `06` for the last approved sale, void or QR payment, when
    /// the card refused the issuer's data after the approval; `iccData` is the card's field 55.
    /// Returns the `.persist` to run; the reversal goes before the next transaction.
    public mutating func armCardDeclineReversal(iccData: [UInt8]?) throws(HostClientFailure) -> [HostClientOutput] {
        guard var reversal = lastReversible else { throw .nothingToReverse }
        if let iccData { reversal.message[55] = iccData }
        record.pendingReversal = try seal(reversal)
        lastReversible = nil
        return [.persist(record)]
    }
}

/// `start` was called while another operation runs.
public struct HostClientBusy: Error, Sendable, Hashable {}

/// One step of an online session.
enum Step: Sendable, Hashable {
    case signOn
    case reversal
    case main
    case uploadRecords([BatchUploadRecord])
    case uploadEnd(total: Int, balanced: Bool)

    /// The upload after a settlement: every record, eight per 0320, then the `202` end when
    /// unbalanced; only the `207` end when balanced.
    static func upload(_ records: [BatchUploadRecord], balanced: Bool) -> [Step] {
        guard !balanced else { return [.uploadEnd(total: 0, balanced: true)] }
        var steps: [Step] = []
        var index = 0
        while index < records.count {
            let end = min(index + BatchUploadRecord.maximumPerMessage, records.count)
            steps.append(.uploadRecords(Array(records[index..<end])))
            index = end
        }
        return steps + [.uploadEnd(total: records.count, balanced: false)]
    }
}

/// The operation under way.
struct Run: Sendable {
    var operation: HostOperation
    var steps: [Step]
    var result: HostExchangeResult
    var decoder: FrameDecoder
    var connected = false
    var awaiting: Awaiting?
    var reversalAttempts = 0
    var resignedOn = false
    /// 60.2 of batch-upload messages (the batch just settled).
    var uploadBatch: Int

    init(operation: HostOperation, steps: [Step], result: HostExchangeResult, decoder: FrameDecoder, uploadBatch: Int) {
        self.operation = operation
        self.steps = steps
        self.result = result
        self.decoder = decoder
        self.uploadBatch = uploadBatch
    }
}

/// A request sent and not yet answered.
struct Awaiting: Sendable {
    var step: Step
    var request: ISO8583Message
}
