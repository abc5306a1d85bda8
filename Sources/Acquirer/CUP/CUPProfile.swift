/// Acquirer-specific choices of the CUP message set. Acquirers differ in these details, so they
/// are configuration, not constants; `.standard` follows the protocol reference.
public struct CUPProfile: Sendable, Hashable {
    /// Field 49 currency code, `156` (CNY).
    public var currency: String = "156"
    /// Digits after 60.3 in financial requests: read capability (60.4, `6` stripe + IC +
    /// contactless) and IC condition (60.5, `0` normal).
    public var field60Trailing: String = "60"
    /// Field 26, the PIN capture code (maximum PIN length) sent when a PIN was entered.
    public var pinCaptureCode: Int = 12
    /// How QR payments ride inside 8583.
    public var qr: QRProfile = QRProfile()

    /// The protocol reference's choices.
    public static let standard = CUPProfile()

    /// A profile with the reference's defaults; change the properties to suit an acquirer.
    public init() {}
}

/// How customer-presented QR payments ride inside CUP 8583 (protocol reference 15.3). Only the
/// payment layout comes from a public sample; query and cancel follow the same pattern with
/// their own 60.1 codes and are this project's convention until an acquirer says otherwise.
public struct QRProfile: Sendable, Hashable {
    /// Field 22 for a scanned code (`030`: QR, no PIN).
    public var entryMode: String = "030"
    /// Field 25 for QR transactions.
    public var conditionCode: String = "99"
    /// 60.1 of a QR payment.
    public var paymentTypeCode: String = "26"
    /// 60.1 of a QR order query.
    public var queryTypeCode: String = "27"
    /// 60.1 of a QR order cancel (revoke).
    public var cancelTypeCode: String = "28"
    /// Field 3 of a QR payment.
    public var paymentProcessingCode: String = "000000"
    /// Field 3 of a QR order query.
    public var queryProcessingCode: String = "300000"
    /// Field 3 of a QR order cancel.
    public var cancelProcessingCode: String = "200000"
    /// Field 62 TLV tag of the customer's payment code.
    public var paymentCodeTag: UInt16 = 0x5F01
    /// Field 62 TLV tag of the order status in responses (one ASCII letter, `QROrderStatus`).
    public var orderStatusTag: UInt16 = 0x5F05

    /// The reference's defaults.
    public init() {}
}

/// The state of a QR order as the host reports it in a payment or query response.
public enum QROrderStatus: String, Sendable, Hashable, CaseIterable {
    /// `S`: paid.
    case paid = "S"
    /// `P`: the customer is still confirming (用户支付中); poll again.
    case customerPaying = "P"
    /// `F`: failed or refused.
    case failed = "F"
    /// `R`: cancelled (revoked) or closed.
    case cancelled = "R"
}

/// The wallet a customer-presented payment code belongs to (protocol reference 15.1).
public enum QRWallet: String, Sendable, Hashable, CaseIterable {
    /// WeChat Pay 付款码: 18 digits, prefix 10-15.
    case weChatPay
    /// Alipay 付款码: 16-24 digits, prefix 25-30.
    case alipay
    /// UnionPay QR (云闪付): 19 digits, prefix 62.
    case unionPay

    /// Classifies a scanned code by prefix and length; nil when it matches no wallet.
    public static func classify(_ code: String) -> QRWallet? {
        let utf8 = Array(code.utf8)
        guard utf8.count >= 2, isDigits(code), let prefix = decimalValue(utf8[0..<2]) else { return nil }
        switch (prefix, utf8.count) {
        case (10...15, 18): return .weChatPay
        case (25...30, 16...24): return .alipay
        case (62, 19): return .unionPay
        default: return nil
        }
    }
}
