/// Which QR operation a `QRRequest` is.
public enum QROperation: String, Sendable, Hashable, CaseIterable {
    /// Pay with the customer's code: 0200, fld 3 `000000`, needs a reversal until answered.
    case payment
    /// Ask the state of an earlier payment (after "customer paying"); no reversal.
    case query
    /// Cancel (revoke) an earlier payment whose outcome stayed unknown; needs a reversal.
    case cancel
}

/// A customer-presented QR payment, query or cancel (protocol reference 15.3): 0200 with field 22
/// and 25 from the QR profile, 60.1 per operation, and the payment code in field 62 as TLV. Query
/// and cancel carry the payment's batch + STAN in field 61.
public struct QRRequest: Sendable, Hashable {
    /// Payment, query or cancel.
    public var operation: QROperation
    /// Field 11.
    public var stan: Int
    /// Field 4, minor units: the payment's amount for all three operations.
    public var amount: Int64
    /// The scanned code (18-24 digits by wallet). Single use: never sent for two payments.
    public var paymentCode: String
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2.
    public var batch: Int
    /// Field 61: the payment's batch and STAN (query and cancel only).
    public var original: OriginalTransaction?
    /// Field 63, operator number.
    public var operatorNumber: String?

    /// A QR request from its parts.
    public init(operation: QROperation, stan: Int, amount: Int64, paymentCode: String, terminal: TerminalIdentity,
                batch: Int, original: OriginalTransaction? = nil, operatorNumber: String? = nil) {
        self.operation = operation
        self.stan = stan
        self.amount = amount
        self.paymentCode = paymentCode
        self.terminal = terminal
        self.batch = batch
        self.original = original
        self.operatorNumber = operatorNumber
    }

    /// The generic 0200 (without field 64).
    public func message(profile: CUPProfile = .standard) throws(MessageError) -> ISO8583Message {
        let qr = profile.qr
        guard !paymentCode.isEmpty, paymentCode.utf8.count <= 127 else { throw .invalidField(62) }
        guard (operation == .payment) == (original == nil) else { throw .invalidField(61) }
        var message = ISO8583Message(mti: .financialRequest)
        try FinancialFields.writeCommon(into: &message, processingCode: Self.processingCode(operation, qr),
                                        amount: amount, stan: stan, conditionCode: qr.conditionCode,
                                        terminal: terminal,
                                        field60: Field60(transactionType: Self.typeCode(operation, qr), batch: batch,
                                                         trailing: profile.field60Trailing),
                                        currency: profile.currency)
        message.setText(22, qr.entryMode)
        message.setText(61, original?.digits)
        message[62] = TLV(tag: qr.paymentCodeTag, value: Array(paymentCode.utf8)).bytes
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a QR 0200 (host side); the operation follows from 60.1.
    public init(_ message: ISO8583Message, profile: CUPProfile = .standard) throws(MessageError) {
        try message.expect(.financialRequest)
        let qr = profile.qr
        let field60 = try Field60.read(message)
        guard let operation = QROperation.allCases.first(where: { Self.typeCode($0, qr) == field60.transactionType })
        else { throw .invalidField(60) }
        try FinancialFields.expectProcessingCode(message, Self.processingCode(operation, qr))
        let objects = try TLV.parse(try message.required(62), field: 62)
        guard let code = objects.first(where: { $0.tag == qr.paymentCodeTag }) else { throw .invalidField(62) }
        let original = try message.text(61).map { digits throws(MessageError) in try OriginalTransaction(digits: digits) }
        guard (operation == .payment) == (original == nil) else { throw .invalidField(61) }
        self.init(operation: operation, stan: try message.requiredNumber(11),
                  amount: try FinancialFields.amount(message), paymentCode: String(decoding: code.value, as: UTF8.self),
                  terminal: try TerminalIdentity.read(message), batch: field60.batch, original: original,
                  operatorNumber: message.text(63))
    }

    static func typeCode(_ operation: QROperation, _ qr: QRProfile) -> String {
        switch operation {
        case .payment: qr.paymentTypeCode
        case .query: qr.queryTypeCode
        case .cancel: qr.cancelTypeCode
        }
    }

    static func processingCode(_ operation: QROperation, _ qr: QRProfile) -> String {
        switch operation {
        case .payment: qr.paymentProcessingCode
        case .query: qr.queryProcessingCode
        case .cancel: qr.cancelProcessingCode
        }
    }
}
