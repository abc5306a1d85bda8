import HAL
import Synchronization

/// A simulated host link (Ethernet / Wi-Fi / 4G) that connects to in-process hosts registered
/// by endpoint.
///
/// `connect` answers after `connectLatencyMilliseconds` through the scheduler with
/// `.link(.connected)`, or `.link(.connectFailed)` when the network is down, the connection is
/// refused, or nothing is registered at the endpoint (the conditions at answer time count).
/// A `connect` while a connection is open or opening answers `.connectFailed(.busy)` at once, one
/// to an empty host or a port outside 1…65535 `.connectFailed(.invalidRequest)` at once;
/// a `disconnect` while opening answers `.connectFailed(.disconnected)`.
///
/// Faults:
/// - `down`: the network is down: posts `.link(.networkChanged(up: false))` and cuts an open
///   connection (`.link(.disconnected(.disconnected))`); connects fail. Clearing posts
///   `.networkChanged(up: true)`.
/// - `refused`: connects are refused.
/// - `no_reply`: bytes sent to the host are lost (the host never sees them).
/// - `drop`: cuts the open connection now, and each connection at its next `send` (those bytes
///   are lost; the terminal sees `.link(.disconnected(.disconnected))`).
public final class MockHostLink: HostLink, FaultInjectable {
    private struct State {
        var sink: DeviceEventSink?
        var faults: Set<String> = []
        var signal: Int?
        var servers: [HostEndpoint: any MockHostServer] = [:]
        var connection: MockHostConnection?
        var connecting: (id: UInt64, endpoint: HostEndpoint)?
        var nextID: UInt64 = 1

        /// Forgets the open connection, returning it to be told.
        mutating func takeConnection() -> MockHostConnection? {
            defer { connection = nil }
            return connection
        }
    }

    /// How long a connect takes before it is answered.
    public let connectLatencyMilliseconds: Int64
    private let timer: DeviceTimer
    private let state = Mutex(State())

    /// Creates a link with the network up, no signal reading, and no hosts registered.
    public init(scheduler: any MockScheduler, connectLatencyMilliseconds: Int64 = 20) {
        self.connectLatencyMilliseconds = connectLatencyMilliseconds
        self.timer = DeviceTimer(scheduler: scheduler)
    }

    /// Always `.link`.
    public var role: DeviceRole { .link }

    /// Connects the link; reports at once a network that is down and a known signal strength.
    public func start(events: @escaping DeviceEventSink) {
        let (down, signal) = state.withLock { state in
            state.sink = events
            return (state.faults.contains("down"), state.signal)
        }
        if down { events(.link(.networkChanged(up: false))) }
        if let signal { events(.link(.signalChanged(percent: signal))) }
    }

    /// Disconnects the link: an open connection is closed (the host sees it close), a connect
    /// under way is abandoned, and no event is posted.
    public func stop() {
        let connection = state.withLock { state in
            state.sink = nil
            state.connecting = nil
            return state.takeConnection()
        }
        timer.disarm()
        connection?.closedByTerminal()
    }

    /// Makes `server` reachable at `endpoint` (replacing any host there). Open connections are
    /// not affected.
    public func register(_ server: any MockHostServer, at endpoint: HostEndpoint) {
        state.withLock { $0.servers[endpoint] = server }
    }

    /// Removes the host at `endpoint`; later connects there are refused.
    public func unregister(at endpoint: HostEndpoint) {
        state.withLock { _ = $0.servers.removeValue(forKey: endpoint) }
    }

    /// Sets the signal strength (clamped to 0…100; nil for a wired link), posting
    /// `.link(.signalChanged)` when it changes.
    public func setSignal(percent: Int?) {
        let clamped = percent.map { min(100, max(0, $0)) }
        let sink = state.withLock { state -> DeviceEventSink?? in
            guard state.signal != clamped else { return nil }
            state.signal = clamped
            return .some(state.sink)
        }
        if let sink { post([.link(.signalChanged(percent: clamped))], to: sink) }
    }

    /// Whether the network is up (the `down` fault is not active).
    public var isNetworkUp: Bool { state.withLock { !$0.faults.contains("down") } }

    /// The signal strength, or nil for a wired link.
    public var signalPercent: Int? { state.withLock { $0.signal } }

    /// The endpoint of the open connection, if any.
    public var connectedEndpoint: HostEndpoint? { state.withLock { $0.connection?.endpoint } }

    /// Whether a connect is waiting for its answer.
    public var isConnecting: Bool { state.withLock { $0.connecting != nil } }

    /// Opens a connection to `endpoint` (see the type's documentation for the answers).
    public func connect(to endpoint: HostEndpoint) {
        let (sink, refusal, id) = state.withLock { state -> (DeviceEventSink?, HALError?, UInt64) in
            guard state.connection == nil, state.connecting == nil else {
                return (state.sink, HALError(.busy, role: .link, "a connection is already open or opening"), 0)
            }
            guard !endpoint.host.isEmpty, (1...65_535).contains(endpoint.port) else {
                return (state.sink, HALError(.invalidRequest, role: .link, "no such endpoint: \(endpoint)"), 0)
            }
            let id = state.nextID
            state.nextID += 1
            state.connecting = (id, endpoint)
            return (nil, nil, id)
        }
        if let refusal {
            post([.link(.connectFailed(refusal))], to: sink)
            return
        }
        timer.arm(afterMilliseconds: connectLatencyMilliseconds) { [weak self] in self?.finishConnect(id) }
    }

    /// Sends `bytes` to the host (unframed; empty sends do nothing).
    ///
    /// Throws `.disconnected` when no connection is open. Under `no_reply` the bytes are lost;
    /// under `drop` the connection is cut instead (reported as an event, not thrown).
    public func send(_ bytes: [UInt8]) throws(HALError) {
        enum Outcome { case deliver(MockHostConnection), swallow, cut(MockHostConnection, DeviceEventSink?) }
        let outcome = try state.withLock { state throws(HALError) -> Outcome in
            guard let connection = state.connection else {
                throw HALError(.disconnected, role: .link, "no connection is open")
            }
            if bytes.isEmpty { return .swallow }
            if state.faults.contains("drop") {
                state.connection = nil
                return .cut(connection, state.sink)
            }
            return state.faults.contains("no_reply") ? .swallow : .deliver(connection)
        }
        switch outcome {
        case let .deliver(connection):
            connection.deliver(bytes)
        case .swallow:
            break
        case let .cut(connection, sink):
            connection.closedByTerminal()
            post([.link(.disconnected(HALError(.disconnected, role: .link, "connection dropped")))], to: sink)
        }
    }

    /// Closes the open connection (posting `.link(.disconnected(nil))`), or abandons a connect
    /// under way (posting `.link(.connectFailed(.disconnected))`); does nothing otherwise.
    public func disconnect() {
        let (sink, connection, abandoned) = state.withLock { state -> (DeviceEventSink?, MockHostConnection?, Bool) in
            let abandoned = state.connecting != nil
            state.connecting = nil
            return (state.sink, state.takeConnection(), abandoned)
        }
        if let connection {
            connection.closedByTerminal()
            post([.link(.disconnected(nil))], to: sink)
        } else if abandoned {
            timer.disarm()
            post([.link(.connectFailed(HALError(.disconnected, role: .link, "connect abandoned")))], to: sink)
        }
    }

    /// `["down", "refused", "no_reply", "drop"]`.
    public var supportedFaults: [String] { ["down", "refused", "no_reply", "drop"] }

    /// The active faults.
    public var activeFaults: Set<String> { state.withLock { $0.faults } }

    /// Switches a fault on or off (see the type's documentation).
    public func setFault(_ name: String, active: Bool) throws(MockControlError) {
        try checkFaultName(name, role: role)
        let (sink, events, cut) = state.withLock { state -> (DeviceEventSink?, [DeviceEvent], MockHostConnection?) in
            guard state.faults.contains(name) != active else { return (nil, [], nil) }
            if active { state.faults.insert(name) } else { state.faults.remove(name) }
            var events: [DeviceEvent] = []
            if name == "down" { events.append(.link(.networkChanged(up: !active))) }
            var cut: MockHostConnection?
            if active, name == "down" || name == "drop", let connection = state.takeConnection() {
                cut = connection
                let reason = name == "down" ? "network down" : "connection dropped"
                events.append(.link(.disconnected(HALError(.disconnected, role: .link, reason))))
            }
            return (state.sink, events, cut)
        }
        cut?.closedByTerminal()
        post(events, to: sink)
    }

    /// Answers connect attempt `id`, if it is still the one under way.
    private func finishConnect(_ id: UInt64) {
        enum Outcome { case failed(String), opened(MockHostConnection, any MockHostServer) }
        let answer = state.withLock { state -> (DeviceEventSink?, HostEndpoint, Outcome)? in
            guard let connecting = state.connecting, connecting.id == id else { return nil }
            state.connecting = nil
            let endpoint = connecting.endpoint
            if state.faults.contains("down") { return (state.sink, endpoint, .failed("network down")) }
            if state.faults.contains("refused") { return (state.sink, endpoint, .failed("connection refused")) }
            guard let server = state.servers[endpoint] else {
                return (state.sink, endpoint, .failed("connection refused: no host at \(endpoint)"))
            }
            let connection = MockHostConnection(id: id, endpoint: endpoint, link: self)
            state.connection = connection
            return (state.sink, endpoint, .opened(connection, server))
        }
        guard let (sink, endpoint, outcome) = answer else { return }
        switch outcome {
        case let .failed(reason):
            post([.link(.connectFailed(HALError(.disconnected, role: .link, reason)))], to: sink)
        case let .opened(connection, server):
            post([.link(.connected(endpoint))], to: sink)
            server.accept(connection)
        }
    }

    /// Bytes from the host on connection `id`.
    func hostSent(_ bytes: [UInt8], on id: UInt64) {
        let sink = state.withLock { state -> DeviceEventSink?? in
            guard state.connection?.id == id else { return nil }
            return .some(state.sink)
        }
        if let sink { post([.link(.received(bytes))], to: sink) }
    }

    /// The host closed connection `id`.
    func hostClosed(_ id: UInt64) {
        let sink = state.withLock { state -> DeviceEventSink?? in
            guard state.connection?.id == id else { return nil }
            state.connection = nil
            return .some(state.sink)
        }
        if let sink { post([.link(.disconnected(nil))], to: sink) }
    }
}
