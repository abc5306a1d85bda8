/// Why a response fails the checks the terminal applies to every response (protocol reference 6).
public enum ResponseCheckError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Field 64 did not verify.
    case macMismatch
    /// An approval without field 64 to a MACed request.
    case macMissing
    /// The MTI is not the request's + 10.
    case unexpectedMTI(expected: MTI, actual: MTI)
    /// A field that must equal the request's (3, 4, 11, 41, 42) differs or is absent.
    case fieldMismatch(field: Int)
    /// The response carries no response code.
    case missingResponseCode

    /// The reason a pending reversal keeps: `A0` for MAC failures, `98` otherwise.
    public var reversalReason: ReversalReason {
        switch self {
        case .macMismatch, .macMissing: .macFailure
        default: .noResponse
        }
    }

    /// A one-line English description.
    public var description: String {
        switch self {
        case .macMismatch: "response MAC does not verify"
        case .macMissing: "approval without a MAC"
        case let .unexpectedMTI(expected, actual): "response MTI \(actual), expected \(expected)"
        case .fieldMismatch(let field): "response field \(field) differs from the request"
        case .missingResponseCode: "response has no field 39"
        }
    }
}

/// The checks of protocol reference 6, in order.
public enum ResponseChecks {
    /// Checks `response` (unpacked from `body`) against `request`:
    /// 1. the MAC first, when field 64 is present (`verifyMAC` gets the MAC input and the MAC);
    ///    an approval without a MAC to a request that carried one fails;
    /// 2. the MTI is the request's + 10;
    /// 3. processing code, STAN and terminal id equal the request's;
    /// 4. the merchant id equals the request's when 39 = `00`;
    /// 5. the amount equals the request's, except with 39 = `10` (partial approval).
    public static func check(response: ISO8583Message, body: ArraySlice<UInt8>, request: ISO8583Message,
                             spec: MessageSpec = .cup,
                             verifyMAC: (_ macInput: ArraySlice<UInt8>, _ mac: [UInt8]) -> Bool)
        throws(ResponseCheckError) {
        guard let code = response.text(39) else { throw .missingResponseCode }
        if let mac = response[MessageSpec.macField] {
            guard let input = spec.macInput(ofPacked: body, message: response), verifyMAC(input, mac) else {
                throw .macMismatch
            }
        } else if request.has(MessageSpec.macField) && ResponseCodeInfo.lookup(code).isApproval {
            throw .macMissing
        }
        guard response.mti == request.mti.response, !request.mti.isResponse else {
            throw .unexpectedMTI(expected: request.mti.response, actual: response.mti)
        }
        for field in [3, 11, 41] where request.has(field) && response[field] != request[field] {
            throw .fieldMismatch(field: field)
        }
        if code == "00", request.has(42), response[42] != request[42] { throw .fieldMismatch(field: 42) }
        if code != "10", request.has(4), response.has(4), response[4] != request[4] { throw .fieldMismatch(field: 4) }
    }
}
