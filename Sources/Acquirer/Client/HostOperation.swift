/// What the terminal asks of the host. Each runs as one online session: connect, send the
/// pending reversal first when the operation is a transaction or settlement (and sign on first
/// when the keys are missing or the host asked for it), the request itself, any follow-up
/// (batch upload, re-sign-on), disconnect.
public enum HostOperation: Sendable, Hashable {
    /// Sign on 签到: fresh working keys and the batch number.
    case signOn
    /// Sign off 签退: the keys are forgotten.
    case signOff
    /// Echo test 回响测试.
    case echo
    /// Sale 消费 (needs a reversal until answered).
    case sale(amount: Int64, card: CardData, pin: PINData?)
    /// Void 消费撤销 of an approved sale (needs a reversal until answered).
    case void(amount: Int64, card: CardData, pin: PINData?, originalRRN: String,
              originalAuthorizationCode: String?, original: OriginalTransaction)
    /// Refund 退货 (0220; no reversal).
    case refund(amount: Int64, card: CardData, pin: PINData?, originalRRN: String, original: OriginalTransaction)
    /// Balance inquiry 查询.
    case balanceInquiry(card: CardData, pin: PINData?)
    /// QR payment, order query or cancel; query and cancel name the payment in `original`.
    case qr(operation: QROperation, amount: Int64, paymentCode: String, original: OriginalTransaction?)
    /// Deliver the pending reversal now, with nothing after it.
    case reverse
    /// Settlement 结算 with the terminal's totals; when the host reports a mismatch the
    /// `records` are uploaded (0320 `201`, then `202`); when balanced only the end (`207`).
    case settle(totals: SettlementField, records: [BatchUploadRecord])
    /// Batch upload 批上送 on its own, for a batch already settled whose upload was cut short:
    /// the `records` (when `balanced` is false) and the end-of-batch message, all with 60.2 = `batch`.
    case uploadBatch(batch: Int, records: [BatchUploadRecord], balanced: Bool)

    /// Whether the request carries a MAC (and so needs working keys).
    var needsKeys: Bool {
        switch self {
        case .signOn, .signOff, .echo: false
        default: true
        }
    }

    /// Whether a reversal must be armed before the request leaves (protocol reference 4).
    var needsReversal: Bool {
        switch self {
        case .sale, .void: true
        case .qr(let operation, _, _, _): operation != .query
        default: false
        }
    }
}

/// How an operation ended.
public enum HostOutcome: Sendable, Hashable {
    /// The host approved (class A response code); the response is checked and its MAC verified.
    case approved(HostResponse)
    /// The host answered with another code; `response.info` has the action and the messages.
    case declined(HostResponse)
    /// No usable answer.
    case failed(HostClientFailure)
}

/// Why an operation got no usable answer.
public enum HostClientFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The link could not connect.
    case connectFailed
    /// No response before the timer fired.
    case noResponse
    /// The connection closed while waiting.
    case disconnected
    /// The bytes did not frame or unpack.
    case unreadableResponse(String)
    /// The response failed the checks (MAC, MTI, echoed fields).
    case responseCheckFailed(ResponseCheckError)
    /// The sign-on keys did not match their check values (the old keys stay in force).
    case keyCheckFailed
    /// The pending reversal got no valid 0410 in all attempts; the transaction was not sent.
    case reversalUndelivered
    /// `.reverse` with no reversal pending.
    case nothingToReverse
    /// The request could not be built (a value out of range).
    case invalidRequest(String)
    /// The keys or the sealed records could not be used.
    case security(String)

    /// A one-line English description.
    public var description: String {
        switch self {
        case .connectFailed: "cannot connect to the host"
        case .noResponse: "no response from the host"
        case .disconnected: "connection lost while waiting"
        case .unreadableResponse(let reason): "unreadable response: \(reason)"
        case .responseCheckFailed(let error): "response rejected: \(error)"
        case .keyCheckFailed: "working keys failed their check values"
        case .reversalUndelivered: "pending reversal not delivered"
        case .nothingToReverse: "no reversal pending"
        case .invalidRequest(let reason): "request not built: \(reason)"
        case .security(let reason): "security: \(reason)"
        }
    }
}

/// The settlement part of a result.
public struct SettlementOutcome: Sendable, Hashable {
    /// Whether both halves were balanced (settle codes `1`).
    public var balanced: Bool
    /// The host's answer (field 48 with its settle codes).
    public var hostTotals: SettlementField
}

/// What an operation produced.
public struct HostExchangeResult: Sendable, Hashable {
    /// The operation as started.
    public var operation: HostOperation
    /// How it ended.
    public var outcome: HostOutcome
    /// The operation's own STAN, when its request was sent.
    public var stan: Int?
    /// The batch the request belonged to.
    public var batch: Int?
    /// Pending reversals delivered during the session.
    public var reversalsDelivered: Int
    /// Whether a sign-on ran during the session (first, or because the host asked).
    public var signedOn: Bool
    /// Settlement details, for `.settle` once the 0510 arrived.
    public var settlement: SettlementOutcome?
    /// Detail records the host acknowledged in batch uploads during the session.
    public var uploadedRecords: Int
}

/// What the client asks its caller to do. Outputs of one call run in order; a `.persist`
/// completes durably before the next output runs (the write-ahead rule).
public enum HostClientOutput: Sendable, Hashable {
    /// Open the link to the host.
    case connect
    /// Send these bytes (a length-prefixed frame).
    case send([UInt8])
    /// Close the link.
    case disconnect
    /// Start (or restart) the response timer.
    case startTimer(milliseconds: Int64)
    /// Cancel the response timer.
    case cancelTimer
    /// Store this record durably before going on.
    case persist(HostClientRecord)
    /// New working keys arrived and verified: install field 62 in the PIN pad (its PIK encrypts
    /// the next PIN blocks).
    case installWorkingKeys(field62: [UInt8], mode: KeyMode)
    /// The operation ended.
    case completed(HostExchangeResult)
}

/// What the caller tells the client.
public enum HostClientInput: Sendable, Hashable {
    /// The link connected.
    case connected
    /// The link could not connect.
    case connectFailed
    /// Bytes arrived from the host.
    case received([UInt8])
    /// The link closed.
    case disconnected
    /// The response timer fired.
    case timerFired
}
