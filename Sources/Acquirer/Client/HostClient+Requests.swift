import Security

extension HostClient {
    /// Sends the next step's request, or ends the session when none is left.
    mutating func sendNext() -> [HostClientOutput] {
        guard var current = run else { return [] }
        guard !current.steps.isEmpty else { return finish(current.result.outcome) }
        let step = current.steps.removeFirst()
        run = current
        let before = record
        let message: ISO8583Message
        let withMAC: Bool
        do {
            (message, withMAC) = try build(step)
        } catch {
            return finish(.failed(error))
        }
        let frame: [UInt8]
        do {
            frame = try seal(message, withMAC: withMAC)
        } catch {
            record = before
            return finish(.failed(error))
        }
        // What the answer is checked against: the request without its track data and PIN block
        // (they are not kept once sent), with field 64 marked when it was MACed, so that an
        // approval without a MAC is refused.
        var checked = message
        for field in [35, 36, 52] { checked[field] = nil }
        if withMAC { checked[MessageSpec.macField] = [UInt8](repeating: 0, count: 8) }
        run?.awaiting = Awaiting(step: step, request: checked)
        var outputs: [HostClientOutput] = []
        // Write-ahead: the trace counter and any reversal record are durable before the bytes leave.
        if record != before { outputs.append(.persist(record)) }
        outputs.append(.send(frame))
        outputs.append(.startTimer(milliseconds: configuration.responseTimeoutMilliseconds))
        return outputs
    }

    /// The request of a step, and whether it carries a MAC.
    private mutating func build(_ step: Step) throws(HostClientFailure) -> (ISO8583Message, Bool) {
        let terminal = configuration.terminal
        do {
            switch step {
            case .signOn:
                let stan = takeTrace()
                if run?.operation == .signOn { noteStan(stan) }
                let request = SignOnRequest(stan: stan, terminal: terminal, batch: record.batch,
                                            keyMode: configuration.keyMode, terminalInfo: configuration.terminalInfo,
                                            operatorNumber: configuration.operatorNumber)
                return (try request.message(), false)
            case .reversal:
                guard let pending = record.pendingReversal else { throw HostClientFailure.nothingToReverse }
                let body: [UInt8]
                do {
                    body = try RecordSealing.open(pending.sealedMessage, kek: keyEncryptionKey)
                } catch {
                    throw HostClientFailure.security("pending reversal does not open: \(error)")
                }
                var message = try MessageSpec.cup.unpack(body)
                message.setText(39, pending.reason)
                return (message, true)
            case .main:
                guard let operation = run?.operation else { throw HostClientFailure.invalidRequest("no operation") }
                let stan = takeTrace()
                noteStan(stan)
                let message = try mainRequest(operation, stan: stan)
                if operation.needsReversal {
                    record.pendingReversal = try makeReversal(of: message, reason: .noResponse)
                }
                return (message, operation.needsKeys)
            case .uploadRecords(let records):
                let request = BatchUploadRequest(stan: takeTrace(), terminal: terminal, batch: run?.uploadBatch ?? 0,
                                                 content: .records(records))
                return (try request.message(), true)
            case let .uploadEnd(total, balanced):
                let request = BatchUploadRequest(stan: takeTrace(), terminal: terminal, batch: run?.uploadBatch ?? 0,
                                                 content: .end(totalCount: total, afterBalancedSettlement: balanced))
                return (try request.message(), true)
            }
        } catch let error as HostClientFailure {
            throw error
        } catch let error as MessageError {
            throw .invalidRequest(error.description)
        } catch let error as CodecError {
            throw .invalidRequest(error.description)
        } catch {
            throw .invalidRequest("\(error)")
        }
    }

    /// The operation's own request.
    private func mainRequest(_ operation: HostOperation, stan: Int) throws(MessageError) -> ISO8583Message {
        let terminal = configuration.terminal
        let batch = record.batch
        let profile = configuration.profile
        let operatorNumber = configuration.operatorNumber
        switch operation {
        case .signOn:
            return try SignOnRequest(stan: stan, terminal: terminal, batch: batch, keyMode: configuration.keyMode,
                                     terminalInfo: configuration.terminalInfo, operatorNumber: operatorNumber).message()
        case .signOff:
            return try ManagementRequest(function: .signOff, stan: stan, terminal: terminal, batch: batch,
                                         operatorNumber: operatorNumber).message()
        case .echo:
            return try ManagementRequest(function: .echoTest, stan: stan, terminal: terminal, batch: batch,
                                         operatorNumber: operatorNumber).message()
        case let .sale(amount, card, pin):
            return try SaleRequest(stan: stan, amount: amount, card: card, pin: pin, terminal: terminal, batch: batch,
                                   operatorNumber: operatorNumber).message(profile: profile)
        case let .void(amount, card, pin, rrn, authCode, original):
            return try VoidRequest(stan: stan, amount: amount, card: card, pin: pin, terminal: terminal, batch: batch,
                                   originalRRN: rrn, originalAuthorizationCode: authCode, original: original,
                                   operatorNumber: operatorNumber).message(profile: profile)
        case let .refund(amount, card, pin, rrn, original):
            return try RefundRequest(stan: stan, amount: amount, card: card, pin: pin, terminal: terminal, batch: batch,
                                     originalRRN: rrn, original: original).message(profile: profile)
        case let .balanceInquiry(card, pin):
            return try BalanceInquiryRequest(stan: stan, card: card, pin: pin, terminal: terminal, batch: batch,
                                             operatorNumber: operatorNumber).message(profile: profile)
        case let .qr(qrOperation, amount, code, original):
            return try QRRequest(operation: qrOperation, stan: stan, amount: amount, paymentCode: code,
                                 terminal: terminal, batch: batch, original: original,
                                 operatorNumber: operatorNumber).message(profile: profile)
        case let .settle(totals, _):
            return try SettlementRequest(stan: stan, terminal: terminal, batch: batch, totals: totals,
                                         operatorNumber: operatorNumber).message(profile: profile)
        case .reverse, .uploadBatch:
            // Not single requests: `.reverse` sends the stored 0400, `.uploadBatch` its upload steps.
            throw .invalidField(60)
        }
    }

    /// Packs (with the MAC when asked) and frames a request.
    private func seal(_ message: ISO8583Message, withMAC: Bool) throws(HostClientFailure) -> [UInt8] {
        do {
            let body: [UInt8]
            if withMAC {
                guard let key = macKeyForScheme() else { throw HostClientFailure.security("no MAC key: sign on first") }
                let pending = try MessageSpec.cup.packForMAC(message)
                body = try pending.sealed(with: try configuration.macScheme.compute(Array(pending.macInput), key: key))
            } else {
                body = try MessageSpec.cup.pack(message)
            }
            return try Frame(tpdu: configuration.tpdu, header: configuration.header, body: body).encoded()
        } catch let error as HostClientFailure {
            throw error
        } catch {
            throw .invalidRequest("\(error)")
        }
    }

    /// The MAK in the form the scheme takes (X9.19 wants 16 bytes: K‖K).
    func macKeyForScheme() -> SecretKey? {
        guard let macKey else { return nil }
        if case .x919 = configuration.macScheme, macKey.count == 8 { return SecretKey(macKey.bytes + macKey.bytes) }
        return macKey
    }

    /// The 0400 for `request`, packed without MAC and sealed for the record.
    func makeReversal(of request: ISO8583Message, reason: ReversalReason) throws(HostClientFailure) -> PendingReversal {
        let reversal: ReversalRequest
        do {
            reversal = try ReversalRequest(reversing: request, reason: reason)
        } catch {
            throw .invalidRequest(error.description)
        }
        return try seal(reversal)
    }

    /// A reversal packed without MAC and sealed under the KEK.
    func seal(_ reversal: ReversalRequest) throws(HostClientFailure) -> PendingReversal {
        do {
            let body = try MessageSpec.cup.pack(reversal.message)
            return PendingReversal(stan: reversal.stan ?? 0, amount: reversal.amount,
                                   reason: reversal.reason?.rawValue ?? ReversalReason.noResponse.rawValue,
                                   attempts: 0, sealedMessage: try RecordSealing.seal(body, kek: keyEncryptionKey))
        } catch let error as SecurityError {
            throw .security(error.description)
        } catch {
            throw .invalidRequest("\(error)")
        }
    }

    /// Takes the next trace number (1-999999, wrapping) and advances the counter.
    private mutating func takeTrace() -> Int {
        let stan = record.nextTrace
        record.nextTrace = stan >= 999_999 ? 1 : stan + 1
        return stan
    }

    private mutating func noteStan(_ stan: Int) {
        run?.result.stan = stan
        run?.result.batch = record.batch
    }
}
