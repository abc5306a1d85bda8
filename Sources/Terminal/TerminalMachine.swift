import HAL
import Security

/// The terminal's brain: a state machine from `(state, event)` to `(state, [effect])`.
///
/// It does no I/O, reads no clock and draws no random numbers: the time comes with each event
/// and everything it needs from outside comes through `TerminalServices`. The effects of one
/// event come in this order: at most one `.persist` group (every durable change of the step,
/// audit entries included), device effects (host, timers of the flow), `.show` when the frame
/// changed, a `.beep`, and the idle-timeout timer.
public struct TerminalMachine: Sendable {
    /// What the terminal needs from the firmware that is not an event.
    public let services: TerminalServices
    /// The current state; public for inspection by the firmware's `status` op and tests.
    public internal(set) var state: TerminalState
    /// What the event being handled has produced so far.
    var step = Step()

    /// Wrong passwords in a row that lock an operator.
    public static let maxPasswordAttempts = 3
    /// How long the power-on self-test waits before showing idle, in milliseconds. Zero: the
    /// timer fires after every event already queued, so the devices' start-up reports (printer
    /// status, link state, unplugged devices) are in before the idle screen is drawn, and the
    /// terminal reaches idle without an artificial delay.
    public static let selfTestMilliseconds: Int64 = 0
    /// How long the connectivity check waits for the host, in milliseconds.
    public static let netTestTimeoutMilliseconds: Int64 = 10_000

    /// Creates a machine that waits for `.powerOn`.
    public init(services: TerminalServices) {
        self.services = services
        self.state = TerminalState()
    }

    /// Handles one event at `now` and returns the effects to run, in order.
    public mutating func handle(_ event: TerminalEvent, at now: WallTime) -> [TerminalEffect] {
        state.now = now
        step = Step(screenIDBefore: state.screen.id)
        switch event {
        case let .powerOn(recovered):
            powerOn(recovered)
        case let .timerFired(timer):
            timerFired(timer)
        case let .device(deviceEvent):
            guard state.screen != .off else { return [] }
            device(deviceEvent)
        }
        return finish()
    }

    private mutating func powerOn(_ recovered: RecoveredState) {
        let now = state.now
        state = TerminalState()
        state.now = now
        state.restore(from: recovered)
        if recovered.configuration == nil {
            step.changes.append(.putConfiguration(state.configuration))
            audit("config.defaults", "factory configuration", by: nil)
        }
        if state.operators.isEmpty {
            for (number, role, password) in FactoryOperators.all {
                save(OperatorRecord(number: number, role: role, password: services.passwords.hash(password: password)))
            }
            audit("operators.defaults", FactoryOperators.all.map { "\($0.0) \($0.1.rawValue)" }.joined(separator: ", "), by: nil)
        }
        refreshHostClient()
        state.screen = .selfTest
        step.actions.append(.startTimer(.selfTestDone, milliseconds: Self.selfTestMilliseconds))
    }

    private mutating func timerFired(_ timer: TimerID) {
        switch timer {
        case .selfTestDone:
            guard state.screen == .selfTest else { return }
            state.screen = .idle
            scheduleClockTick()
            // A reversal left pending by the last boot goes out as soon as the host is reachable.
            deliverPendingReversal()
        case .clockTick:
            guard state.screen != .off else { return }
            scheduleClockTick()
        case .idleTimeout:
            state.idleTimerRunning = false
            guard !state.screen.isHome else { return }
            // An exchange under way ends by its own timer, PIN entry by the PIN pad's timeout;
            // their screens stay until then.
            switch state.screen {
            case .hostSignOn, .saleOnline, .salePin: return
            case .saleCard: step.actions.append(.armCardReader(false))
            default: break
            }
            if case .netTestConnecting = state.screen {
                step.actions += [.cancelTimer(.netTest), .disconnectHost]
            }
            if state.screen.isForcedPasswordChange {
                signOut(reason: "timeout")
            }
            state.screen = state.home
        case .netTest:
            guard case .netTestConnecting = state.screen else { return }
            step.actions.append(.disconnectHost)
            netTestFailed(Strings.reasonTimeout, code: "timeout")
        case .hostResponse:
            feedHost(.timerFired)
        default:
            return
        }
    }

    /// Ticks at the next minute boundary so the idle clock changes on the minute.
    private mutating func scheduleClockTick() {
        let intoMinute = state.now.millisecondsSinceEpoch % 60_000
        let wait = 60_000 - (intoMinute < 0 ? intoMinute + 60_000 : intoMinute)
        step.actions.append(.startTimer(.clockTick, milliseconds: wait))
    }

    private mutating func device(_ event: DeviceEvent) {
        switch event {
        case let .key(key):
            step.keyPressed = true
            self.key(key)
        case let .printer(.status(status)):
            state.printerStatus = status
        case let .status(.printer, status):
            state.printerStatus = status == .ready ? .ok : .offline
        case .status(.display, .ready):
            step.forceRedraw = true
        case let .link(linkEvent):
            link(linkEvent)
        case let .card(cardEvent):
            saleCardEvent(cardEvent)
        case let .pinPad(pinEvent):
            salePinEvent(pinEvent)
        default:
            return
        }
    }

    private mutating func link(_ event: LinkEvent) {
        if hostBusy, let input = Self.hostInput(event) {
            feedHost(input)
            return
        }
        switch event {
        case let .networkChanged(up):
            state.linkUp = up
            if up { deliverPendingReversal() }
            if !up, case .netTestConnecting = state.screen {
                step.actions += [.cancelTimer(.netTest), .disconnectHost]
                netTestFailed(Strings.reasonNetworkDown, code: "network_down")
            }
        case .connected:
            guard case let .netTestConnecting(startedAt) = state.screen else { return }
            netTestSucceeded(startedAt: startedAt)
        case let .connectFailed(error):
            guard case .netTestConnecting = state.screen else { return }
            step.actions.append(.cancelTimer(.netTest))
            netTestFailed(Strings.reason(error.kind), code: error.kind.rawValue)
        default:
            return
        }
    }

    private mutating func finish() -> [TerminalEffect] {
        var effects: [TerminalEffect] = []
        if !step.changes.isEmpty { effects.append(.persist(step.changes)) }
        effects += step.actions
        let frame = Screens.frame(for: state)
        if frame != state.frame || step.forceRedraw {
            state.frame = frame
            effects.append(.show(frame))
        }
        if let beep = step.beep { effects.append(.beep(beep)) }
        if state.screen.isHome {
            if state.idleTimerRunning {
                state.idleTimerRunning = false
                effects.append(.cancelTimer(.idleTimeout))
            }
        } else if step.keyPressed || !state.idleTimerRunning || step.screenIDBefore != state.screen.id {
            state.idleTimerRunning = true
            effects.append(.startTimer(.idleTimeout, milliseconds: Int64(max(1, state.configuration.idleTimeoutSeconds)) * 1000))
        }
        return effects
    }

    // MARK: helpers shared by the flows

    /// Records `record` in RAM and in this step's persist group.
    mutating func save(_ record: OperatorRecord) {
        state.operators[record.number] = record
        step.changes.append(.putOperator(record))
    }

    /// Appends an audit entry to this step's persist group.
    mutating func audit(_ action: String, _ detail: String, by operatorNumber: String?) {
        step.changes.append(.appendAudit(AuditEntry(sequence: state.auditCount, time: state.now,
                                                    operatorNumber: operatorNumber, action: action, detail: detail)))
        state.auditCount += 1
    }

    /// Shows an error message with an error beep; any key then leads to `next`.
    mutating func showError(_ lines: [LocalizedText], next: Screen) {
        state.screen = .message(.error, lines, next: next)
        step.beep = .error
    }

    /// Shows an information message (with a success beep when `success`); any key leads to `next`.
    mutating func showInfo(_ lines: [LocalizedText], next: Screen, success: Bool = true) {
        state.screen = .message(.info, lines, next: next)
        if success { step.beep = .success }
    }

    /// Applies `key` to an entry field: beeps when the key is refused or ENTER finds it empty.
    mutating func edit(_ field: inout InputField, _ key: KeypadKey) -> InputField.Action {
        let action = field.press(key, at: state.now)
        switch action {
        case .rejected:
            step.beep = .error
        case .submit where field.text.isEmpty:
            step.beep = .error
            return .ignored
        default:
            break
        }
        return action
    }
}

/// What one event has produced so far; turned into effects by `finish`.
struct Step: Sendable {
    var screenIDBefore = "off"
    var changes: [StoreChange] = []
    var actions: [TerminalEffect] = []
    var beep: BeepPattern?
    var keyPressed = false
    var forceRedraw = false
}

/// The operators a factory-fresh terminal creates so it can be used at once. Change their
/// passwords before real use; they do not have to be changed at first sign-in (demo default).
public enum FactoryOperators {
    /// `(number, role, initial password)`: admin `99`/`12345678`, supervisor `00`/`123456`.
    public static let all: [(String, OperatorRole, String)] = [
        ("99", .admin, "12345678"),
        ("00", .supervisor, "123456"),
    ]
}

extension TimerID {
    /// Fires when the power-on self-test screen has been shown long enough.
    public static let selfTestDone = TimerID(rawValue: "self-test-done")
    /// Fires on each minute boundary to refresh the clock on the idle screen.
    public static let clockTick = TimerID(rawValue: "clock-tick")
    /// Fires after `idleTimeoutSeconds` without a key on a screen other than a home screen.
    public static let idleTimeout = TimerID(rawValue: "idle-timeout")
    /// Fires when the connectivity check has waited too long for the host.
    public static let netTest = TimerID(rawValue: "net-test")
}

/// Everything the terminal needs from outside that is not an event.
public struct TerminalServices: Sendable {
    /// Hashes and verifies operator passwords.
    public var passwords: any PasswordHashing
    /// The keys of the host link; nil on a terminal without them (no online transactions).
    public var hostKeys: HostKeys?

    /// Creates the services.
    public init(passwords: any PasswordHashing, hostKeys: HostKeys? = nil) {
        self.passwords = passwords
        self.hostKeys = hostKeys
    }
}

/// The keys the terminal-side host client needs: the terminal master key (decrypts the working
/// keys at sign-on to verify them and keep the MAK) and the key-encryption key that seals the
/// MAK and the pending reversal at rest.
public struct HostKeys: Sendable {
    /// The terminal master key.
    public var masterKey: SecretKey
    /// The key-encryption key (AES-256) for records at rest.
    public var keyEncryptionKey: SecretKey

    /// Keys from their parts.
    public init(masterKey: SecretKey, keyEncryptionKey: SecretKey) {
        self.masterKey = masterKey
        self.keyEncryptionKey = keyEncryptionKey
    }
}
