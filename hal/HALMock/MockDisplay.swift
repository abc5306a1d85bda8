import HAL
import Synchronization

/// A simulated display: remembers the frame it shows so tests, scripts and the console can read
/// the screen.
///
/// Faults: `unplugged` (posts `.status(.display, .unplugged)`; the screen goes blank and `show`
/// throws `.disconnected` until cleared, which posts `.status(.display, .ready)`).
public final class MockDisplay: Display, FaultInjectable {
    private struct State {
        var sink: DeviceEventSink?
        var unplugged = false
        var frame: DisplayFrame?
        var shown = 0
    }

    private let state = Mutex(State())

    /// Creates a blank, plugged-in display.
    public init() {}

    /// Always `.display`.
    public var role: DeviceRole { .display }

    /// Connects the display to the firmware; reports `.unplugged` at once if it is unplugged.
    public func start(events: @escaping DeviceEventSink) {
        let unplugged = state.withLock { state in
            state.sink = events
            return state.unplugged
        }
        if unplugged { events(.status(.display, .unplugged)) }
    }

    /// Disconnects the display from the firmware; the frame stays on the glass.
    public func stop() {
        state.withLock { $0.sink = nil }
    }

    /// Shows `frame`; throws `.disconnected` while unplugged (the frame is lost).
    public func show(_ frame: DisplayFrame) throws(HALError) {
        try state.withLock { state throws(HALError) in
            guard !state.unplugged else {
                throw HALError(.disconnected, role: .display, "display unplugged")
            }
            state.frame = frame
            state.shown += 1
        }
    }

    /// The frame on the glass now, or nil when blank (never drawn, or unplugged since).
    public var currentFrame: DisplayFrame? { state.withLock { $0.frame } }

    /// How many frames have been shown since creation.
    public var framesShown: Int { state.withLock { $0.shown } }

    /// `["unplugged"]`.
    public var supportedFaults: [String] { ["unplugged"] }

    /// The active faults.
    public var activeFaults: Set<String> { state.withLock { $0.unplugged ? ["unplugged"] : [] } }

    /// Plugs the display out or back in (see the type's documentation).
    public func setFault(_ name: String, active: Bool) throws(MockControlError) {
        try checkFaultName(name, role: role)
        let (sink, changed) = state.withLock { state -> (DeviceEventSink?, Bool) in
            guard state.unplugged != active else { return (nil, false) }
            state.unplugged = active
            if active { state.frame = nil }
            return (state.sink, true)
        }
        if changed { post([.status(.display, active ? .unplugged : .ready)], to: sink) }
    }
}
