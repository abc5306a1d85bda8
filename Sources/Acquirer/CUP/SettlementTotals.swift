/// The settle code in field 48 (protocol reference 10.2).
public enum SettleCode: UInt8, Sendable, Hashable, CaseIterable {
    /// `0`: sent by the terminal in the 0500 request.
    case request = 0
    /// `1` 对账平: the host's totals agree.
    case balanced = 1
    /// `2` 对账不平: the totals disagree; the terminal uploads the batch.
    case unbalanced = 2
    /// `3` 出错: the host could not reconcile.
    case error = 3
}

/// One half of the settlement totals: debits (sales, completions, offline sales) and credits
/// (voids, refunds), 31 digits on the wire.
public struct SettlementTotals: Sendable, Hashable {
    /// Sum of debit amounts in minor units (fen), at most 12 digits.
    public var debitAmount: Int64
    /// Number of debits, at most 999.
    public var debitCount: Int
    /// Sum of credit amounts in minor units, at most 12 digits.
    public var creditAmount: Int64
    /// Number of credits, at most 999.
    public var creditCount: Int
    /// The settle code (request: `.request`).
    public var settleCode: SettleCode

    /// Totals from their parts.
    public init(debitAmount: Int64 = 0, debitCount: Int = 0, creditAmount: Int64 = 0, creditCount: Int = 0,
                settleCode: SettleCode = .request) {
        self.debitAmount = debitAmount
        self.debitCount = debitCount
        self.creditAmount = creditAmount
        self.creditCount = creditCount
        self.settleCode = settleCode
    }

    /// Whether every number fits its digits.
    var fits: Bool {
        (0...999_999_999_999).contains(debitAmount) && (0...999_999_999_999).contains(creditAmount)
            && (0...999).contains(debitCount) && (0...999).contains(creditCount)
    }

    var digits: String {
        decimalDigits(Int(debitAmount), width: 12) + decimalDigits(debitCount, width: 3)
            + decimalDigits(Int(creditAmount), width: 12) + decimalDigits(creditCount, width: 3)
            + String(settleCode.rawValue)
    }

    init(_ digits: ArraySlice<UInt8>) throws(MessageError) {
        let start = digits.startIndex
        guard digits.count == 31,
              let debitAmount = decimalValue(digits[start..<(start + 12)]),
              let debitCount = decimalValue(digits[(start + 12)..<(start + 15)]),
              let creditAmount = decimalValue(digits[(start + 15)..<(start + 27)]),
              let creditCount = decimalValue(digits[(start + 27)..<(start + 30)]),
              let code = decimalValue(digits[(start + 30)...]), let settleCode = SettleCode(rawValue: UInt8(code))
        else { throw .invalidField(48) }
        self.init(debitAmount: Int64(debitAmount), debitCount: debitCount, creditAmount: Int64(creditAmount),
                  creditCount: creditCount, settleCode: settleCode)
    }
}

/// Field 48 of a 0500/0510: domestic (CUP cards) and foreign totals, 62 digits.
public struct SettlementField: Sendable, Hashable {
    /// 内卡: CUP-card totals.
    public var domestic: SettlementTotals
    /// 外卡: foreign-card totals.
    public var foreign: SettlementTotals

    /// The field from its halves.
    public init(domestic: SettlementTotals, foreign: SettlementTotals) {
        self.domestic = domestic
        self.foreign = foreign
    }

    /// Parses the 62 digits of field 48.
    public init(digits: [UInt8]) throws(MessageError) {
        guard digits.count == 62 else { throw .invalidField(48) }
        domestic = try SettlementTotals(digits[0..<31])
        foreign = try SettlementTotals(digits[31..<62])
    }

    /// The 62 digits of field 48; throws when a number does not fit its digits.
    public func digits() throws(MessageError) -> String {
        guard domestic.fits, foreign.fits else { throw .invalidField(48) }
        return domestic.digits + foreign.digits
    }
}
