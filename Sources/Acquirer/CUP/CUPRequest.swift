/// Any request a CUP terminal sends, recognised from MTI, field 3 and field 60 (host side).
public enum CUPRequest: Sendable, Hashable {
    /// 0800.
    case signOn(SignOnRequest)
    /// 0820 sign-off or echo test.
    case management(ManagementRequest)
    /// 0200 sale.
    case sale(SaleRequest)
    /// 0200 void.
    case void(VoidRequest)
    /// 0220 refund.
    case refund(RefundRequest)
    /// 0200 balance inquiry.
    case balanceInquiry(BalanceInquiryRequest)
    /// 0200 QR payment, query or cancel.
    case qr(QRRequest)
    /// 0400 reversal.
    case reversal(ReversalRequest)
    /// 0500 settlement.
    case settlement(SettlementRequest)
    /// 0320 detail records or end of batch.
    case batchUpload(BatchUploadRequest)
    /// 0320 carrying one transaction with its own fields (refund, offline sale, chip record).
    case batchUploadSingle(ISO8583Message)

    /// Recognises and reads a request. Unknown combinations throw `.invalidField(60)` (or the
    /// MTI error), which a host answers with `30` / `12`.
    public init(_ message: ISO8583Message, profile: CUPProfile = .standard) throws(MessageError) {
        switch message.mti {
        case .signOnRequest:
            self = .signOn(try SignOnRequest(message))
        case .managementRequest:
            self = .management(try ManagementRequest(message))
        case .reversalRequest:
            self = .reversal(try ReversalRequest(message))
        case .settlementRequest:
            self = .settlement(try SettlementRequest(message))
        case .adviceRequest:
            self = .refund(try RefundRequest(message))
        case .batchUploadRequest:
            let field60 = try Field60.read(message)
            self = field60.transactionType == "00" ? .batchUpload(try BatchUploadRequest(message))
                : .batchUploadSingle(message)
        case .financialRequest:
            let type = try Field60.read(message).transactionType
            let qr = profile.qr
            switch type {
            case "22": self = .sale(try SaleRequest(message))
            case "23": self = .void(try VoidRequest(message))
            case "01": self = .balanceInquiry(try BalanceInquiryRequest(message))
            case qr.paymentTypeCode, qr.queryTypeCode, qr.cancelTypeCode:
                self = .qr(try QRRequest(message, profile: profile))
            default: throw .invalidField(60)
            }
        default:
            throw .unexpectedMTI(expected: .financialRequest, actual: message.mti)
        }
    }

    /// Whether the terminal must hold a reversal for this request until its response is accepted
    /// (protocol reference 4): sales, voids, QR payments and cancels.
    public var needsReversal: Bool {
        switch self {
        case .sale, .void: true
        case .qr(let request): request.operation != .query
        default: false
        }
    }
}
