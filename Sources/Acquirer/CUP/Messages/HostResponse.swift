/// Any host response (0210, 0230, 0330, 0410, 0510, 0810, 0830) as typed fields. The host
/// simulator builds one and calls `message()`; the terminal reads one with `init(_:)`.
public struct HostResponse: Sendable, Hashable {
    /// The response MTI.
    public var mti: MTI
    /// Field 3, echoed.
    public var processingCode: String?
    /// Field 4, minor units (differs from the request only with code `10`).
    public var amount: Int64?
    /// Field 11, echoed.
    public var stan: Int
    /// Field 12, host time hhmmss.
    public var time: String?
    /// Field 13, host date MMDD.
    public var date: String?
    /// Field 15, settlement date MMDD.
    public var settlementDate: String?
    /// Field 32, acquiring institution id.
    public var acquirerID: String?
    /// Field 37, retrieval reference number.
    public var retrievalReference: String?
    /// Field 38, authorisation code (padding removed).
    public var authorizationCode: String?
    /// Field 39, response code.
    public var responseCode: String
    /// Field 41.
    public var terminalID: String
    /// Field 42.
    public var merchantID: String?
    /// Field 44: issuer id (8) + acquirer id (8).
    public var additionalResponse: String?
    /// Field 48 digits (settlement totals, batch counts).
    public var additionalData: String?
    /// Field 49.
    public var currency: String?
    /// Field 54: balances.
    public var additionalAmounts: String?
    /// Field 55: issuer data for the card.
    public var iccData: [UInt8]?
    /// Field 60.
    public var field60: Field60?
    /// Field 61.
    public var original: OriginalTransaction?
    /// Field 62: keys (0810), TLV (QR).
    public var privateData: [UInt8]?
    /// Field 63: card organisation (`CUP`...).
    public var cardOrganisation: String?

    /// A response from its required parts; set the rest as properties.
    public init(mti: MTI, stan: Int, responseCode: String, terminalID: String) {
        self.mti = mti
        self.stan = stan
        self.responseCode = responseCode
        self.terminalID = terminalID
    }

    /// A response to `request` that echoes what responses echo: fields 3, 4, 11, 41, 42, 49, 60, 61.
    public init(answering request: ISO8583Message, responseCode: String) throws(MessageError) {
        self.init(mti: request.mti.response, stan: try request.requiredNumber(11), responseCode: responseCode,
                  terminalID: try request.requiredText(41))
        processingCode = request.text(3)
        amount = try request.optionalNumber(4).map(Int64.init)
        merchantID = request.text(42)
        currency = request.text(49)
        field60 = try request.text(60).map { digits throws(MessageError) in try Field60(digits: digits) }
        original = try request.text(61).map { digits throws(MessageError) in try OriginalTransaction(digits: digits) }
    }

    /// Reads a response.
    public init(_ message: ISO8583Message) throws(MessageError) {
        guard message.mti.isResponse else { throw .unexpectedMTI(expected: message.mti.response, actual: message.mti) }
        self.init(mti: message.mti, stan: try message.requiredNumber(11), responseCode: try message.requiredText(39),
                  terminalID: try message.requiredText(41))
        processingCode = message.text(3)
        amount = try message.optionalNumber(4).map(Int64.init)
        time = message.text(12)
        date = message.text(13)
        settlementDate = message.text(15)
        acquirerID = message.text(32)
        retrievalReference = message.text(37)
        authorizationCode = message.trimmedText(38)
        merchantID = message.text(42)
        additionalResponse = message.text(44)
        additionalData = message.text(48)
        currency = message.text(49)
        additionalAmounts = message.text(54)
        iccData = message[55]
        field60 = try message.text(60).map { digits throws(MessageError) in try Field60(digits: digits) }
        original = try message.text(61).map { digits throws(MessageError) in try OriginalTransaction(digits: digits) }
        privateData = message[62]
        cardOrganisation = message.text(63)
    }

    /// The generic message (without field 64).
    public func message() throws(MessageError) -> ISO8583Message {
        var message = ISO8583Message(mti: mti)
        message.setText(3, processingCode)
        try FinancialFields.writeAmount(amount, into: &message)
        try FinancialFields.writeSTAN(stan, into: &message)
        message.setText(12, time)
        message.setText(13, date)
        message.setText(15, settlementDate)
        message.setText(32, acquirerID)
        message.setText(37, retrievalReference)
        message.setText(38, authorizationCode)
        message.setText(39, responseCode)
        message.setText(41, terminalID)
        message.setText(42, merchantID)
        message.setText(44, additionalResponse)
        message.setText(48, additionalData)
        message.setText(49, currency)
        message.setText(54, additionalAmounts)
        message[55] = iccData
        message.setText(60, field60?.digits)
        message.setText(61, original?.digits)
        message[62] = privateData
        message.setText(63, cardOrganisation)
        return message
    }

    /// The response-code table row for field 39.
    public var info: ResponseCodeInfo { ResponseCodeInfo.lookup(responseCode) }

    /// The balance in field 54, when there is one.
    public var balance: Balance? { additionalAmounts.flatMap(Balance.init(field54:)) }

    /// The QR order status in field 62 (tag from the profile), when there is one.
    public func qrOrderStatus(profile: CUPProfile = .standard) -> QROrderStatus? {
        guard let privateData, let objects = try? TLV.parse(privateData, field: 62),
              let status = objects.first(where: { $0.tag == profile.qr.orderStatusTag }) else { return nil }
        return QROrderStatus(rawValue: String(decoding: status.value, as: UTF8.self))
    }

    /// The sign-on parts of a 0810: the batch to adopt (60.2), the key mode (60.3) and the
    /// working keys in field 62. Throws when the response is not an approved sign-on.
    public func signOn() throws(MessageError) -> SignOnResult {
        guard mti == .signOnResponse else { throw .unexpectedMTI(expected: .signOnResponse, actual: mti) }
        guard let field60 else { throw .missingField(60) }
        guard let mode = KeyMode(rawValue: field60.networkCode) else { throw .invalidField(60) }
        guard let privateData else { throw .missingField(62) }
        return SignOnResult(batch: field60.batch, keys: try WorkingKeyMaterial(field62: privateData, mode: mode),
                            hostTime: time, hostDate: date)
    }

    /// The settlement totals of a 0510 with the host's settle codes.
    public func settlement() throws(MessageError) -> SettlementField {
        guard mti == .settlementResponse else { throw .unexpectedMTI(expected: .settlementResponse, actual: mti) }
        guard let additionalData else { throw .missingField(48) }
        return try SettlementField(digits: Array(additionalData.utf8))
    }
}

/// What an approved 0810 gives the terminal.
public struct SignOnResult: Sendable, Hashable {
    /// The batch number to adopt.
    public var batch: Int
    /// The working keys, still encrypted under the TMK, for the Security layer to verify and store.
    public var keys: WorkingKeyMaterial
    /// Field 12, host time hhmmss (the terminal sets its clock).
    public var hostTime: String?
    /// Field 13, host date MMDD.
    public var hostDate: String?
}

/// One balance in field 54: account type (2), amount type (2), currency (3), sign `C`/`D`,
/// amount (12); 20 characters.
public struct Balance: Sendable, Hashable {
    /// Account type, e.g. `10` savings.
    public var accountType: String
    /// Amount type, e.g. `01` ledger, `02` available.
    public var amountType: String
    /// Currency code.
    public var currency: String
    /// Signed amount in minor units (`D` is negative).
    public var amount: Int64

    /// A balance from its parts.
    public init(accountType: String, amountType: String, currency: String, amount: Int64) {
        self.accountType = accountType
        self.amountType = amountType
        self.currency = currency
        self.amount = amount
    }

    /// Parses the first balance in field 54; nil when the layout does not match.
    public init?(field54: String) {
        let utf8 = Array(field54.utf8)
        guard utf8.count >= 20, utf8[7] == 0x43 || utf8[7] == 0x44,
              let magnitude = decimalValue(utf8[8..<20]) else { return nil }
        accountType = String(decoding: utf8[0..<2], as: UTF8.self)
        amountType = String(decoding: utf8[2..<4], as: UTF8.self)
        currency = String(decoding: utf8[4..<7], as: UTF8.self)
        amount = utf8[7] == 0x44 ? -Int64(magnitude) : Int64(magnitude)
    }

    /// The 20 characters of field 54; nil when the amount needs more than 12 digits.
    public var field54: String? {
        guard amount.magnitude <= 999_999_999_999 else { return nil }
        return accountType + amountType + currency + (amount < 0 ? "D" : "C")
            + decimalDigits(Int(amount.magnitude), width: 12)
    }
}
