import HAL

/// The terminal's brain: a state machine from `(state, event)` to `(state, [effect])`.
///
/// It does no I/O, reads no clock and draws no random numbers: the time comes with each event
/// and everything it needs from outside comes through `TerminalServices`.
public struct TerminalMachine: Sendable {
    /// What the terminal needs from the firmware that is not an event.
    public let services: TerminalServices
    /// The current state; public for inspection by the firmware's `status` op and tests.
    public private(set) var state: TerminalState

    /// Creates a machine that waits for `.powerOn`.
    public init(services: TerminalServices) {
        self.services = services
        self.state = TerminalState()
    }

    /// Handles one event at `now` and returns the effects to run, in order.
    public mutating func handle(_ event: TerminalEvent, at now: WallTime) -> [TerminalEffect] {
        state.now = now
        switch event {
        case let .powerOn(recovered):
            state.restore(from: recovered)
            state.phase = .selfTest
            return [.show(Screens.selfTest(state)), .startTimer(.selfTestDone, milliseconds: 300)]
        case .timerFired(.selfTestDone):
            state.phase = .idle
            return [.show(Screens.idle(state)), .startTimer(.clockTick, milliseconds: 60_000)]
        case .timerFired(.clockTick):
            var effects: [TerminalEffect] = [.startTimer(.clockTick, milliseconds: 60_000)]
            if state.phase == .idle { effects.insert(.show(Screens.idle(state)), at: 0) }
            return effects
        case .timerFired:
            return []
        case let .device(deviceEvent):
            return handleDevice(deviceEvent)
        }
    }

    private mutating func handleDevice(_ event: DeviceEvent) -> [TerminalEffect] {
        switch event {
        case let .printer(.status(status)):
            state.printerStatus = status
        case let .link(.networkChanged(up)):
            state.linkUp = up
        default:
            return []
        }
        return state.phase == .idle ? [.show(Screens.idle(state))] : []
    }
}

extension TimerID {
    /// Fires when the power-on self-test screen has been shown long enough.
    public static let selfTestDone = TimerID(rawValue: "self-test-done")
    /// Fires every minute to refresh the clock on the idle screen.
    public static let clockTick = TimerID(rawValue: "clock-tick")
}

/// Everything the terminal needs from outside that is not an event.
public struct TerminalServices: Sendable {
    /// Hashes and verifies operator passwords.
    public var passwords: any PasswordHashing

    /// Creates the services.
    public init(passwords: any PasswordHashing) {
        self.passwords = passwords
    }
}
