import Synchronization

/// Runs an action after a delay, on the firmware's event loop: simulated (virtual) time in tests
/// and `--simulated-time` runs, real time otherwise. Simulated devices never read a clock; every
/// delay they have (PIN entry timeout, connect latency, chip read time) goes through this.
///
/// Contract for implementations: `schedule` never runs `action` before returning (not even for
/// a zero delay); actions due at the same time run in the order they were scheduled; `cancel` of
/// a token that already ran or was cancelled does nothing.
public protocol MockScheduler: Sendable {
    /// Runs `action` once, `afterMilliseconds` from now (0 or negative: as soon as possible).
    func schedule(afterMilliseconds: Int64, _ action: @escaping @Sendable () -> Void) -> MockTimerToken
    /// Cancels a scheduled action that has not run yet.
    func cancel(_ token: MockTimerToken)
}

/// Names a scheduled action so it can be cancelled.
public struct MockTimerToken: Hashable, Sendable {
    /// The scheduler's own identifier for the action.
    public let raw: UInt64

    /// Wraps a scheduler's identifier.
    public init(_ raw: UInt64) { self.raw = raw }
}

/// One re-armable timer of a device. Arming again or disarming cancels the previous action, and
/// an action that was already dequeued by the scheduler when it was cancelled does not run.
final class DeviceTimer: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var token: MockTimerToken?
    }

    private let scheduler: any MockScheduler
    private let state = Mutex(State())

    init(scheduler: any MockScheduler) {
        self.scheduler = scheduler
    }

    /// Runs `action` after `milliseconds` unless disarmed or re-armed first.
    func arm(afterMilliseconds milliseconds: Int64, _ action: @escaping @Sendable () -> Void) {
        let (generation, previous) = state.withLock { state -> (UInt64, MockTimerToken?) in
            state.generation &+= 1
            defer { state.token = nil }
            return (state.generation, state.token)
        }
        if let previous { scheduler.cancel(previous) }
        // The scheduler is called without holding the lock: it may take its own locks.
        let token = scheduler.schedule(afterMilliseconds: milliseconds) { [weak self] in
            guard let self else { return }
            let current = self.state.withLock { state -> Bool in
                guard state.generation == generation else { return false }
                state.token = nil
                return true
            }
            if current { action() }
        }
        let stale = state.withLock { state -> Bool in
            guard state.generation == generation else { return true }
            state.token = token
            return false
        }
        if stale { scheduler.cancel(token) }
    }

    /// Cancels the pending action, if any.
    func disarm() {
        let previous = state.withLock { state -> MockTimerToken? in
            state.generation &+= 1
            defer { state.token = nil }
            return state.token
        }
        if let previous { scheduler.cancel(previous) }
    }
}
