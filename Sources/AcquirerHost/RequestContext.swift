import Acquirer
import Foundation

/// One request being decided, with helpers that build its response and ledger line.
struct RequestContext {
    let message: ISO8583Message
    let terminal: String
    let kind: RequestKind
    let time: Date
    let clock: ClockFields
    /// The card the request names, when the database knows it.
    var card: TestCard?

    init(message: ISO8583Message, terminal: String, kind: RequestKind, time: Date, clock: ClockFields) {
        self.message = message
        self.terminal = terminal
        self.kind = kind
        self.time = time
        self.clock = clock
    }

    /// The response echoing the request, with host time and the acquirer id.
    func response(_ code: String) throws(MessageError) -> HostResponse {
        var response = try HostResponse(answering: message, responseCode: code)
        response.time = clock.time
        response.date = clock.date
        // A 0510 always carries field 48: declines echo the terminal's totals.
        if message.mti == .settlementRequest { response.additionalData = message.text(48) }
        return response
    }

    /// A decline (or any answer without booking) with `code`.
    func decline(_ code: String, macResponse: Bool = true) throws(MessageError) -> Decision {
        Decision(response: try response(code), entry: nil, macResponse: macResponse)
    }

    /// A ledger line for this request with the next sequence number.
    func entry(code: String, batch: Int, state: inout AcquirerHost.State) -> LedgerEntry {
        let stan = (try? message.requiredStan()) ?? 0
        var entry = LedgerEntry(sequence: state.books.lastSequence + 1, time: AcquirerHost.timestamp(time),
                                kind: kind, terminal: terminal, batch: batch, stan: stan, code: code)
        entry.amount = message.text(4).flatMap { Int64($0) }
        if let card {
            entry.card = card.name
            entry.maskedPAN = card.maskedPAN
            entry.domestic = card.isDomestic
        }
        return entry
    }

    /// The next retrieval reference number: 12 digits, increasing over the ledger's life.
    func nextRRN(_ state: inout AcquirerHost.State) -> String {
        state.books.lastRRN += 1
        let digits = String(state.books.lastRRN)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    /// A six-digit authorisation code derived from the RRN.
    func authorizationCode(rrn: String) -> String {
        let value = ((Int(rrn) ?? 0) &* 7_919 &+ 104_729) % 1_000_000
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}
