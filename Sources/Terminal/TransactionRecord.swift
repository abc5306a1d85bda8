/// One transaction as the journal's transaction log keeps it: what a receipt reprint, a void
/// or settlement needs, and nothing a thief could use. The PAN is masked (first 6, last 4);
/// track data, CVN and the PIN block are never in it.
public struct TransactionRecord: Sendable, Hashable, Codable {
    /// How a transaction ended.
    public enum Result: String, Sendable, Hashable, Codable {
        /// The host approved it.
        case approved
        /// The host answered with another response code.
        case declined
        /// No usable answer: a reversal is pending for it.
        case failed
    }

    /// Position in the log, from 0 (the journal's order number).
    public var sequence: UInt64
    /// The kind, e.g. `sale`.
    public var kind: String
    /// The PAN masked as `622202******0005`.
    public var maskedPAN: String
    /// How the card was read: `swipe`, `insert` or `tap`.
    public var entryMode: String
    /// The amount in minor units (fen).
    public var amountMinor: Int64
    /// The trace number (STAN) of the request.
    public var stan: Int
    /// The batch the request belonged to.
    public var batch: Int
    /// The retrieval reference number (field 37), when the host answered.
    public var rrn: String?
    /// The authorisation code (field 38), when approved.
    public var authCode: String?
    /// The response code (field 39), when the host answered.
    public var responseCode: String?
    /// When the answer (or the failure) came.
    public var time: WallTime
    /// The operator who ran it.
    public var operatorNumber: String?
    /// How it ended.
    public var result: Result

    /// A record from its parts.
    public init(sequence: UInt64, kind: String, maskedPAN: String, entryMode: String, amountMinor: Int64, stan: Int,
                batch: Int, rrn: String?, authCode: String?, responseCode: String?, time: WallTime,
                operatorNumber: String?, result: Result) {
        self.sequence = sequence
        self.kind = kind
        self.maskedPAN = maskedPAN
        self.entryMode = entryMode
        self.amountMinor = amountMinor
        self.stan = stan
        self.batch = batch
        self.rrn = rrn
        self.authCode = authCode
        self.responseCode = responseCode
        self.time = time
        self.operatorNumber = operatorNumber
        self.result = result
    }
}
