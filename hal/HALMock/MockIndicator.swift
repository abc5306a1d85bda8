import HAL
import Synchronization

/// A simulated buzzer and LED set: records what the firmware asks of it.
public final class MockIndicator: Indicator {
    /// How many of the latest beeps `beeps` keeps (older ones are only counted).
    public static let retainedBeeps = 256

    private struct State {
        var beeps: [BeepPattern] = []
        var beepCount = 0
        var lights: Set<IndicatorLight> = []
    }

    private let state = Mutex(State())

    /// Creates a silent indicator with every light off.
    public init() {}

    /// Always `.indicator`.
    public var role: DeviceRole { .indicator }

    /// The indicator posts no events; starting it does nothing else.
    public func start(events: @escaping DeviceEventSink) {}

    /// Does nothing: the indicator has no threads or events.
    public func stop() {}

    /// Records `pattern`.
    public func beep(_ pattern: BeepPattern) {
        state.withLock { state in
            state.beeps.append(pattern)
            state.beepCount += 1
            if state.beeps.count > Self.retainedBeeps {
                state.beeps.removeFirst(state.beeps.count - Self.retainedBeeps)
            }
        }
    }

    /// Turns `light` on or off.
    public func setLight(_ light: IndicatorLight, on: Bool) {
        state.withLock { state in
            if on { state.lights.insert(light) } else { state.lights.remove(light) }
        }
    }

    /// The latest beeps, oldest first (at most `retainedBeeps`).
    public var beeps: [BeepPattern] { state.withLock { $0.beeps } }

    /// How many beeps were sounded since creation.
    public var beepCount: Int { state.withLock { $0.beepCount } }

    /// The lights that are on.
    public var lightsOn: Set<IndicatorLight> { state.withLock { $0.lights } }
}
