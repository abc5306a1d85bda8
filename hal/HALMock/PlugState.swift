import HAL
import Synchronization

/// The sink and plugged-in state of a simple input device (keypad, scanner).
final class PlugState: Sendable {
    private struct State {
        var sink: DeviceEventSink?
        var unplugged = false
    }

    let role: DeviceRole
    private let state = Mutex(State())

    init(role: DeviceRole) {
        self.role = role
    }

    var isUnplugged: Bool { state.withLock { $0.unplugged } }

    func start(_ sink: @escaping DeviceEventSink) {
        let unplugged = state.withLock { state in
            state.sink = sink
            return state.unplugged
        }
        if unplugged { sink(.status(role, .unplugged)) }
    }

    func stop() {
        state.withLock { $0.sink = nil }
    }

    /// The sink (nil when stopped); throws `device_unplugged` while unplugged.
    func sinkIfPlugged() throws(MockControlError) -> DeviceEventSink? {
        try state.withLock { state throws(MockControlError) in
            guard !state.unplugged else { throw .unplugged(role) }
            return state.sink
        }
    }

    /// Posts the status change, if it is one.
    func setUnplugged(_ unplugged: Bool) {
        let (sink, changed) = state.withLock { state -> (DeviceEventSink?, Bool) in
            guard state.unplugged != unplugged else { return (nil, false) }
            state.unplugged = unplugged
            return (state.sink, true)
        }
        if changed { post([.status(role, unplugged ? .unplugged : .ready)], to: sink) }
    }
}
