import Security

extension HostClient {
    /// Takes complete frames out of the decoder and handles the one answering the request.
    mutating func receiveFrames() -> [HostClientOutput] {
        var outputs: [HostClientOutput] = []
        while var current = run, current.connected {
            let frame: Frame?
            do {
                frame = try current.decoder.nextFrame()
            } catch {
                run = current
                guard let awaiting = current.awaiting else { return outputs + finish(.failed(.unreadableResponse(error.description))) }
                return outputs + exchangeFailed(step: awaiting.step, failure: .unreadableResponse(error.description))
            }
            run = current
            guard let frame else { return outputs }
            guard let awaiting = current.awaiting else { continue }
            let received: ReceivedMessage
            do {
                received = try ReceivedMessage(frame)
            } catch {
                return outputs + exchangeFailed(step: awaiting.step, failure: .unreadableResponse(error.description))
            }
            // A frame for another request (a late answer, a replay) is not this request's
            // answer: it is ignored and the timer keeps running.
            let message = received.message
            guard message.mti == awaiting.request.mti.response, message[11] == awaiting.request[11] else { continue }
            outputs += accept(received, awaiting: awaiting)
        }
        return outputs
    }

    /// Checks the answer (MAC first) and moves the session on.
    private mutating func accept(_ received: ReceivedMessage, awaiting: Awaiting) -> [HostClientOutput] {
        let message = received.message
        let key = macKeyForScheme()
        let scheme = configuration.macScheme
        do {
            try ResponseChecks.check(response: message, body: received.frame.body[...], request: awaiting.request) { input, mac in
                guard let key else { return false }
                return (try? MAC.verify(mac, over: Array(input), key: key, scheme: scheme)) ?? false
            }
        } catch {
            return exchangeFailed(step: awaiting.step, failure: .responseCheckFailed(error))
        }
        let response: HostResponse
        do {
            response = try HostResponse(message)
        } catch {
            return exchangeFailed(step: awaiting.step, failure: .unreadableResponse(error.description))
        }
        let before = record
        run?.awaiting = nil
        var outputs: [HostClientOutput] = [.cancelTimer]
        if received.demandsSignOn { record.signOnRequired = true }
        switch awaiting.step {
        case .reversal:
            record.pendingReversal = nil
            run?.result.reversalsDelivered += 1
            if run?.operation == .reverse { run?.result.outcome = .approved(response) }
        case .signOn:
            guard response.info.isApproval else { return persisting(before, outputs) + finish(.declined(response)) }
            do {
                outputs += try install(response)
            } catch {
                return persisting(before, outputs) + finish(.failed(error))
            }
            run?.result.signedOn = true
            if run?.operation == .signOn { run?.result.outcome = .approved(response) }
        case .main:
            guard let operation = run?.operation else { return outputs }
            // Any valid answer, whatever its code, means the host has it: no reversal needed.
            if operation.needsReversal { record.pendingReversal = nil }
            let approved = response.info.isApproval
            run?.result.outcome = approved ? .approved(response) : .declined(response)
            if approved && operation.needsReversal {
                var original = awaiting.request
                original[MessageSpec.macField] = nil
                lastReversible = try? ReversalRequest(reversing: original, reason: .cardDeclinedAfterApproval,
                                                      authorizationCode: response.authorizationCode)
            }
            if approved && operation == .signOff {
                macKey = nil
                record.sealedMACKey = nil
                record.signOnRequired = true
            }
            if approved, case let .settle(_, records) = operation {
                do {
                    try settled(response, records: records)
                } catch {
                    return persisting(before, outputs) + finish(.failed(error))
                }
            }
        case .uploadRecords(let records):
            guard response.info.isApproval else { return persisting(before, outputs) + finish(.declined(response)) }
            run?.result.uploadedRecords += records.count
        case .uploadEnd:
            guard response.info.isApproval else { return persisting(before, outputs) + finish(.declined(response)) }
            if case .uploadBatch = run?.operation { run?.result.outcome = .approved(response) }
        }
        // Sign on again within the session when the host asked (once per session).
        if record.signOnRequired, awaiting.step != .signOn, run?.operation != .signOff, run?.resignedOn == false,
           run?.steps.contains(.signOn) == false {
            run?.resignedOn = true
            run?.steps.append(.signOn)
        }
        return persisting(before, outputs) + sendNext()
    }

    /// Decrypts and verifies the new working keys, keeps the MAK (sealed in the record) and
    /// adopts the batch; on any mismatch the old keys stay.
    private mutating func install(_ response: HostResponse) throws(HostClientFailure) -> [HostClientOutput] {
        let signOn: SignOnResult
        do {
            signOn = try response.signOn()
        } catch {
            throw .unreadableResponse(error.description)
        }
        guard let mode = KeyDownloadMode(rawValue: signOn.keys.mode.rawValue), let field62 = response.privateData else {
            throw .unreadableResponse("key mode")
        }
        do {
            let keys = try KeyDownload.decode(field62: field62, mode: mode, masterKey: masterKey)
            let sealed = try KeySealing.seal(try KeyEntry(usage: .macKey, algorithm: .tdes, key: keys.macKey),
                                             kek: keyEncryptionKey)
            macKey = keys.macKey
            record.sealedMACKey = sealed
        } catch .checkValueMismatch {
            throw .keyCheckFailed
        } catch {
            throw .security(error.description)
        }
        record.batch = signOn.batch
        record.signOnRequired = false
        return [.installWorkingKeys(field62: field62, mode: signOn.keys.mode)]
    }

    /// After an approved 0510: the batch moves on; an unbalanced answer queues the upload of
    /// every record (eight per 0320) and the `202` end, a balanced one only the `207` end.
    private mutating func settled(_ response: HostResponse, records: [BatchUploadRecord]) throws(HostClientFailure) {
        let totals: SettlementField
        do {
            totals = try response.settlement()
        } catch {
            throw .unreadableResponse(error.description)
        }
        let balanced = totals.domestic.settleCode == .balanced && totals.foreign.settleCode == .balanced
        run?.result.settlement = SettlementOutcome(balanced: balanced, hostTotals: totals)
        run?.uploadBatch = record.batch
        record.batch = record.batch >= 999_999 ? 1 : record.batch + 1
        run?.steps += Step.upload(records, balanced: balanced)
    }

    /// An exchange got no usable answer.
    mutating func exchangeFailed(step: Step, failure: HostClientFailure) -> [HostClientOutput] {
        let before = record
        run?.awaiting = nil
        var outputs: [HostClientOutput] = [.cancelTimer]
        switch step {
        case .reversal:
            run?.reversalAttempts += 1
            record.pendingReversal?.attempts += 1
            if let attempts = run?.reversalAttempts, attempts <= configuration.reversalResendCount {
                // Resend on a fresh connection: the old one may be half dead.
                run?.steps.insert(.reversal, at: 0)
                if run?.connected == true {
                    run?.connected = false
                    outputs.append(.disconnect)
                }
                return persisting(before, outputs) + [.connect]
            }
            return persisting(before, outputs) + finish(.failed(.reversalUndelivered))
        case .main:
            if run?.operation.needsReversal == true, record.pendingReversal != nil {
                if case .responseCheckFailed(let error) = failure {
                    record.pendingReversal?.reason = error.reversalReason.rawValue
                } else {
                    record.pendingReversal?.reason = ReversalReason.noResponse.rawValue
                }
            }
            return persisting(before, outputs) + finish(.failed(failure))
        case .signOn, .uploadRecords, .uploadEnd:
            return persisting(before, outputs) + finish(.failed(failure))
        }
    }

    /// Ends the session: disconnect and report.
    mutating func finish(_ outcome: HostOutcome) -> [HostClientOutput] {
        guard var current = run else { return [] }
        current.result.outcome = outcome
        run = nil
        var outputs: [HostClientOutput] = []
        if current.awaiting != nil { outputs.append(.cancelTimer) }
        if current.connected { outputs.append(.disconnect) }
        outputs.append(.completed(current.result))
        return outputs
    }

    /// `outputs` with a `.persist` first when the record changed since `before`.
    private func persisting(_ before: HostClientRecord, _ outputs: [HostClientOutput]) -> [HostClientOutput] {
        record == before ? outputs : outputs + [.persist(record)]
    }
}
