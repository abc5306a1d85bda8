/// Sale 消费: 0200, field 3 `000000`, 25 `00`, 60.1 `22`. Needs a reversal until answered.
public struct SaleRequest: Sendable, Hashable {
    /// Field 11.
    public var stan: Int
    /// Field 4, minor units (fen).
    public var amount: Int64
    /// How the card was presented.
    public var card: CardData
    /// The encrypted PIN, when one was entered.
    public var pin: PINData?
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2, the current batch.
    public var batch: Int
    /// Field 63, operator number (e.g. `"01 "`).
    public var operatorNumber: String?

    /// A sale from its parts.
    public init(stan: Int, amount: Int64, card: CardData, pin: PINData? = nil, terminal: TerminalIdentity,
                batch: Int, operatorNumber: String? = nil) {
        self.stan = stan
        self.amount = amount
        self.card = card
        self.pin = pin
        self.terminal = terminal
        self.batch = batch
        self.operatorNumber = operatorNumber
    }

    /// The generic 0200 (without field 64; seal it with `MessageSpec.packForMAC`).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        var message = try FinancialFields.cardRequest(.financialRequest, processingCode: "000000", transactionType: "22",
                                                      amount: amount, stan: stan, terminal: terminal, batch: batch,
                                                      card: card, pin: pin, profile: profile)
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0200 sale (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try FinancialFields.readCardRequest(message, .financialRequest, processingCode: "000000",
                                                                transactionType: "22")
        self.init(stan: try message.requiredNumber(11), amount: try FinancialFields.amount(message), card: card,
                  pin: try FinancialFields.readPIN(message), terminal: try TerminalIdentity.read(message),
                  batch: batch, operatorNumber: message.text(63))
    }
}

/// Void 消费撤销: 0200, field 3 `200000`, 60.1 `23`, with the original RRN (37), authorisation
/// code (38) and original batch + STAN (61). Needs a reversal until answered.
public struct VoidRequest: Sendable, Hashable {
    /// Field 11 (a new trace number).
    public var stan: Int
    /// Field 4: the original amount.
    public var amount: Int64
    /// The card, presented again.
    public var card: CardData
    /// The encrypted PIN, when one was entered.
    public var pin: PINData?
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2.
    public var batch: Int
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
        self.stan = stan
        self.amount = amount
        self.card = card
        self.pin = pin
        self.terminal = terminal
        self.batch = batch
        self.originalRRN = originalRRN
        self.originalAuthorizationCode = originalAuthorizationCode
        self.original = original
        self.operatorNumber = operatorNumber
    }

    /// The generic 0200 (without field 64).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        var message = try FinancialFields.cardRequest(.financialRequest, processingCode: "200000", transactionType: "23",
                                                      amount: amount, stan: stan, terminal: terminal, batch: batch,
                                                      card: card, pin: pin, profile: profile)
        message.setText(37, originalRRN)
        message.setText(38, originalAuthorizationCode)
        message.setText(61, original.digits)
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0200 void (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try FinancialFields.readCardRequest(message, .financialRequest, processingCode: "200000",
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
public struct RefundRequest: Sendable, Hashable {
    /// Field 11.
    public var stan: Int
    /// Field 4: the amount to refund.
    public var amount: Int64
    /// The card.
    public var card: CardData
    /// The encrypted PIN, when one was entered.
    public var pin: PINData?
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2.
    public var batch: Int
    /// Field 37 of the original response.
    public var originalRRN: String
    /// Field 61: original batch and STAN (zeros when unknown) and date MMDD.
    public var original: OriginalTransaction
    /// Field 63: the card organisation (`CUP`, ...).
    public var cardOrganisation: String

    /// A refund from its parts.
    public init(stan: Int, amount: Int64, card: CardData, pin: PINData? = nil, terminal: TerminalIdentity,
                batch: Int, originalRRN: String, original: OriginalTransaction, cardOrganisation: String = "CUP") {
        self.stan = stan
        self.amount = amount
        self.card = card
        self.pin = pin
        self.terminal = terminal
        self.batch = batch
        self.originalRRN = originalRRN
        self.original = original
        self.cardOrganisation = cardOrganisation
    }

    /// The generic 0220 (without field 64). The original date is required.
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        guard let date = original.date, isDigits(date, count: 4) else { throw .invalidField(61) }
        var message = try FinancialFields.cardRequest(.adviceRequest, processingCode: "200000", transactionType: "25",
                                                      amount: amount, stan: stan, terminal: terminal, batch: batch,
                                                      card: card, pin: pin, profile: profile)
        message.setText(37, originalRRN)
        message.setText(61, original.digits)
        message.setText(63, cardOrganisation)
        return message
    }

    /// Reads a 0220 refund (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try FinancialFields.readCardRequest(message, .adviceRequest, processingCode: "200000",
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
public struct BalanceInquiryRequest: Sendable, Hashable {
    /// Field 11.
    public var stan: Int
    /// The card.
    public var card: CardData
    /// The encrypted PIN (balance inquiries normally carry one).
    public var pin: PINData?
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2.
    public var batch: Int
    /// Field 63, operator number.
    public var operatorNumber: String?

    /// A balance inquiry from its parts.
    public init(stan: Int, card: CardData, pin: PINData?, terminal: TerminalIdentity, batch: Int,
                operatorNumber: String? = nil) {
        self.stan = stan
        self.card = card
        self.pin = pin
        self.terminal = terminal
        self.batch = batch
        self.operatorNumber = operatorNumber
    }

    /// The generic 0200 (without field 64).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        var message = try FinancialFields.cardRequest(.financialRequest, processingCode: "310000", transactionType: "01",
                                                      amount: nil, stan: stan, terminal: terminal, batch: batch,
                                                      card: card, pin: pin, profile: profile)
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0200 balance inquiry (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        let (card, batch) = try FinancialFields.readCardRequest(message, .financialRequest, processingCode: "310000",
                                                                transactionType: "01")
        self.init(stan: try message.requiredNumber(11), card: card, pin: try FinancialFields.readPIN(message),
                  terminal: try TerminalIdentity.read(message), batch: batch,
                  operatorNumber: message.text(63))
    }
}

extension FinancialFields {
    /// A sale, void, refund or balance-inquiry message with the fields they share written: 3, 4
    /// (when `amount` is given), 11, 25, 41, 42, 49, 60, the card fields and the PIN fields. The
    /// caller adds its own (37, 38, 61, 63).
    static func cardRequest(_ mti: MTI, processingCode: String, transactionType: String, amount: Int64?, stan: Int,
                            terminal: TerminalIdentity, batch: Int, card: CardData, pin: PINData?,
                            profile: CUPProfile) throws(MessageError) -> ISO8583Message {
        var message = ISO8583Message(mti: mti)
        try writeCommon(into: &message, processingCode: processingCode, amount: amount, stan: stan,
                        conditionCode: "00", terminal: terminal,
                        field60: Field60(transactionType: transactionType, batch: batch,
                                         trailing: profile.field60Trailing),
                        currency: profile.currency)
        try card.write(into: &message, pinEntered: pin != nil)
        try writePIN(pin, into: &message, profile: profile)
        return message
    }

    /// Checks the MTI, processing code and 60.1 of a card request, then reads its card and batch;
    /// the caller reads the rest.
    static func readCardRequest(_ message: ISO8583Message, _ mti: MTI, processingCode: String,
                                transactionType: String) throws(MessageError) -> (card: CardData, batch: Int) {
        try message.expect(mti)
        try expectProcessingCode(message, processingCode)
        let field60 = try Field60.read(message)
        try expectType(field60, transactionType)
        let (card, _) = try CardData.read(message)
        return (card, field60.batch)
    }
}
