import Acquirer
import Security

/// The outcome of the card checks every card transaction starts with.
struct CardCheck {
    /// The response code when the card fails, nil when it passes.
    var code: String?
    /// A wrong PIN was presented (counted towards the card's tries).
    var pinFailure = false
}

extension AcquirerHost {
    /// Card known, status, expiry, then PIN (decrypted with the PIK issued to the terminal):
    /// `14`, `41`/`43`/`62`/`21`/`34`, `54`, `75` (tries used up), `55` (wrong or missing PIN),
    /// `99` (the block does not decrypt to a format 0 PIN).
    func checkCard(_ context: RequestContext, pin: PINData?, pinRequired: Bool, state: State) -> CardCheck {
        guard let card = context.card else { return CardCheck(code: "14") }
        if let code = card.status.declineCode { return CardCheck(code: code) }
        if card.expiry < context.clock.yearMonth { return CardCheck(code: "54") }
        let failures = state.books.pinFailures[card.name, default: 0]
        if failures >= card.pinTries { return CardCheck(code: "75") }
        guard let pin else {
            return CardCheck(code: pinRequired && card.pinRequired ? "55" : nil)
        }
        guard pin.securityControl.pinBlockWithPAN, let session = state.sessions[context.terminal] else {
            return CardCheck(code: "99")
        }
        let digits: [UInt8]
        do {
            digits = try ISO9564.decryptFormat0(PINBlock(format: .iso0, bytes: pin.block), pan: card.pan,
                                               key: session.pinKey)
        } catch {
            return CardCheck(code: "99")
        }
        guard digits == card.pinDigits else {
            return CardCheck(code: failures + 1 >= card.pinTries ? "75" : "55", pinFailure: true)
        }
        return CardCheck()
    }

    /// The balance of a card now.
    func balance(_ card: TestCard, state: State) -> Int64 {
        card.balance + state.books.balanceDelta[card.name, default: 0]
    }

    /// A card decline booked in the ledger (so the STAN counts as used and PIN tries count).
    func cardDecline(_ check: CardCheck, code: String, batch: Int, context: RequestContext,
                     state: inout State) throws(MessageError) -> Decision {
        var decision = try context.decline(code)
        var entry = context.entry(code: code, batch: batch, state: &state)
        if check.pinFailure { entry.pinFailure = true }
        decision.entry = entry
        return decision
    }

    /// An approval: RRN, authorisation code, acquirer fields, card organisation; booked.
    func approval(batch: Int, context: RequestContext, state: inout State,
                  adjust: (inout HostResponse, inout LedgerEntry) -> Void = { _, _ in }) throws(MessageError) -> Decision {
        var response = try context.response("00")
        let rrn = context.nextRRN(&state)
        let authCode = context.authorizationCode(rrn: rrn)
        response.retrievalReference = rrn
        response.authorizationCode = authCode
        response.acquirerID = configuration.acquirerID
        response.additionalResponse = configuration.additionalResponse
        response.settlementDate = context.clock.date
        response.cardOrganisation = context.card.map { $0.isDomestic ? "CUP" : $0.scheme }
        var entry = context.entry(code: "00", batch: batch, state: &state)
        entry.rrn = rrn
        entry.authCode = authCode
        adjust(&response, &entry)
        return Decision(response: response, entry: entry)
    }

    func decideSale(_ sale: SaleRequest, context: inout RequestContext, state: inout State) throws(MessageError) -> Decision {
        let check = checkCard(context, pin: sale.pin, pinRequired: true, state: state)
        if let code = check.code { return try cardDecline(check, code: code, batch: sale.batch, context: context, state: &state) }
        guard let card = context.card else { return try context.decline("14") }
        let code: String? = sale.amount <= 0 ? "13"
            : sale.amount > card.limit ? "61"
            : sale.amount > balance(card, state: state) ? "51" : nil
        if let code { return try cardDecline(check, code: code, batch: sale.batch, context: context, state: &state) }
        return try approval(batch: sale.batch, context: context, state: &state)
    }

    func decideVoid(_ void: VoidRequest, context: inout RequestContext, state: inout State) throws(MessageError) -> Decision {
        let originalKey = TransactionKey(terminal: context.terminal, batch: void.original.batch, stan: void.original.stan)
        guard let original = state.books.booked[originalKey], !original.reversed,
              original.entry.kind == .sale, original.entry.rrn == void.originalRRN,
              original.entry.card == context.card?.name else {
            return try cardDecline(CardCheck(), code: "25", batch: void.batch, context: context, state: &state)
        }
        guard original.voidedBy == nil, original.refunded == 0 else {
            return try cardDecline(CardCheck(), code: "12", batch: void.batch, context: context, state: &state)
        }
        guard original.entry.amount == void.amount else {
            return try cardDecline(CardCheck(), code: "64", batch: void.batch, context: context, state: &state)
        }
        let check = checkCard(context, pin: void.pin, pinRequired: false, state: state)
        if let code = check.code { return try cardDecline(check, code: code, batch: void.batch, context: context, state: &state) }
        return try approval(batch: void.batch, context: context, state: &state) { _, entry in
            entry.originalBatch = void.original.batch
            entry.originalStan = void.original.stan
            entry.originalRRN = void.originalRRN
        }
    }

    func decideRefund(_ refund: RefundRequest, context: inout RequestContext, state: inout State) throws(MessageError) -> Decision {
        guard let key = state.books.byRRN[refund.originalRRN], let original = state.books.booked[key],
              !original.reversed, original.entry.kind == .sale, original.entry.card == context.card?.name else {
            return try cardDecline(CardCheck(), code: "25", batch: refund.batch, context: context, state: &state)
        }
        guard original.voidedBy == nil else {
            return try cardDecline(CardCheck(), code: "12", batch: refund.batch, context: context, state: &state)
        }
        guard refund.amount > 0, refund.amount + original.refunded <= original.entry.amount ?? 0 else {
            return try cardDecline(CardCheck(), code: "64", batch: refund.batch, context: context, state: &state)
        }
        let check = checkCard(context, pin: refund.pin, pinRequired: false, state: state)
        if let code = check.code { return try cardDecline(check, code: code, batch: refund.batch, context: context, state: &state) }
        return try approval(batch: refund.batch, context: context, state: &state) { _, entry in
            entry.originalBatch = key.batch
            entry.originalStan = key.stan
            entry.originalRRN = refund.originalRRN
        }
    }

    func decideBalance(_ inquiry: BalanceInquiryRequest, context: inout RequestContext,
                       state: inout State) throws(MessageError) -> Decision {
        let check = checkCard(context, pin: inquiry.pin, pinRequired: true, state: state)
        if let code = check.code { return try cardDecline(check, code: code, batch: inquiry.batch, context: context, state: &state) }
        guard let card = context.card else { return try context.decline("14") }
        let amount = balance(card, state: state)
        return try approval(batch: inquiry.batch, context: context, state: &state) { response, _ in
            response.additionalAmounts = Balance(accountType: "10", amountType: "02",
                                                 currency: configuration.profile.currency, amount: amount).field54
        }
    }
}
