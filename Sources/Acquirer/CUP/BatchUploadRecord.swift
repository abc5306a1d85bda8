/// The card organisation of a batch-upload record.
public enum CardOrganisation: String, Sendable, Hashable, CaseIterable {
    /// `00`: CUP (domestic) card.
    case cup = "00"
    /// `01`: foreign card.
    case foreign = "01"
}

/// One magnetic-stripe detail record in field 48 of a 0320 (protocol reference 10.3), 40 digits.
public struct BatchUploadRecord: Sendable, Hashable {
    /// Largest number of records in one 0320.
    public static let maximumPerMessage = 8

    /// Card organisation.
    public var organisation: CardOrganisation
    /// The original STAN.
    public var stan: Int
    /// The PAN, up to 20 digits (left-padded with `0` on the wire).
    public var pan: String
    /// Amount in minor units, at most 12 digits.
    public var amount: Int64

    /// A record from its parts.
    public init(organisation: CardOrganisation, stan: Int, pan: String, amount: Int64) {
        self.organisation = organisation
        self.stan = stan
        self.pan = pan
        self.amount = amount
    }

    var digits: String? {
        guard (0...999_999).contains(stan), pan.utf8.count <= 20, isDigits(pan),
              (0...999_999_999_999).contains(amount) else { return nil }
        return organisation.rawValue + decimalDigits(stan, width: 6)
            + String(repeating: "0", count: 20 - pan.utf8.count) + pan + decimalDigits(Int(amount), width: 12)
    }

    init(_ digits: ArraySlice<UInt8>) throws(MessageError) {
        let start = digits.startIndex
        guard digits.count == 40,
              let organisation = CardOrganisation(rawValue: String(decoding: digits[start..<(start + 2)], as: UTF8.self)),
              let stan = decimalValue(digits[(start + 2)..<(start + 8)]),
              digits[(start + 8)..<(start + 28)].allSatisfy({ $0 &- 0x30 < 10 }),
              let amount = decimalValue(digits[(start + 28)...]) else { throw .invalidField(48) }
        // The PAN is left-padded with zeros; a PAN never starts with 0, so strip them.
        let panDigits = digits[(start + 8)..<(start + 28)].drop { $0 == 0x30 }
        self.init(organisation: organisation, stan: stan, pan: String(decoding: panDigits, as: UTF8.self),
                  amount: Int64(amount))
    }

    /// Field 48 for a list of records: n2 count, then 40 digits per record.
    public static func field48(_ records: [BatchUploadRecord]) throws(MessageError) -> String {
        guard (1...maximumPerMessage).contains(records.count) else { throw .invalidField(48) }
        var digits = decimalDigits(records.count, width: 2)
        for record in records {
            guard let recordDigits = record.digits else { throw .invalidField(48) }
            digits += recordDigits
        }
        return digits
    }

    /// Parses field 48 of a detail 0320.
    public static func parseField48(_ digits: [UInt8]) throws(MessageError) -> [BatchUploadRecord] {
        guard digits.count >= 2, let count = decimalValue(digits[0..<2]),
              (1...maximumPerMessage).contains(count), digits.count == 2 + 40 * count else { throw .invalidField(48) }
        var records: [BatchUploadRecord] = []
        for index in 0..<count {
            records.append(try BatchUploadRecord(digits[(2 + 40 * index)..<(42 + 40 * index)]))
        }
        return records
    }
}
