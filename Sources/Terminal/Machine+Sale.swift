import Acquirer
import HAL

/// The sale (消费): amount, card, confirmation, PIN on the PIN pad, online authorisation through
/// the host client, result with receipts. CANCEL leaves every step before the request is sent;
/// once it is sent the terminal waits for the answer or the response timer (a reversal is
/// already on flash for it).
extension TerminalMachine {
    /// An empty amount field (up to 99,999,999.99).
    static var amountField: InputField { InputField(.amount(maxDigits: 10)) }
    /// How long the cardholder has to enter the PIN, in milliseconds.
    static let pinTimeoutMilliseconds: Int64 = 60_000

    /// The main menu's sale item: sign on first when the terminal has no working keys.
    mutating func beginSale() {
        guard services.hostKeys != nil else {
            showError([PaymentStrings.noHostKeys], next: MenuID.main.screen(at: .sale))
            return
        }
        if needsSignOn {
            beginSignOn(then: .sale)
        } else {
            state.screen = .saleAmount(Self.amountField)
        }
    }

    /// Keys on the sale screens.
    mutating func saleKey(_ key: KeypadKey) {
        let back = MenuID.main.screen(at: .sale)
        switch state.screen {
        case var .saleAmount(field):
            switch edit(&field, key) {
            case .submit: amountEntered(field.amountMinor)
            case .cancel: state.screen = back
            default: state.screen = .saleAmount(field)
            }
        case .saleCard:
            guard key == .cancel else { return }
            step.actions.append(.armCardReader(false))
            state.screen = back
        case let .saleConfirm(draft):
            switch key {
            case .enter:
                step.actions.append(.requestPin(PinRequest(pan: draft.pan, amountMinor: draft.amount,
                                                           timeoutMilliseconds: Self.pinTimeoutMilliseconds,
                                                           allowEmpty: true)))
                state.screen = .salePin(draft, digits: 0)
            case .cancel:
                state.screen = back
            default:
                return
            }
        case .salePin:
            guard key == .cancel else { return }
            step.actions.append(.cancelPin)
            showInfo([PaymentStrings.saleCancelled], next: back, success: false)
        case .hostSignOn:
            // The exchange finishes in the background; its result no longer takes the screen.
            guard key == .cancel else { return }
            state.hostPurpose = hostBusy ? .background : nil
            state.queuedHost = nil
            state.screen = back
        case .saleResult:
            state.screen = back
        default:
            return
        }
    }

    private mutating func amountEntered(_ amount: Int64) {
        let limit = state.configuration.perTransactionLimitMinor
        guard amount <= limit else {
            showError([PaymentStrings.overLimit(limit)], next: .saleAmount(Self.amountField))
            return
        }
        step.actions.append(.armCardReader(true))
        state.screen = .saleCard(amount: amount, notice: nil)
    }

    /// A card event while the sale waits for a card.
    mutating func saleCardEvent(_ event: CardEvent) {
        guard case let .saleCard(amount, _) = state.screen else { return }
        switch event {
        case .removed:
            return
        case .readFailed:
            step.beep = .error
            state.screen = .saleCard(amount: amount, notice: PaymentStrings.readFailed)
        case .swiped, .inserted, .tapped:
            guard let draft = SaleDraft(amount: amount, event: event) else {
                step.beep = .error
                state.screen = .saleCard(amount: amount, notice: PaymentStrings.cardNotSupported)
                return
            }
            step.actions.append(.armCardReader(false))
            state.screen = .saleConfirm(draft)
        }
    }

    /// A PIN pad event while the sale waits for the PIN.
    mutating func salePinEvent(_ event: PinPadEvent) {
        guard case let .salePin(draft, _) = state.screen else { return }
        let back = MenuID.main.screen(at: .sale)
        switch event {
        case let .digitsEntered(count):
            state.screen = .salePin(draft, digits: count)
        case let .pinBlock(block):
            goOnline(draft, pin: PINData(block: block.bytes))
        case .noPin:
            goOnline(draft, pin: nil)
        case .cancelled:
            showInfo([PaymentStrings.saleCancelled], next: back, success: false)
        case .timedOut:
            showError([PaymentStrings.pinTimedOut], next: back)
        case .failed:
            showError([PaymentStrings.pinPadFailed], next: back)
        }
    }

    private mutating func goOnline(_ draft: SaleDraft, pin: PINData?) {
        state.screen = .saleOnline(draft)
        startHost(.sale(amount: draft.amount, card: draft.card, pin: pin), for: .sale(draft))
    }

    /// The authorisation ended: log it, print on approval, show the result.
    mutating func saleFinished(_ result: HostExchangeResult, draft: SaleDraft) {
        let response: HostResponse?
        let outcome: TransactionRecord.Result
        switch result.outcome {
        case let .approved(answer): (response, outcome) = (answer, .approved)
        case let .declined(answer): (response, outcome) = (answer, .declined)
        case .failed: (response, outcome) = (nil, .failed)
        }
        var record: TransactionRecord?
        if let stan = result.stan {
            let entry = TransactionRecord(sequence: state.transactionCount, kind: "sale", maskedPAN: draft.maskedPAN,
                                          entryMode: draft.entryMode, amountMinor: draft.amount, stan: stan,
                                          batch: result.batch ?? state.host?.record.batch ?? 0,
                                          rrn: response?.retrievalReference, authCode: response?.authorizationCode,
                                          responseCode: response?.responseCode, time: state.now,
                                          operatorNumber: state.signedInOperator, result: outcome)
            step.changes.append(.appendTransaction(entry))
            state.transactionCount += 1
            record = entry
        }
        let amountLine = PaymentStrings.amountLine(draft.amount)
        let cardLine = LocalizedText(zh: draft.maskedPAN, en: draft.maskedPAN)
        switch result.outcome {
        case .approved:
            if let record { printReceipts(for: record) }
            step.beep = .success
            state.screen = .saleResult(approved: true, [PaymentStrings.approved, amountLine, cardLine,
                                                        PaymentStrings.authCode(record?.authCode ?? "")])
        case let .declined(answer):
            step.beep = .error
            state.screen = .saleResult(approved: false, [PaymentStrings.declined, PaymentStrings.responseText(answer.info),
                                                         amountLine])
        case let .failed(failure):
            step.beep = .error
            var lines = [PaymentStrings.saleFailed, PaymentStrings.failureText(failure)]
            if state.pendingReversal { lines.append(PaymentStrings.reversalPending) }
            state.screen = .saleResult(approved: false, lines)
        }
    }

    /// Prints the merchant's and the cardholder's copies.
    private mutating func printReceipts(for record: TransactionRecord) {
        for kind in [DocumentKind.merchantCopy, .customerCopy] {
            let document = Receipt.sale(record, copy: kind, configuration: state.configuration)
            step.actions.append(.print(document, job: state.nextPrintJob))
            state.nextPrintJob += 1
        }
    }
}
