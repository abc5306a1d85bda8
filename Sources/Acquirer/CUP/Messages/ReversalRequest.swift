/// Why the terminal reverses a transaction: field 39 of the 0400 (protocol reference 9.1).
public enum ReversalReason: String, Sendable, Hashable, CaseIterable {
    /// `98`: no response, a receive error, or a response that failed the checks.
    case noResponse = "98"
    /// `A0`: the response MAC did not verify.
    case macFailure = "A0"
    /// `06`: approved online, but the card refused the issuer's data (ARPC / second GENERATE AC).
    case cardDeclinedAfterApproval = "06"
}

/// Reversal 冲正: a 0400 built from the original request (protocol reference 9.2).
public struct ReversalRequest: Sendable, Hashable {
    /// The 0400, without field 64 (seal it with `MessageSpec.packForMAC`).
    public var message: ISO8583Message

    /// Builds the 0400 for `original` (the request as sent): same fields and STAN, MTI `0400`,
    /// 38 = the authorisation code when one was received, 39 = the reason, tracks (35, 36), PIN
    /// block (52), 26, 53, 37 and the old MAC removed, 61 = original batch + STAN (+ `originalDate`
    /// for the pre-authorisation family), and 55 = the card's data for reason `06`.
    public init(reversing original: ISO8583Message, reason: ReversalReason, authorizationCode: String? = nil,
                originalDate: String? = nil, iccData: [UInt8]? = nil) throws(MessageError) {
        guard original.mti == .financialRequest || original.mti == MTI(100) else {
            throw .unexpectedMTI(expected: .financialRequest, actual: original.mti)
        }
        let field60 = try Field60.read(original)
        let stan = try original.requiredNumber(11)
        if let originalDate, !isDigits(originalDate, count: 4) { throw .invalidField(61) }
        var message = original
        message.mti = .reversalRequest
        for field in [26, 35, 36, 37, 52, 53, 64] { message[field] = nil }
        message.setText(38, authorizationCode)
        message.setText(39, reason.rawValue)
        message.setText(61, OriginalTransaction(batch: field60.batch, stan: stan, date: originalDate).digits)
        if reason == .cardDeclinedAfterApproval, let iccData { message[55] = iccData }
        self.message = message
    }

    /// Wraps a received 0400 (host side) after checking its MTI, reason and field 61.
    public init(_ message: ISO8583Message) throws(MessageError) {
        try message.expect(.reversalRequest)
        guard ReversalReason(rawValue: try message.requiredText(39)) != nil else { throw .invalidField(39) }
        _ = try OriginalTransaction(digits: message.requiredText(61))
        _ = try message.requiredNumber(11)
        self.message = message
    }

    /// Field 39: the reason.
    public var reason: ReversalReason? { message.text(39).flatMap(ReversalReason.init(rawValue:)) }
    /// Field 11: the original STAN.
    public var stan: Int? { try? message.optionalNumber(11) }
    /// Field 4: the original amount, when the original had one.
    public var amount: Int64? { (try? message.optionalNumber(4)).flatMap { $0.map(Int64.init) } }
    /// Field 61: the original batch and STAN.
    public var original: OriginalTransaction? { message.text(61).flatMap { try? OriginalTransaction(digits: $0) } }
}
