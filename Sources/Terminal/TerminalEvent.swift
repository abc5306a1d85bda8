import HAL

/// Everything that can happen to the terminal. The firmware stamps each with the loop's clock
/// and feeds it to `TerminalMachine.handle(_:at:)`.
public enum TerminalEvent: Sendable {
    /// The terminal powered on; `recovered` is everything the journal holds.
    case powerOn(RecoveredState)
    /// A device reported something (key, card, PIN pad, scan, printer, link, plug status).
    case device(DeviceEvent)
    /// A timer the terminal started has fired.
    case timerFired(TimerID)
}

/// A timer the terminal starts and cancels by name. Starting a timer that is running restarts it.
public struct TimerID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The timer's name, e.g. `idle-timeout`.
    public var rawValue: String

    /// Names a timer.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The timer's name.
    public var description: String { rawValue }
}
