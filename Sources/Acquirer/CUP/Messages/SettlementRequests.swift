/// Settlement 结算: 0500 with 49 = currency, 60 = `00` + batch + `201`, 63 = operator and
/// 48 = domestic and foreign totals (protocol reference 10.1).
public struct SettlementRequest: Sendable, Hashable {
    /// Field 11.
    public var stan: Int
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2: the batch being settled.
    public var batch: Int
    /// Field 48: the terminal's totals (settle codes `0`).
    public var totals: SettlementField
    /// Field 63: operator number.
    public var operatorNumber: String?

    /// A settlement from its parts.
    public init(stan: Int, terminal: TerminalIdentity, batch: Int, totals: SettlementField,
                operatorNumber: String? = nil) {
        self.stan = stan
        self.terminal = terminal
        self.batch = batch
        self.totals = totals
        self.operatorNumber = operatorNumber
    }

    /// The generic 0500 (without field 64).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        var message = ISO8583Message(mti: .settlementRequest)
        try ManagementFields.write(into: &message, stan: stan, terminal: terminal,
                                   field60: Field60(transactionType: "00", batch: batch, networkCode: "201"))
        message.setText(48, try totals.digits())
        message.setText(49, profile.currency)
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0500 (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        try message.expect(.settlementRequest)
        let field60 = try Field60.read(message)
        guard field60.transactionType == "00", field60.networkCode == "201" else { throw .invalidField(60) }
        self.init(stan: try message.requiredNumber(11), terminal: try TerminalIdentity.read(message),
                  batch: field60.batch, totals: try SettlementField(digits: try message.required(48)),
                  operatorNumber: message.text(63))
    }
}

/// What a 0320 batch upload carries (protocol reference 10.3).
public enum BatchUploadContent: Sendable, Hashable {
    /// 60.3 `201`: up to eight magnetic-stripe detail records packed in field 48.
    case records([BatchUploadRecord])
    /// 60.3 `202` (after an unbalanced settlement) or `207` (balanced): end of upload, with
    /// the total number of records sent (48 = n4).
    case end(totalCount: Int, afterBalancedSettlement: Bool)
}

/// Batch upload 批上送 of detail records or its end-of-batch message: 0320 with 60.1 `00`.
///
/// Records that travel as their own 0320 with the normal transaction fields (refunds, offline
/// sales, chip records with field 55) are built from the original request's message with
/// `BatchUploadRequest.single(from:networkCode:)`.
public struct BatchUploadRequest: Sendable, Hashable {
    /// Field 11.
    public var stan: Int
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2.
    public var batch: Int
    /// Records or the end marker.
    public var content: BatchUploadContent

    /// A batch upload from its parts.
    public init(stan: Int, terminal: TerminalIdentity, batch: Int, content: BatchUploadContent) {
        self.stan = stan
        self.terminal = terminal
        self.batch = batch
        self.content = content
    }

    /// The generic 0320 (without field 64).
    public func message() throws(MessageError) -> ISO8583Message {
        var message = ISO8583Message(mti: .batchUploadRequest)
        let networkCode: String
        switch content {
        case .records(let records):
            networkCode = "201"
            message.setText(48, try BatchUploadRecord.field48(records))
        case let .end(totalCount, balanced):
            guard (0...9999).contains(totalCount) else { throw .invalidField(48) }
            networkCode = balanced ? "207" : "202"
            message.setNumber(48, totalCount, width: 4)
        }
        try ManagementFields.write(into: &message, stan: stan, terminal: terminal,
                                   field60: Field60(transactionType: "00", batch: batch, networkCode: networkCode))
        return message
    }

    /// Reads a detail or end-of-batch 0320 (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        try message.expect(.batchUploadRequest)
        let field60 = try Field60.read(message)
        guard field60.transactionType == "00" else { throw .invalidField(60) }
        let field48 = try message.required(48)
        let content: BatchUploadContent
        switch field60.networkCode {
        case "201":
            content = .records(try BatchUploadRecord.parseField48(field48))
        case "202", "207":
            guard field48.count == 4, let count = decimalValue(field48[...]) else { throw .invalidField(48) }
            content = .end(totalCount: count, afterBalancedSettlement: field60.networkCode == "207")
        default:
            throw .invalidField(60)
        }
        self.init(stan: try message.requiredNumber(11), terminal: try TerminalIdentity.read(message),
                  batch: field60.batch, content: content)
    }

    /// A 0320 carrying one transaction with its own fields: the original request with MTI 0320,
    /// a new STAN, field 3 `200000` for refunds (60.1 `25`) and `000000` otherwise, 60.3 =
    /// `networkCode` (`201` for detail, `203` for chip records with field 55). Tracks, PIN block
    /// and MAC are removed: they never leave the terminal twice.
    public static func single(from original: ISO8583Message, stan: Int, networkCode: String = "201")
        throws(MessageError) -> ISO8583Message {
        var field60 = try Field60.read(original)
        guard (0...999_999).contains(stan) else { throw .invalidField(11) }
        guard networkCode.utf8.count == 3, isDigits(networkCode) else { throw .invalidField(60) }
        var message = original
        message.mti = .batchUploadRequest
        message.setNumber(11, stan, width: 6)
        message.setText(3, field60.transactionType == "25" ? "200000" : "000000")
        field60.networkCode = networkCode
        message.setText(60, field60.digits)
        for field in [26, 35, 36, 52, 53, 64] { message[field] = nil }
        return message
    }
}
