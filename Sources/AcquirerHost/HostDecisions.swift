import Acquirer
import Foundation
import Security

/// What the engine decided for one request: the response and the ledger line to book.
struct Decision {
    var response: HostResponse
    var entry: LedgerEntry?
    /// Whether the response carries field 64 (not for sign-on, nor when the request's MAC failed).
    var macResponse = true
}

extension AcquirerHost {
    /// Decides one frame under the state lock.
    func decide(_ exchange: inout Exchange, state: inout State) -> HostAction {
        state.statistics.requests += 1
        let body = exchange.frame.body
        let message: ISO8583Message
        do {
            message = try MessageSpec.cup.unpack(body)
        } catch {
            // Without a readable STAN and terminal id there is nothing to answer: only the
            // connection pays for the bad frame.
            exchange.inboundNote = "rejected: \(error)"
            state.statistics.rejected += 1
            return .close
        }
        guard !message.mti.isResponse, let terminal = message.text(41), message.has(11) else {
            exchange.inboundNote = "rejected: not a request with fields 11 and 41"
            state.statistics.rejected += 1
            return .close
        }
        exchange.terminalID = terminal
        var decision: Decision
        var rule: BehaviourRule?
        do {
            (decision, rule) = try decide(message, body: body, terminal: terminal, time: exchange.now, state: &state)
        } catch {
            // 30: the request did not fit its message type (codec-level errors close above).
            exchange.inboundNote = "format error: \(error)"
            guard var response = try? HostResponse(answering: message, responseCode: "30") else {
                state.statistics.rejected += 1
                return .close
            }
            // A 0510 always carries field 48: echo what the terminal sent.
            if message.mti == .settlementRequest { response.additionalData = message.text(48) }
            decision = Decision(response: response, entry: nil, macResponse: false)
        }
        if let entry = decision.entry {
            state.books.apply(entry)
            do {
                try ledger.append(entry)
            } catch {
                // The books in memory are ahead of the file: answer 96 so no terminal thinks a
                // transaction is safely booked.
                exchange.inboundNote = "ledger write failed: \(error)"
                decision.response.responseCode = "96"
                decision.response.authorizationCode = nil
            }
        }
        let code = decision.response.responseCode
        if code == "00" { state.statistics.approvals += 1 } else { state.statistics.declines += 1 }
        if code == "A0" { state.statistics.macFailures += 1 }
        return reply(decision, request: exchange.frame, terminal: terminal, rule: rule,
                     exchange: &exchange, state: &state)
    }

    /// Packs, MACs and frames the response, then applies the behaviour rule.
    private func reply(_ decision: Decision, request frame: Frame, terminal: String, rule: BehaviourRule?,
                       exchange: inout Exchange, state: inout State) -> HostAction {
        var bytes: [UInt8]
        do {
            let message = try decision.response.message()
            if decision.macResponse, let session = state.sessions[terminal] {
                let pending = try MessageSpec.cup.packForMAC(message)
                var mac = try configuration.macScheme.compute(Array(pending.macInput), key: macKey(session))
                if rule?.badMAC == true {
                    mac[0] ^= 0x01
                    exchange.badMAC = true
                }
                bytes = try pending.sealed(with: mac)
            } else {
                bytes = try MessageSpec.cup.pack(message)
            }
            let requirement = ProcessingRequirement(digit: UInt8(rule?.processingRequirement ?? 0))
            bytes = try Frame(tpdu: frame.tpdu.swapped, header: frame.header.with(requirement), body: bytes).encoded()
        } catch {
            exchange.inboundNote = "response not encodable: \(error)"
            return .close
        }
        if rule?.dropConnection == true {
            exchange.withheldReply = bytes
            return .close
        }
        if rule?.noReply == true {
            exchange.withheldReply = bytes
            return .noReply
        }
        return .reply(bytes, delayMilliseconds: rule?.delayMilliseconds ?? 0)
    }

    /// The MAC key in the form the configured scheme takes (X9.19 wants 16 bytes: K‖K).
    func macKey(_ session: TerminalSession) -> SecretKey {
        if case .x919 = configuration.macScheme, session.macKey.count == 8 {
            return SecretKey(session.macKey.bytes + session.macKey.bytes)
        }
        return session.macKey
    }

    /// Recognises the request, checks terminal, MAC and batch, applies a forced response code,
    /// and hands over to the decision for its kind.
    private func decide(_ message: ISO8583Message, body: [UInt8], terminal: String, time: Date,
                        state: inout State) throws(MessageError) -> (Decision, BehaviourRule?) {
        let request = try CUPRequest(message, profile: configuration.profile)
        let kind = request.kind
        let card = request.pan.flatMap(configuration.cards.card(pan:))
        let rule = state.behaviours.take(terminal: terminal, card: card, kind: kind)
        var context = RequestContext(message: message, terminal: terminal, kind: kind, time: time,
                                     clock: clockFields(time))

        // Registration: unknown terminals (when not accepted) and wrong merchants.
        let registered = configuration.cards.terminals[terminal]
        if registered == nil && !configuration.cards.acceptsAnyTerminal {
            return (try context.decline("97", macResponse: false), rule)
        }
        if let registered, let merchant = message.text(42), merchant != registered.merchantID {
            return (try context.decline("03", macResponse: false), rule)
        }

        if kind.needsMAC {
            guard let session = state.sessions[terminal] else {
                return (try context.decline("C1", macResponse: false), rule)
            }
            let verified: Bool
            if let mac = message[MessageSpec.macField],
               let input = MessageSpec.cup.macInput(ofPacked: body[...], message: message) {
                verified = (try? MAC.verify(mac, over: Array(input), key: macKey(session),
                                            scheme: configuration.macScheme)) ?? false
            } else {
                verified = false
            }
            guard verified else { return (try context.decline("A0", macResponse: false), rule) }
            if let batch = request.batch, kind != .reversal, kind != .batchUpload,
               let expected = state.books.currentBatch[terminal], batch != expected {
                return (try context.decline("77"), rule)
            }
        }
        if kind.isFinancial, let stan = try? message.requiredStan(),
           let batch = request.batch,
           state.books.seen.contains(TransactionKey(terminal: terminal, batch: batch, stan: stan)) {
            return (try context.decline("94"), rule)
        }
        if let forced = rule?.responseCode, forced != "00", kind != .signOn {
            var decision = try context.decline(forced)
            decision.entry = kind.isFinancial ? context.entry(code: forced, batch: request.batch ?? 0, state: &state) : nil
            return (decision, rule)
        }
        context.card = card
        return (try decideKind(request, context: &context, state: &state), rule)
    }

    private func decideKind(_ request: CUPRequest, context: inout RequestContext,
                            state: inout State) throws(MessageError) -> Decision {
        switch request {
        case .signOn(let signOn): return try decideSignOn(signOn, context: &context, state: &state)
        case .management(let management): return try decideManagement(management, context: &context, state: &state)
        case .sale(let sale): return try decideSale(sale, context: &context, state: &state)
        case .void(let void): return try decideVoid(void, context: &context, state: &state)
        case .refund(let refund): return try decideRefund(refund, context: &context, state: &state)
        case .balanceInquiry(let inquiry): return try decideBalance(inquiry, context: &context, state: &state)
        case .qr(let qr): return try decideQR(qr, context: &context, state: &state)
        case .reversal(let reversal): return try decideReversal(reversal, context: &context, state: &state)
        case .settlement(let settlement): return try decideSettlement(settlement, context: &context, state: &state)
        case .batchUpload(let upload): return try decideBatchUpload(upload, context: &context, state: &state)
        case .batchUploadSingle(let message):
            return try decideSingleUpload(message, context: &context, state: &state)
        }
    }

    /// Fields 12, 13 and 15 and the YYMM used for expiry, in the host's time zone.
    private func clockFields(_ time: Date) -> ClockFields {
        let local = CivilTime(time, offsetSeconds: configuration.timeZone.secondsFromGMT(for: time))
        return ClockFields(time: pad(local.hour, 2) + pad(local.minute, 2) + pad(local.second, 2),
                           date: pad(local.month, 2) + pad(local.day, 2),
                           yearMonth: pad(local.year % 100, 2) + pad(local.month, 2))
    }
}

/// Host time as the response fields need it.
struct ClockFields {
    /// hhmmss.
    var time: String
    /// MMDD.
    var date: String
    /// YYMM, compared with card expiry.
    var yearMonth: String
}

extension RequestKind {
    /// Requests that must carry a MAC (everything but sign-on, sign-off and echo).
    var needsMAC: Bool {
        switch self {
        case .signOn, .signOff, .echo: false
        default: true
        }
    }

    /// Requests with a STAN that must be unique within the batch.
    var isFinancial: Bool {
        switch self {
        case .sale, .void, .refund, .balanceInquiry, .qrPayment, .qrCancel, .qrQuery: true
        default: false
        }
    }
}

extension CUPRequest {
    /// The kind behaviour rules and the ledger use.
    var kind: RequestKind {
        switch self {
        case .signOn: .signOn
        case .management(let request): request.function == .signOff ? .signOff : .echo
        case .sale: .sale
        case .void: .void
        case .refund: .refund
        case .balanceInquiry: .balanceInquiry
        case .qr(let request):
            switch request.operation {
            case .payment: .qrPayment
            case .query: .qrQuery
            case .cancel: .qrCancel
            }
        case .reversal: .reversal
        case .settlement: .settlement
        case .batchUpload, .batchUploadSingle: .batchUpload
        }
    }

    /// The PAN the request is for, when it names a card.
    var pan: String? {
        switch self {
        case .sale(let request): request.card.pan
        case .void(let request): request.card.pan
        case .refund(let request): request.card.pan
        case .balanceInquiry(let request): request.card.pan
        case .reversal(let request): request.message.text(2)
        default: nil
        }
    }

    /// 60.2.
    var batch: Int? {
        switch self {
        case .signOn(let request): request.batch
        case .management(let request): request.batch
        case .sale(let request): request.batch
        case .void(let request): request.batch
        case .refund(let request): request.batch
        case .balanceInquiry(let request): request.batch
        case .qr(let request): request.batch
        case .reversal(let request): request.original?.batch
        case .settlement(let request): request.batch
        case .batchUpload(let request): request.batch
        case .batchUploadSingle(let message): try? Field60(digits: message.text(60) ?? "").batch
        }
    }
}

extension ISO8583Message {
    /// Field 11 as a number.
    func requiredStan() throws(MessageError) -> Int {
        guard let text = text(11), let stan = Int(text) else { throw .missingField(11) }
        return stan
    }
}
