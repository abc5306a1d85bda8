import Acquirer
import Security

extension AcquirerHost {
    /// Sign-on: fresh working keys under the terminal's TMK with check values, the batch the
    /// terminal must adopt (the host's when it knows the terminal, else the terminal's own).
    func decideSignOn(_ signOn: SignOnRequest, context: inout RequestContext,
                      state: inout State) throws(MessageError) -> Decision {
        let batch = state.books.currentBatch[context.terminal] ?? signOn.batch
        guard let mode = KeyDownloadMode(rawValue: signOn.keyMode.rawValue) else { throw .invalidField(60) }
        let masterKey = configuration.cards.masterKey(for: context.terminal)
        let keys: WorkingKeys
        let field62: [UInt8]
        do {
            let pinKey = try newKey(length: mode == .singleLength ? 8 : 16, state: &state)
            let macKey = try newKey(length: 8, state: &state)
            let trackKey = mode == .doubleLengthWithTrackKey ? try newKey(length: 16, state: &state) : nil
            keys = WorkingKeys(pinKey: pinKey, macKey: macKey, trackKey: trackKey)
            field62 = try KeyDownload.encode(keys, mode: mode, masterKey: masterKey)
        } catch {
            return try context.decline("96", macResponse: false)
        }
        state.sessions[context.terminal] = TerminalSession(pinKey: keys.pinKey, macKey: keys.macKey,
                                                           trackKey: keys.trackKey, mode: signOn.keyMode)
        var response = try context.response("00")
        response.retrievalReference = context.nextRRN(&state)
        response.field60 = Field60(transactionType: "00", batch: batch, networkCode: signOn.keyMode.rawValue)
        response.privateData = field62
        var entry = context.entry(code: "00", batch: batch, state: &state)
        entry.rrn = response.retrievalReference
        return Decision(response: response, entry: entry, macResponse: false)
    }

    private func newKey(length: Int, state: inout State) throws(SecurityError) -> SecretKey {
        if state.keys != nil {
            return SecretKey(state.keys?.bytes(length) ?? [])
        }
        return try SecretKey.random(length: length)
    }

    /// Sign-off forgets the terminal's keys; echo answers `00`.
    func decideManagement(_ request: ManagementRequest, context: inout RequestContext,
                          state: inout State) throws(MessageError) -> Decision {
        let hadSession = state.sessions[context.terminal] != nil
        if request.function == .signOff { state.sessions[context.terminal] = nil }
        // Sign-off and echo carry no MAC; the reply to an echo is MACed when keys exist.
        return try context.decline("00", macResponse: request.function == .echoTest && hadSession)
    }

    /// QR payment, query and cancel (protocol reference 15). Codes are classified by wallet and
    /// are single use; payments above the database's threshold answer "customer paying" first.
    func decideQR(_ qr: QRRequest, context: inout RequestContext, state: inout State) throws(MessageError) -> Decision {
        let tag = configuration.profile.qr.orderStatusTag
        func withStatus(_ status: String, _ decision: Decision) -> Decision {
            var decision = decision
            decision.response.privateData = TLV(tag: tag, value: Array(status.utf8)).bytes
            decision.entry?.qrStatus = status
            return decision
        }
        switch qr.operation {
        case .payment:
            guard QRWallet.classify(qr.paymentCode) != nil else {
                return try qrDecline("14", qr: qr, context: context, state: &state)
            }
            guard !state.books.usedQRCodes.contains(qr.paymentCode) else {
                return try qrDecline("94", qr: qr, context: context, state: &state)
            }
            guard qr.amount > 0 else { return try qrDecline("13", qr: qr, context: context, state: &state) }
            let status = qr.amount > configuration.cards.qrPasswordThreshold ? QRStatus.customerPaying : QRStatus.paid
            let decision = try approval(batch: qr.batch, context: context, state: &state) { _, entry in
                entry.qrCode = qr.paymentCode
            }
            return withStatus(status, decision)
        case .query, .cancel:
            guard let original = qr.original,
                  let booked = state.books.booked[TransactionKey(terminal: context.terminal, batch: original.batch,
                                                                 stan: original.stan)],
                  booked.entry.kind == .qrPayment, booked.entry.qrCode == qr.paymentCode, !booked.reversed else {
                return try context.decline("25")
            }
            var entry = context.entry(code: "00", batch: qr.batch, state: &state)
            entry.originalBatch = original.batch
            entry.originalStan = original.stan
            let current = booked.entry.qrStatus ?? QRStatus.paid
            // A query finds a "customer paying" order paid (the customer confirmed meanwhile).
            let status = qr.operation == .cancel ? QRStatus.cancelled
                : current == QRStatus.customerPaying ? QRStatus.paid : current
            return withStatus(status, Decision(response: try context.response("00"), entry: entry))
        }
    }

    private func qrDecline(_ code: String, qr: QRRequest, context: RequestContext,
                           state: inout State) throws(MessageError) -> Decision {
        var decision = try context.decline(code)
        decision.entry = context.entry(code: code, batch: qr.batch, state: &state)
        return decision
    }

    /// Reversal: undoes the original's ledger effect once; a repeated reversal, or one for a
    /// declined original, is answered `00` with no effect; an original never seen gets `25`.
    func decideReversal(_ reversal: ReversalRequest, context: inout RequestContext,
                        state: inout State) throws(MessageError) -> Decision {
        guard let original = reversal.original, let stan = reversal.stan else { throw .invalidField(61) }
        let key = TransactionKey(terminal: context.terminal, batch: original.batch, stan: original.stan)
        guard key.stan == stan, state.books.seen.contains(key) || state.books.reversals.contains(key) else {
            return try context.decline("25")
        }
        var entry = context.entry(code: "00", batch: original.batch, state: &state)
        entry.originalBatch = original.batch
        entry.originalStan = original.stan
        return Decision(response: try context.response("00"), entry: entry)
    }

    /// Settlement: the terminal's field 48 against the host's books for that batch, each half
    /// answered `1` (balanced) or `2` (not); the host then moves the terminal to the next batch.
    func decideSettlement(_ settlement: SettlementRequest, context: inout RequestContext,
                          state: inout State) throws(MessageError) -> Decision {
        let books = state.books.totals(terminal: context.terminal, batch: settlement.batch)
        func answer(_ theirs: SettlementTotals, _ ours: Totals) -> SettlementTotals {
            var answered = theirs
            let agrees = theirs.debitAmount == ours.debitAmount && theirs.debitCount == ours.debitCount
                && theirs.creditAmount == ours.creditAmount && theirs.creditCount == ours.creditCount
            answered.settleCode = agrees ? .balanced : .unbalanced
            return answered
        }
        let field = SettlementField(domestic: answer(settlement.totals.domestic, books.domestic),
                                    foreign: answer(settlement.totals.foreign, books.foreign))
        var response = try context.response("00")
        response.additionalData = try field.digits()
        response.settlementDate = context.clock.date
        var entry = context.entry(code: "00", batch: settlement.batch, state: &state)
        entry.balanced = field.domestic.settleCode == .balanced && field.foreign.settleCode == .balanced
        return Decision(response: response, entry: entry)
    }

    /// Batch upload after settlement: detail records and the end-of-batch message, for the
    /// batch just settled (or the current one).
    func decideBatchUpload(_ upload: BatchUploadRequest, context: inout RequestContext,
                           state: inout State) throws(MessageError) -> Decision {
        guard uploadBatchAccepted(upload.batch, terminal: context.terminal, state: state) else {
            return try context.decline("77")
        }
        var entry = context.entry(code: "00", batch: upload.batch, state: &state)
        switch upload.content {
        case .records(let records): entry.records = records.count
        case .end(let total, _): entry.records = total
        }
        return Decision(response: try context.response("00"), entry: entry)
    }

    /// A single-transaction 0320 (refund, offline or chip record).
    func decideSingleUpload(_ message: ISO8583Message, context: inout RequestContext,
                            state: inout State) throws(MessageError) -> Decision {
        let field60 = try Field60(digits: message.text(60) ?? "")
        guard uploadBatchAccepted(field60.batch, terminal: context.terminal, state: state) else {
            return try context.decline("77")
        }
        var entry = context.entry(code: "00", batch: field60.batch, state: &state)
        entry.records = 1
        return Decision(response: try context.response("00"), entry: entry)
    }

    private func uploadBatchAccepted(_ batch: Int, terminal: String, state: State) -> Bool {
        batch == state.books.settledBatch[terminal] || batch == state.books.currentBatch[terminal]
    }
}
