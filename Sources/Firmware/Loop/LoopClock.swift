import Foundation

/// Where the event loop gets its time from.
public enum LoopClockMode: Sendable, Hashable {
    /// Real time: timers fire when the monotonic clock reaches them; wall time is the system's.
    case live
    /// Virtual time starting at `startWallTimeMilliseconds`: time stands still until a control
    /// request (`advance`, `wait`) asks for it, then jumps from timer to timer without sleeping.
    case simulated(startWallTimeMilliseconds: Int64)
}

/// Reads the clocks a live loop uses.
enum SystemClock {
    /// Monotonic milliseconds (CLOCK_MONOTONIC via DispatchTime).
    static func monotonicMilliseconds() -> Int64 {
        Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000)
    }

    /// Milliseconds since the Unix epoch, from the system's real-time clock.
    static func wallMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
