/// One line of the host ledger: a request the host answered and what it decided. Replaying the
/// entries in order rebuilds every balance, batch, PIN-try counter and QR order.
///
/// Entries name cards by their database name and a masked PAN; no PAN, track, PIN or key is
/// ever written.
public struct LedgerEntry: Sendable, Hashable, Codable {
    /// Position in the ledger, from 1.
    public var sequence: Int
    /// Host time, ISO 8601 UTC.
    public var time: String
    /// What the request was.
    public var kind: RequestKind
    /// Field 41.
    public var terminal: String
    /// The batch the request belongs to (60.2; for sign-on, the batch the host assigned).
    public var batch: Int
    /// Field 11.
    public var stan: Int
    /// The response code sent.
    public var code: String
    /// Amount in minor units, when the request had one.
    public var amount: Int64?
    /// The card's database name.
    public var card: String?
    /// The card's PAN, masked (first 6, last 4).
    public var maskedPAN: String?
    /// Whether the card counts as domestic in settlement.
    public var domestic: Bool?
    /// Retrieval reference number issued.
    public var rrn: String?
    /// Authorisation code issued.
    public var authCode: String?
    /// The original's batch (void, reversal, QR query and cancel).
    public var originalBatch: Int?
    /// The original's STAN.
    public var originalStan: Int?
    /// The original's RRN (void, refund).
    public var originalRRN: String?
    /// A wrong PIN was presented.
    public var pinFailure: Bool?
    /// QR order status after this request (`S`, `P`, `F`, `R`).
    public var qrStatus: String?
    /// QR payment code (single use).
    public var qrCode: String?
    /// Settlement: whether the domestic and foreign totals agreed.
    public var balanced: Bool?
    /// Batch upload: records received in this message.
    public var records: Int?

    /// An entry with the fields every entry has; set the rest as properties.
    public init(sequence: Int, time: String, kind: RequestKind, terminal: String, batch: Int, stan: Int, code: String) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.terminal = terminal
        self.batch = batch
        self.stan = stan
        self.code = code
    }
}
