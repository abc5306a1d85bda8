import DequeModule
import Foundation
import HeapModule

/// A handle for a timer scheduled on the loop; used to cancel it.
public struct LoopTimerToken: Hashable, Sendable {
    /// The timer's unique number on its loop.
    public let raw: UInt64
}

/// The firmware's one event loop: a serial queue of jobs plus a timer heap, run on one thread.
///
/// Devices, control sessions and the host link post jobs from any thread with `post`; the loop
/// runs them one at a time, in order. Timers run on the same thread. In `.simulated` mode the
/// loop never sleeps: time moves only while someone holds a *time demand* (see
/// `beginTimeDemand`), and then jumps straight to the next timer.
public final class EventLoop: @unchecked Sendable {
    // Everything below is guarded by `condition` (its lock).
    private let condition = NSCondition()
    private var jobs: Deque<@Sendable () -> Void> = []
    private var requests: Deque<@Sendable () -> Void> = []
    private var timers = Heap<ScheduledTimer>()
    private var cancelled: Set<UInt64> = []
    private var nextTimerNumber: UInt64 = 0
    private var stopRequested = false
    private var timeDemands = 0
    private var virtualNow: Int64 = 0

    /// The clock mode chosen at creation.
    public let mode: LoopClockMode
    private let monotonicBase: Int64
    private let wallBase: Int64

    /// Creates a loop; call `start()` to run it on its own thread, or `runUntilStopped()` on the
    /// current one.
    public init(mode: LoopClockMode) {
        self.mode = mode
        switch mode {
        case .live:
            monotonicBase = SystemClock.monotonicMilliseconds()
            wallBase = SystemClock.wallMilliseconds()
        case let .simulated(start):
            monotonicBase = 0
            wallBase = start
        }
    }

    /// Whether time is virtual.
    public var isSimulated: Bool {
        if case .simulated = mode { return true }
        return false
    }

    /// Milliseconds of loop time since the loop was created (virtual in simulation).
    public var now: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return unlockedNow()
    }

    /// The wall-clock time now, in milliseconds since the Unix epoch (virtual in simulation).
    public var wallTimeMilliseconds: Int64 {
        switch mode {
        case .live: return SystemClock.wallMilliseconds()
        case .simulated: return wallBase + now
        }
    }

    private func unlockedNow() -> Int64 {
        switch mode {
        case .live: return SystemClock.monotonicMilliseconds() - monotonicBase
        case .simulated: return virtualNow
        }
    }

    /// Queues `job` to run on the loop thread after the jobs already queued.
    public func post(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Queues an outside request (a control-protocol line): it runs only when no job and no due
    /// timer is left, so everything the previous request set off at this instant has happened
    /// first. That is what makes a scripted run on simulated time replay identically.
    public func postRequest(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        requests.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Schedules `job` to run `milliseconds` of loop time from now (0 runs after queued jobs).
    @discardableResult
    public func schedule(afterMilliseconds milliseconds: Int64, _ job: @escaping @Sendable () -> Void) -> LoopTimerToken {
        condition.lock()
        defer { condition.unlock() }
        nextTimerNumber += 1
        let deadline = unlockedNow() + max(0, milliseconds)
        timers.insert(ScheduledTimer(deadline: deadline, number: nextTimerNumber, job: job))
        condition.signal()
        return LoopTimerToken(raw: nextTimerNumber)
    }

    /// Cancels a timer; a timer that already ran or was cancelled is ignored.
    public func cancel(_ token: LoopTimerToken) {
        condition.lock()
        if timers.unordered.contains(where: { $0.number == token.raw }) {
            cancelled.insert(token.raw)
        }
        condition.unlock()
    }

    /// In simulated mode, lets virtual time run until the matching `endTimeDemand`. Each control
    /// request that waits on loop time (`advance`, `wait`) holds one demand, and has a timer of
    /// its own for its deadline, so time never jumps past it. No effect in live mode.
    public func beginTimeDemand() {
        condition.lock()
        timeDemands += 1
        condition.signal()
        condition.unlock()
    }

    /// Releases a demand taken with `beginTimeDemand`.
    public func endTimeDemand() {
        condition.lock()
        timeDemands = max(0, timeDemands - 1)
        condition.unlock()
    }

    /// Starts the loop on a dedicated thread.
    public func start(name: String = "posterm.loop") {
        let thread = Thread { [self] in runUntilStopped() }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Asks the loop to stop after the job it is running; queued jobs and timers are dropped.
    public func stop() {
        condition.lock()
        stopRequested = true
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs and timers on the calling thread until `stop()`.
    public func runUntilStopped() {
        while let job = nextJob() {
            job()
        }
    }

    /// Runs every job that is runnable now without advancing simulated time, on the calling
    /// thread. For tests that drive a loop that was not started.
    public func runUntilIdle() {
        while let job = nextRunnableWithoutWaiting() {
            job()
        }
    }

    /// Blocks until the next job or due timer, or returns nil when stopped.
    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopRequested { return nil }
            if let job = takeRunnable() { return job }
            switch mode {
            case .simulated:
                if timeDemands > 0, let next = nextLiveTimer() {
                    virtualNow = max(virtualNow, next.deadline)
                    continue
                }
                condition.wait()
            case .live:
                if let next = nextLiveTimer() {
                    let wait = next.deadline - unlockedNow()
                    if wait > 0 {
                        _ = condition.wait(until: Date(timeIntervalSinceNow: Double(wait) / 1000))
                    }
                } else {
                    condition.wait()
                }
            }
        }
    }

    private func nextRunnableWithoutWaiting() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        return takeRunnable()
    }

    /// A queued job first, then the earliest due timer, then an outside request. Caller holds
    /// the lock.
    private func takeRunnable() -> (@Sendable () -> Void)? {
        if let job = jobs.popFirst() { return job }
        if let next = nextLiveTimer(), next.deadline <= unlockedNow() {
            timers.removeMin()
            return next.job
        }
        return requests.popFirst()
    }

    /// The earliest timer that is not cancelled (cancelled ones are dropped on the way).
    private func nextLiveTimer() -> ScheduledTimer? {
        while let min = timers.min {
            if cancelled.remove(min.number) != nil {
                timers.removeMin()
                continue
            }
            return min
        }
        return nil
    }
}

/// A job due at `deadline`; ties run in scheduling order.
private struct ScheduledTimer: Comparable {
    let deadline: Int64
    let number: UInt64
    let job: @Sendable () -> Void

    static func < (lhs: ScheduledTimer, rhs: ScheduledTimer) -> Bool {
        (lhs.deadline, lhs.number) < (rhs.deadline, rhs.number)
    }

    static func == (lhs: ScheduledTimer, rhs: ScheduledTimer) -> Bool {
        lhs.number == rhs.number
    }
}
