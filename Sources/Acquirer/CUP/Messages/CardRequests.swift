/// Sale 消费: 0200, field 3 `000000`, 25 `00`, 60.1 `22`. Needs a reversal until answered.
public struct SaleRequest: CardRequest {
    /// Fields 11, 41, 42, 60.2 and the card and PIN fields, read as its own (`request.stan`).
    public var shared: CardRequestFields
    /// Field 4, minor units (fen).
    public var amount: Int64
    /// Field 63, operator number (e.g. `"01 "`).
    public var operatorNumber: String?

    /// A sale from its parts.
    public init(stan: Int, amount: Int64, card: CardData, pin: PINData? = nil, terminal: TerminalIdentity,
                batch: Int, operatorNumber: String? = nil) {
        self.shared = CardRequestFields(stan: stan, card: card, pin: pin, terminal: terminal, batch: batch)
        self.amount = amount
        self.operatorNumber = operatorNumber
    }

    /// The generic 0200 (without field 64; seal it with `MessageSpec.packForMAC`).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        var message = try shared.message(.financialRequest, processingCode: "000000", transactionType: "22",
                                         amount: amount, profile: profile)
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0200 sale (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try CardRequestFields.readHead(message, .financialRequest, processingCode: "000000",
                                                           transactionType: "22")
        self.init(stan: try message.requiredNumber(11), amount: try FinancialFields.amount(message), card: card,
                  pin: try FinancialFields.readPIN(message), terminal: try TerminalIdentity.read(message),
                  batch: batch, operatorNumber: message.text(63))
    }
}

/// Void 消费撤销: 0200, field 3 `200000`, 60.1 `23`, with the original RRN (37), authorisation
/// code (38) and original batch + STAN (61). Needs a reversal until answered.
public struct VoidRequest: CardRequest {
    /// Fields 11, 41, 42, 60.2 and the card and PIN fields, read as its own (`request.stan`).
    public var shared: CardRequestFields
    /// Field 4: the original amount.
    public var amount: Int64
    /// Field 37 of the original response.
    public var originalRRN: String
    /// Field 38 of the original response, when it had one.
    public var originalAuthorizationCode: String?
    /// Field 61: the original batch and STAN.
    public var original: OriginalTransaction
    /// Field 63, operator number.
    public var operatorNumber: String?

    /// A void from its parts.
    public init(stan: Int, amount: Int64, card: CardData, pin: PINData? = nil, terminal: TerminalIdentity,
                batch: Int, originalRRN: String, originalAuthorizationCode: String?,
                original: OriginalTransaction, operatorNumber: String? = nil) {
        self.shared = CardRequestFields(stan: stan, card: card, pin: pin, terminal: terminal, batch: batch)
        self.amount = amount
        self.originalRRN = originalRRN
        self.originalAuthorizationCode = originalAuthorizationCode
        self.original = original
        self.operatorNumber = operatorNumber
    }

    /// The generic 0200 (without field 64).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        var message = try shared.message(.financialRequest, processingCode: "200000", transactionType: "23",
                                         amount: amount, profile: profile)
        message.setText(37, originalRRN)
        message.setText(38, originalAuthorizationCode)
        message.setText(61, original.digits)
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0200 void (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try CardRequestFields.readHead(message, .financialRequest, processingCode: "200000",
                                                           transactionType: "23")
        self.init(stan: try message.requiredNumber(11), amount: try FinancialFields.amount(message), card: card,
                  pin: try FinancialFields.readPIN(message), terminal: try TerminalIdentity.read(message),
                  batch: batch, originalRRN: try message.requiredText(37),
                  originalAuthorizationCode: message.trimmedText(38),
                  original: try OriginalTransaction(digits: message.requiredText(61)),
                  operatorNumber: message.text(63))
    }
}

/// Refund 退货: 0220, field 3 `200000`, 60.1 `25`, with the original RRN (37), original batch +
/// STAN + date (61) and the card organisation (63). No reversal.
public struct RefundRequest: CardRequest {
    /// Fields 11, 41, 42, 60.2 and the card and PIN fields, read as its own (`request.stan`).
    public var shared: CardRequestFields
    /// Field 4: the amount to refund.
    public var amount: Int64
    /// Field 37 of the original response.
    public var originalRRN: String
    /// Field 61: original batch and STAN (zeros when unknown) and date MMDD.
    public var original: OriginalTransaction
    /// Field 63: the card organisation (`CUP`, ...).
    public var cardOrganisation: String

    /// A refund from its parts.
    public init(stan: Int, amount: Int64, card: CardData, pin: PINData? = nil, terminal: TerminalIdentity,
                batch: Int, originalRRN: String, original: OriginalTransaction, cardOrganisation: String = "CUP") {
        self.shared = CardRequestFields(stan: stan, card: card, pin: pin, terminal: terminal, batch: batch)
        self.amount = amount
        self.originalRRN = originalRRN
        self.original = original
        self.cardOrganisation = cardOrganisation
    }

    /// The generic 0220 (without field 64). The original date is required.
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        guard let date = original.date, isDigits(date, count: 4) else { throw .invalidField(61) }
        var message = try shared.message(.adviceRequest, processingCode: "200000", transactionType: "25",
                                         amount: amount, profile: profile)
        message.setText(37, originalRRN)
        message.setText(61, original.digits)
        message.setText(63, cardOrganisation)
        return message
    }

    /// Reads a 0220 refund (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try CardRequestFields.readHead(message, .adviceRequest, processingCode: "200000",
                                                           transactionType: "25")
        let original = try OriginalTransaction(digits: message.requiredText(61))
        guard original.date != nil else { throw .invalidField(61) }
        self.init(stan: try message.requiredNumber(11), amount: try FinancialFields.amount(message), card: card,
                  pin: try FinancialFields.readPIN(message), terminal: try TerminalIdentity.read(message),
                  batch: batch, originalRRN: try message.requiredText(37), original: original,
                  cardOrganisation: try message.requiredText(63))
    }
}

/// Balance inquiry 查询: 0200, field 3 `310000`, 60.1 `01`, no amount. No reversal.
public struct BalanceInquiryRequest: CardRequest {
    /// Fields 11, 41, 42, 60.2 and the card and PIN fields, read as its own (`request.stan`).
    public var shared: CardRequestFields
    /// Field 63, operator number.
    public var operatorNumber: String?

    /// A balance inquiry from its parts.
    public init(stan: Int, card: CardData, pin: PINData?, terminal: TerminalIdentity, batch: Int,
                operatorNumber: String? = nil) {
        self.shared = CardRequestFields(stan: stan, card: card, pin: pin, terminal: terminal, batch: batch)
        self.operatorNumber = operatorNumber
    }

    /// The generic 0200 (without field 64).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        var message = try shared.message(.financialRequest, processingCode: "310000", transactionType: "01",
                                         amount: nil, profile: profile)
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0200 balance inquiry (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try CardRequestFields.readHead(message, .financialRequest, processingCode: "310000",
                                                           transactionType: "01")
        self.init(stan: try message.requiredNumber(11), card: card, pin: try FinancialFields.readPIN(message),
                  terminal: try TerminalIdentity.read(message), batch: batch,
                  operatorNumber: message.text(63))
    }
}

/// What sale, void, refund and balance inquiry share: the trace number, the card and PIN, the
/// terminal and the batch.
public struct CardRequestFields: Sendable, Hashable {
    /// Field 11, this request's own trace number (a void takes a new one).
    public var stan: Int
    /// How the card was presented (presented again for a void).
    public var card: CardData
    /// The encrypted PIN, when one was entered (balance inquiries normally carry one).
    public var pin: PINData?
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2, the current batch.
    public var batch: Int

    /// The shared fields from their parts.
    public init(stan: Int, card: CardData, pin: PINData?, terminal: TerminalIdentity, batch: Int) {
        self.stan = stan
        self.card = card
        self.pin = pin
        self.terminal = terminal
        self.batch = batch
    }

    /// A message with these fields written (3, 4 when `amount` is given, 11, 25, 41, 42, 49, 60,
    /// the card and PIN fields); the request adds its own (37, 38, 61, 63).
    func message(_ mti: MTI, processingCode: String, transactionType: String, amount: Int64?,
                 profile: CUPProfile) throws(MessageError) -> ISO8583Message {
        var message = ISO8583Message(mti: mti)
        try FinancialFields.writeCommon(into: &message, processingCode: processingCode, amount: amount, stan: stan,
                                        conditionCode: "00", terminal: terminal,
                                        field60: Field60(transactionType: transactionType, batch: batch,
                                                         trailing: profile.field60Trailing),
                                        currency: profile.currency)
        try card.write(into: &message, pinEntered: pin != nil)
        try FinancialFields.writePIN(pin, into: &message, profile: profile)
        return message
    }

    /// Checks the MTI, processing code and 60.1 of a card request, then reads its card and batch;
    /// the request reads the rest, in its own order.
    static func readHead(_ message: ISO8583Message, _ mti: MTI, processingCode: String,
                         transactionType: String) throws(MessageError) -> (card: CardData, batch: Int) {
        try message.expect(mti)
        try FinancialFields.expectProcessingCode(message, processingCode)
        let field60 = try Field60.read(message)
        try FinancialFields.expectType(field60, transactionType)
        let (card, _) = try CardData.read(message)
        return (card, field60.batch)
    }
}

/// A sale, void, refund or balance inquiry: its `shared` fields read and written as its own
/// (`request.stan`, `request.card`).
@dynamicMemberLookup
public protocol CardRequest: Sendable, Hashable {
    /// The fields every card request has.
    var shared: CardRequestFields { get set }
}

extension CardRequest {
    /// One of the shared fields, as if the request held it itself.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<CardRequestFields, Value>) -> Value {
        get { shared[keyPath: keyPath] }
        set { shared[keyPath: keyPath] = newValue }
    }
}
