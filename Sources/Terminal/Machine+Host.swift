import Acquirer
import HAL

/// What a host operation is for: where its result goes when it completes.
enum HostPurpose: Sendable, Hashable {
    /// A pending reversal delivered with nobody waiting (after power-on, when the link is back).
    case background
    /// A sign-on (POS 签到) shown on `host.signon`; `then` is where it leads when it succeeds.
    case signOn(then: AfterSignOn)
    /// The online authorisation of a sale shown on `sale.online`.
    case sale(SaleDraft)
}

/// Where a successful sign-on leads.
enum AfterSignOn: Sendable, Hashable {
    /// Back to the main menu (the sign-on after an operator signed in).
    case mainMenu
    /// On to the amount entry of a sale.
    case sale
}

/// A host operation waiting for the one under way to finish.
struct QueuedHostOperation: Sendable {
    var operation: HostOperation
    var purpose: HostPurpose
}

/// The terminal's side of the host link: the embedded `HostClient`, its outputs turned into
/// effects and durable changes, link events and the response timer fed back to it.
extension TerminalMachine {
    /// The client's link parameters for the configured identity and the signed-in operator.
    func hostClientConfiguration() -> HostClientConfiguration {
        let identity = TerminalIdentity(terminalID: state.configuration.terminalID,
                                        merchantID: state.configuration.merchantID)
        // Field 63.1 is three characters: the operator number padded with spaces.
        let operatorNumber = state.signedInOperator.map { String(($0 + "   ").prefix(3)) } ?? "01 "
        return HostClientConfiguration(terminal: identity, operatorNumber: operatorNumber)
    }

    /// Builds the client from the recovered record, or rebuilds it (keeping its record) when the
    /// identity or operator changed; never while an operation runs. No-op without host keys.
    mutating func refreshHostClient() {
        guard let keys = services.hostKeys else { return }
        let configuration = hostClientConfiguration()
        if let current = state.host {
            guard !current.isBusy else { return }
            guard current.configuration.terminal != configuration.terminal
                || current.configuration.operatorNumber != configuration.operatorNumber else { return }
            state.host = HostClient(configuration: configuration, masterKey: keys.masterKey,
                                    keyEncryptionKey: keys.keyEncryptionKey, record: current.record)
        } else {
            state.host = HostClient(configuration: configuration, masterKey: keys.masterKey,
                                    keyEncryptionKey: keys.keyEncryptionKey, record: state.hostRecord ?? HostClientRecord())
        }
    }

    /// Whether a host operation is under way.
    var hostBusy: Bool { state.host?.isBusy ?? false }

    /// Starts `operation` for `purpose`, or queues it behind the one under way (a background
    /// operation is dropped instead: the one under way delivers the reversal anyway).
    mutating func startHost(_ operation: HostOperation, for purpose: HostPurpose) {
        refreshHostClient()
        guard var host = state.host else { return }
        guard !host.isBusy else {
            if purpose != .background { state.queuedHost = QueuedHostOperation(operation: operation, purpose: purpose) }
            return
        }
        guard let outputs = try? host.start(operation) else { return }
        state.host = host
        state.hostPurpose = purpose
        runHostOutputs(outputs)
    }

    /// Feeds a link event or the response timer to the client.
    mutating func feedHost(_ input: HostClientInput) {
        guard var host = state.host, host.isBusy else { return }
        let outputs = host.handle(input)
        state.host = host
        runHostOutputs(outputs)
    }

    /// The client's input for a link event, nil for events it does not take.
    static func hostInput(_ event: LinkEvent) -> HostClientInput? {
        switch event {
        case .connected: return .connected
        case .connectFailed: return .connectFailed
        case let .received(bytes): return .received(bytes)
        case .disconnected: return .disconnected
        case .networkChanged, .signalChanged: return nil
        }
    }

    /// Delivers a pending reversal in the background when nothing else uses the link.
    mutating func deliverPendingReversal() {
        refreshHostClient()
        guard state.linkUp, let host = state.host, host.hasPendingReversal, !host.isBusy else { return }
        // The connectivity check holds the link; the reversal waits for the next occasion.
        if case .netTestConnecting = state.screen { return }
        startHost(.reverse, for: .background)
    }

    /// Turns the client's outputs into this step's effects and changes, in order.
    private mutating func runHostOutputs(_ outputs: [HostClientOutput]) {
        for output in outputs {
            switch output {
            case .connect:
                step.actions.append(.connectHost(state.configuration.host))
            case let .send(bytes):
                step.actions.append(.sendHost(bytes))
            case .disconnect:
                step.actions.append(.disconnectHost)
            case let .startTimer(milliseconds):
                step.actions.append(.startTimer(.hostResponse, milliseconds: milliseconds))
            case .cancelTimer:
                step.actions.append(.cancelTimer(.hostResponse))
            case let .persist(record):
                // The step's persist group runs before any of its effects, so the record (trace
                // number, write-ahead reversal) is durable before the request leaves; one copy,
                // the latest, is enough.
                step.changes.removeAll { if case .putHostRecord = $0 { true } else { false } }
                step.changes.append(.putHostRecord(record))
            case let .installWorkingKeys(field62, mode):
                step.actions.append(.installWorkingKeys(field62: field62, mode: mode))
            case let .completed(result):
                hostCompleted(result)
            }
        }
    }

    /// An operation ended: its result goes to the flow that started it; then any queued one starts.
    private mutating func hostCompleted(_ result: HostExchangeResult) {
        let purpose = state.hostPurpose
        state.hostPurpose = nil
        if result.reversalsDelivered > 0 {
            audit("reversal.delivered", "\(result.reversalsDelivered)", by: state.signedInOperator)
        }
        switch purpose {
        case .background, nil:
            break
        case let .signOn(then):
            signOnFinished(result, then: then)
        case let .sale(draft):
            saleFinished(result, draft: draft)
        }
        if let queued = state.queuedHost {
            state.queuedHost = nil
            startHost(queued.operation, for: queued.purpose)
        }
    }

    /// Whether the terminal must sign on before a card transaction.
    var needsSignOn: Bool {
        services.hostKeys != nil && !(state.host?.isSignedOn ?? false)
    }

    /// Starts the sign-on shown on `host.signon`.
    mutating func beginSignOn(then: AfterSignOn) {
        state.screen = .hostSignOn(then: then)
        startHost(.signOn, for: .signOn(then: then))
    }

    private mutating func signOnFinished(_ result: HostExchangeResult, then: AfterSignOn) {
        guard case .hostSignOn = state.screen else { return }
        let back: Screen = then == .sale ? MenuID.main.screen(at: .sale) : .menu(.main, cursor: 0)
        switch result.outcome {
        case .approved:
            audit("host.signon", "batch \(state.host?.record.batch ?? 0)", by: state.signedInOperator)
            step.beep = .success
            state.screen = then == .sale ? .saleAmount(Self.amountField) : .menu(.main, cursor: 0)
        case let .declined(response):
            showError([PaymentStrings.signOnFailed, PaymentStrings.responseText(response.info)], next: back)
        case let .failed(failure):
            showError([PaymentStrings.signOnFailed, PaymentStrings.failureText(failure)], next: back)
        }
    }
}

extension TimerID {
    /// Fires when the host has not answered a request in time.
    public static let hostResponse = TimerID(rawValue: "host-response")
}
