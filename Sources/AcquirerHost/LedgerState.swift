/// Identifies a financial request: terminal, batch and STAN.
struct TransactionKey: Hashable, Sendable {
    var terminal: String
    var batch: Int
    var stan: Int
}

/// A financial transaction the host approved, with what has happened to it since.
struct BookedTransaction: Sendable {
    var entry: LedgerEntry
    var reversed = false
    /// A void of this transaction that still stands.
    var voidedBy: TransactionKey?
    /// Amount refunded against it so far.
    var refunded: Int64 = 0
}

/// The host's books, rebuilt from the ledger by `apply`: balances, approved transactions per
/// terminal and batch, STANs seen, PIN-try counters, QR orders and batch numbers.
struct LedgerState: Sendable {
    /// Net ledger effect per card name (added to the opening balance).
    var balanceDelta: [String: Int64] = [:]
    /// Wrong PINs in a row per card name.
    var pinFailures: [String: Int] = [:]
    /// Approved financial transactions.
    var booked: [TransactionKey: BookedTransaction] = [:]
    /// Keys of booked transactions by RRN.
    var byRRN: [String: TransactionKey] = [:]
    /// Every financial request seen (approved or not), for duplicate detection.
    var seen: Set<TransactionKey> = []
    /// Reversals answered, by the original's key (replays are answered alike).
    var reversals: Set<TransactionKey> = []
    /// The batch each terminal is in.
    var currentBatch: [String: Int] = [:]
    /// The last batch each terminal settled.
    var settledBatch: [String: Int] = [:]
    /// QR payment codes already used.
    var usedQRCodes: Set<String> = []
    /// The last sequence number.
    var lastSequence = 0
    /// The last RRN number issued.
    var lastRRN = 0

    /// Applies one entry, as when it was first decided.
    mutating func apply(_ entry: LedgerEntry) {
        lastSequence = max(lastSequence, entry.sequence)
        if let rrn = entry.rrn, let number = Int(rrn) { lastRRN = max(lastRRN, number) }
        let key = TransactionKey(terminal: entry.terminal, batch: entry.batch, stan: entry.stan)
        switch entry.kind {
        case .signOn:
            if entry.code == "00" { currentBatch[entry.terminal] = entry.batch }
        case .settlement:
            settledBatch[entry.terminal] = entry.batch
            currentBatch[entry.terminal] = entry.batch + 1
        case .sale, .void, .refund, .balanceInquiry, .qrPayment, .qrCancel:
            seen.insert(key)
            if let card = entry.card {
                if entry.pinFailure == true {
                    pinFailures[card, default: 0] += 1
                } else if entry.code == "00" {
                    pinFailures[card] = nil
                }
            }
            if let code = entry.qrCode { usedQRCodes.insert(code) }
            guard entry.code == "00", entry.kind != .balanceInquiry else { return }
            book(entry, key: key)
        case .qrQuery:
            seen.insert(key)
            if let original = originalKey(entry), let status = entry.qrStatus {
                booked[original]?.entry.qrStatus = status
            }
        case .reversal:
            guard let original = originalKey(entry) else { return }
            reversals.insert(original)
            guard entry.code == "00", var transaction = booked[original], !transaction.reversed else { return }
            transaction.reversed = true
            booked[original] = transaction
            undo(transaction.entry)
        case .signOff, .echo, .batchUpload:
            break
        }
    }

    private mutating func book(_ entry: LedgerEntry, key: TransactionKey) {
        booked[key] = BookedTransaction(entry: entry)
        if let rrn = entry.rrn { byRRN[rrn] = key }
        let amount = entry.amount ?? 0
        switch entry.kind {
        case .sale:
            if let card = entry.card { balanceDelta[card, default: 0] -= amount }
        case .void:
            if let card = entry.card { balanceDelta[card, default: 0] += amount }
            if let original = originalKey(entry) { booked[original]?.voidedBy = key }
        case .refund:
            if let card = entry.card { balanceDelta[card, default: 0] += amount }
            if let rrn = entry.originalRRN, let original = byRRN[rrn] { booked[original]?.refunded += amount }
        case .qrCancel:
            if let original = originalKey(entry) {
                booked[original]?.voidedBy = key
                booked[original]?.entry.qrStatus = QRStatus.cancelled
            }
        default:
            break
        }
    }

    /// Undoes the effect of a booked transaction being reversed.
    private mutating func undo(_ entry: LedgerEntry) {
        let amount = entry.amount ?? 0
        switch entry.kind {
        case .sale:
            if let card = entry.card { balanceDelta[card, default: 0] += amount }
        case .void:
            if let card = entry.card { balanceDelta[card, default: 0] -= amount }
            if let original = originalKey(entry) { booked[original]?.voidedBy = nil }
        case .qrCancel:
            if let original = originalKey(entry) {
                booked[original]?.voidedBy = nil
                booked[original]?.entry.qrStatus = QRStatus.paid
            }
        default:
            break
        }
    }

    func originalKey(_ entry: LedgerEntry) -> TransactionKey? {
        guard let batch = entry.originalBatch, let stan = entry.originalStan else { return nil }
        return TransactionKey(terminal: entry.terminal, batch: batch, stan: stan)
    }

    /// The settlement totals of one terminal's batch as the host booked them: sales and paid QR
    /// payments are debits, voids and refunds credits; reversed ones count nowhere.
    func totals(terminal: String, batch: Int) -> (domestic: Totals, foreign: Totals) {
        var domestic = Totals()
        var foreign = Totals()
        for (key, transaction) in booked where key.terminal == terminal && key.batch == batch && !transaction.reversed {
            let entry = transaction.entry
            let amount = entry.amount ?? 0
            let isDebit: Bool
            switch entry.kind {
            case .sale: isDebit = true
            // A QR payment counts once paid; a cancelled one drops out (its cancel is not a credit).
            case .qrPayment where entry.qrStatus == QRStatus.paid: isDebit = true
            case .void, .refund: isDebit = false
            default: continue
            }
            if entry.domestic ?? true {
                domestic.add(amount, debit: isDebit)
            } else {
                foreign.add(amount, debit: isDebit)
            }
        }
        return (domestic, foreign)
    }
}

/// Debit and credit sums of one half of a settlement.
struct Totals: Equatable, Sendable {
    var debitAmount: Int64 = 0
    var debitCount = 0
    var creditAmount: Int64 = 0
    var creditCount = 0

    mutating func add(_ amount: Int64, debit: Bool) {
        if debit {
            debitAmount += amount
            debitCount += 1
        } else {
            creditAmount += amount
            creditCount += 1
        }
    }
}

/// QR order status letters as the ledger stores them (protocol `QROrderStatus` raw values).
enum QRStatus {
    static let paid = "S"
    static let customerPaying = "P"
    static let failed = "F"
    static let cancelled = "R"
}
