import HAL
import Synchronization

/// A simulated terminal keypad: `press` posts one `.key` event per key.
///
/// Faults: `unplugged` (posts `.status(.keypad, .unplugged)`; `press` throws `device_unplugged`
/// until cleared, which posts `.status(.keypad, .ready)`).
public final class MockKeypad: Keypad, FaultInjectable {
    private let plug = PlugState(role: .keypad)

    /// Creates a plugged-in keypad.
    public init() {}

    /// Always `.keypad`.
    public var role: DeviceRole { .keypad }

    /// Connects the keypad to the firmware; reports `.unplugged` at once if it is unplugged.
    public func start(events: @escaping DeviceEventSink) { plug.start(events) }

    /// Disconnects the keypad from the firmware; later presses are lost.
    public func stop() { plug.stop() }

    /// Presses `keys` in order, posting `.key` for each.
    ///
    /// Throws `bad_argument` for an empty list and `device_unplugged` while unplugged.
    public func press(_ keys: [KeypadKey]) throws(MockControlError) {
        guard !keys.isEmpty else { throw .badArgument("no keys to press") }
        let sink = try plug.sinkIfPlugged()
        post(keys.map(DeviceEvent.key), to: sink)
    }

    /// `["unplugged"]`.
    public var supportedFaults: [String] { ["unplugged"] }

    /// The active faults.
    public var activeFaults: Set<String> { plug.isUnplugged ? ["unplugged"] : [] }

    /// Plugs the keypad out or back in.
    public func setFault(_ name: String, active: Bool) throws(MockControlError) {
        try checkFaultName(name, role: role)
        plug.setUnplugged(active)
    }
}
