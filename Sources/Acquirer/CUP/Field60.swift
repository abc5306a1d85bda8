/// Field 60, reserved private (protocol reference 5.3): transaction-type code, batch number,
/// network-management code, then acquirer-specific digits (read capability, IC condition...).
public struct Field60: Sendable, Hashable {
    /// 60.1, two digits: the transaction-type code (`22` sale, `00` management...).
    public var transactionType: String
    /// 60.2: batch number, 0-999999.
    public var batch: Int
    /// 60.3, three digits: network-management code (`000` for financial messages).
    public var networkCode: String
    /// 60.4 onwards as sent, digits only (e.g. `"60"`: stripe + IC + contactless, normal IC
    /// condition). Layouts differ between acquirers, so they stay digits here.
    public var trailing: String

    /// Field 60 from its parts.
    public init(transactionType: String, batch: Int, networkCode: String = "000", trailing: String = "") {
        self.transactionType = transactionType
        self.batch = batch
        self.networkCode = networkCode
        self.trailing = trailing
    }

    /// Parses the digits of field 60; 60.1 and 60.2 are required, 60.3 when present has 3 digits.
    public init(digits: String) throws(MessageError) {
        let utf8 = Array(digits.utf8)
        guard utf8.count >= 8, utf8.count != 9, utf8.count != 10, isDigits(digits),
              let batch = decimalValue(utf8[2..<8]) else { throw .invalidField(60) }
        transactionType = String(decoding: utf8[0..<2], as: UTF8.self)
        self.batch = batch
        networkCode = utf8.count >= 11 ? String(decoding: utf8[8..<11], as: UTF8.self) : ""
        trailing = utf8.count > 11 ? String(decoding: utf8[11...], as: UTF8.self) : ""
    }

    /// The digits sent in field 60.
    public var digits: String {
        transactionType + decimalDigits(batch, width: 6) + networkCode + trailing
    }

    /// Reads field 60 of a message.
    static func read(_ message: ISO8583Message) throws(MessageError) -> Field60 {
        try Field60(digits: message.requiredText(60))
    }
}

/// Field 61, original message data (protocol reference 5.4): original batch and STAN, plus the
/// original date (MMDD) for refunds and the pre-authorisation family.
public struct OriginalTransaction: Sendable, Hashable {
    /// Original batch number (zero when unknown, allowed for refunds).
    public var batch: Int
    /// Original STAN (zero when unknown, allowed for refunds).
    public var stan: Int
    /// Original date, four digits MMDD, when the transaction type needs it.
    public var date: String?

    /// Original data from its parts.
    public init(batch: Int, stan: Int, date: String? = nil) {
        self.batch = batch
        self.stan = stan
        self.date = date
    }

    /// Parses the digits of field 61: 12 digits, or 16 with the date; anything after is ignored
    /// (acquirer extensions up to the field's 29 digits).
    public init(digits: String) throws(MessageError) {
        let utf8 = Array(digits.utf8)
        guard utf8.count >= 12, isDigits(digits), let batch = decimalValue(utf8[0..<6]),
              let stan = decimalValue(utf8[6..<12]) else { throw .invalidField(61) }
        self.batch = batch
        self.stan = stan
        date = utf8.count >= 16 ? String(decoding: utf8[12..<16], as: UTF8.self) : nil
    }

    /// The digits sent in field 61.
    public var digits: String {
        decimalDigits(batch, width: 6) + decimalDigits(stan, width: 6) + (date ?? "")
    }
}
