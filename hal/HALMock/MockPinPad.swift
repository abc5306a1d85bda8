import HAL
import Synchronization

/// A simulated PIN pad: a software secure element with its own keys. The clear PIN digits are
/// collected and kept inside it, handed only to its `secureElement`, and wiped when each request
/// ends; the firmware only ever sees digit counts and the encrypted block.
///
/// While a request runs: each digit key (up to 12) posts `.digitsEntered(n)`; CLEAR erases all
/// digits (posting `.digitsEntered(0)` if there were any); CANCEL answers `.cancelled`; ENTER with
/// 4 to 12 digits asks the secure element and answers `.pinBlock`, or `.failed` with its error
/// (`.notSupported` "no PIN key loaded" when none is configured); ENTER with no digits answers
/// `.noPin` when the request allows it; other ENTERs are ignored. With no answer after the
/// request's timeout (through the scheduler) it answers `.timedOut`.
///
/// Faults:
/// - `unplugged`: a running request answers `.failed(.disconnected)`; then
///   `.status(.pinPad, .unplugged)`; `requestPin` throws `.disconnected` and `press` throws
///   `device_unplugged`. Clearing posts `.status(.pinPad, .ready)`.
/// - `key_error`: while active, ENTER answers `.failed(.hardwareFault "PIN key error")` without
///   asking the secure element (a corrupted or erased key).
public final class MockPinPad: PinPad, FaultInjectable {
    /// The fewest PIN digits ENTER accepts (ISO 9564).
    public static let minimumDigits = 4
    /// The most PIN digits the pad takes; further digit keys are ignored.
    public static let maximumDigits = 12

    private struct Collecting {
        var id: UInt64
        var request: PinRequest
        var digits: [UInt8]

        init(id: UInt64, request: PinRequest) {
            self.id = id
            self.request = request
            // Room for the longest PIN up front: a growing array would copy the digits into a
            // new buffer and free the old one unwiped.
            digits = []
            digits.reserveCapacity(MockPinPad.maximumDigits)
        }

        mutating func wipe() {
            for index in digits.indices { digits[index] = 0 }
            digits.removeAll()
        }
    }

    private struct State {
        var sink: DeviceEventSink?
        var faults: Set<String> = []
        var collecting: Collecting?
        var nextID: UInt64 = 1

        /// Ends the running request, wiping its digits.
        mutating func finish() {
            collecting?.wipe()
            collecting = nil
        }
    }

    private let secureElement: (any PinBlockEncrypting)?
    private let timer: DeviceTimer
    private let state = Mutex(State())

    /// Creates an idle PIN pad. Without a `secureElement` (no PIN key loaded) every PIN entry
    /// ends in `.failed(.notSupported)`.
    public init(scheduler: any MockScheduler, secureElement: (any PinBlockEncrypting)? = nil) {
        self.secureElement = secureElement
        self.timer = DeviceTimer(scheduler: scheduler)
    }

    /// Always `.pinPad`.
    public var role: DeviceRole { .pinPad }

    /// Connects the PIN pad; reports `.unplugged` at once if it is unplugged.
    public func start(events: @escaping DeviceEventSink) {
        let unplugged = state.withLock { state in
            state.sink = events
            return state.faults.contains("unplugged")
        }
        if unplugged { events(.status(.pinPad, .unplugged)) }
    }

    /// Disconnects the PIN pad; a running request ends silently and its digits are wiped.
    public func stop() {
        state.withLock { state in
            state.sink = nil
            state.finish()
        }
        timer.disarm()
    }

    /// Starts collecting a PIN for `request`.
    ///
    /// Throws `.disconnected` while unplugged, `.busy` while a request runs, and
    /// `.invalidRequest` for a PAN that is not 8 to 19 digits, a negative amount, or a timeout
    /// that is not positive.
    public func requestPin(_ request: PinRequest) throws(HALError) {
        guard (8...19).contains(request.pan.count), CardDataRules.isDigits(request.pan) else {
            throw HALError(.invalidRequest, role: .pinPad, "the PAN must have 8 to 19 digits")
        }
        guard request.amountMinor >= 0, request.timeoutMilliseconds > 0 else {
            throw HALError(.invalidRequest, role: .pinPad, "the amount must not be negative and the timeout must be positive")
        }
        let id = try state.withLock { state throws(HALError) -> UInt64 in
            guard !state.faults.contains("unplugged") else {
                throw HALError(.disconnected, role: .pinPad, "PIN pad unplugged")
            }
            guard state.collecting == nil else {
                throw HALError(.busy, role: .pinPad, "a PIN request is already running")
            }
            let id = state.nextID
            state.nextID += 1
            state.collecting = Collecting(id: id, request: request)
            return id
        }
        timer.arm(afterMilliseconds: request.timeoutMilliseconds) { [weak self] in self?.timeOut(id) }
    }

    /// Abandons the running request with `.cancelled`; does nothing when none runs.
    public func cancelPinRequest() {
        let sink = state.withLock { state -> DeviceEventSink?? in
            guard state.collecting != nil else { return nil }
            state.finish()
            return .some(state.sink)
        }
        guard let sink else { return }
        timer.disarm()
        post([.pinPad(.cancelled)], to: sink)
    }

    /// Whether a PIN request is running.
    public var isCollecting: Bool { state.withLock { $0.collecting != nil } }

    /// How many digits are entered in the running request (0 when none runs).
    public var digitsEntered: Int { state.withLock { $0.collecting?.digits.count ?? 0 } }

    /// What the PIN pad's own screen shows while collecting (`"CNY 12.34"` and the asterisks
    /// on a second line), or nil when idle.
    public var prompt: String? {
        state.withLock { state in
            guard let collecting = state.collecting else { return nil }
            let amount = AmountText.format(minor: collecting.request.amountMinor, currency: collecting.request.currency)
            return amount + "\n" + String(repeating: "*", count: collecting.digits.count)
        }
    }

    /// Presses `keys` on the PIN pad in order. Keys after the request has ended are ignored, as
    /// an idle PIN pad ignores them.
    ///
    /// Throws `bad_argument` for an empty list, `device_unplugged` while unplugged, and
    /// `no_request` when no PIN request runs.
    public func press(_ keys: [PinPadKey]) throws(MockControlError) {
        guard !keys.isEmpty else { throw .badArgument("no keys to press") }
        try state.withLock { state throws(MockControlError) in
            guard !state.faults.contains("unplugged") else { throw .unplugged(.pinPad) }
            guard state.collecting != nil else {
                throw MockControlError(code: "no_request", message: "the PIN pad is not collecting a PIN")
            }
        }
        for key in keys { handle(key) }
    }

    /// `["unplugged", "key_error"]`.
    public var supportedFaults: [String] { ["unplugged", "key_error"] }

    /// The active faults.
    public var activeFaults: Set<String> { state.withLock { $0.faults } }

    /// Switches a fault on or off (see the type's documentation).
    public func setFault(_ name: String, active: Bool) throws(MockControlError) {
        try checkFaultName(name, role: role)
        let (sink, events) = state.withLock { state -> (DeviceEventSink?, [DeviceEvent]) in
            guard state.faults.contains(name) != active else { return (nil, []) }
            if active { state.faults.insert(name) } else { state.faults.remove(name) }
            guard name == "unplugged" else { return (nil, []) }
            guard active else { return (state.sink, [.status(.pinPad, .ready)]) }
            var events: [DeviceEvent] = []
            if state.collecting != nil {
                state.finish()
                events.append(.pinPad(.failed(HALError(.disconnected, role: .pinPad, "PIN pad unplugged during PIN entry"))))
            }
            events.append(.status(.pinPad, .unplugged))
            return (state.sink, events)
        }
        if events.count > 1 { timer.disarm() }
        post(events, to: sink)
    }

    /// Applies one key to the running request, if any. The digits are only touched in place in
    /// the protected state (no copies that would escape the wipe).
    private func handle(_ key: PinPadKey) {
        let (sink, events, ended) = state.withLock { state -> (DeviceEventSink?, [DeviceEvent], Bool) in
            guard let count = state.collecting?.digits.count else { return (nil, [], false) }
            switch key {
            case .cancel:
                state.finish()
                return (state.sink, [.pinPad(.cancelled)], true)
            case .clear:
                guard count > 0 else { return (nil, [], false) }
                state.collecting?.wipe()
                return (state.sink, [.pinPad(.digitsEntered(0))], false)
            case .enter:
                var answer: PinPadEvent?
                if let collecting = state.collecting { answer = self.answer(for: collecting, faults: state.faults) }
                guard let answer else { return (nil, [], false) }
                state.finish()
                return (state.sink, [.pinPad(answer)], true)
            default:
                guard count < Self.maximumDigits, let digit = UInt8(key.rawValue) else { return (nil, [], false) }
                state.collecting?.digits.append(digit)
                return (state.sink, [.pinPad(.digitsEntered(count + 1))], false)
            }
        }
        if ended { timer.disarm() }
        post(events, to: sink)
    }

    /// What ENTER answers for the digits collected so far, or nil when ENTER is ignored.
    /// The secure element is asked under the lock so the digits never leave the protected state.
    private func answer(for collecting: Collecting, faults: Set<String>) -> PinPadEvent? {
        let count = collecting.digits.count
        if count == 0 && collecting.request.allowEmpty { return .noPin }
        guard count >= Self.minimumDigits else { return nil }
        if faults.contains("key_error") {
            return .failed(HALError(.hardwareFault, role: .pinPad, "PIN key error"))
        }
        guard let secureElement else {
            return .failed(HALError(.notSupported, role: .pinPad, "no PIN key loaded"))
        }
        do {
            return .pinBlock(try secureElement.encryptPinBlock(pinDigits: collecting.digits, pan: collecting.request.pan))
        } catch let error as HALError {
            return .failed(HALError(error.kind, role: .pinPad, error.detail))
        } catch {
            return .failed(HALError(.hardwareFault, role: .pinPad, "the secure element failed"))
        }
    }

    /// Ends request `id` with `.timedOut` if it is still running.
    private func timeOut(_ id: UInt64) {
        let sink = state.withLock { state -> DeviceEventSink?? in
            guard state.collecting?.id == id else { return nil }
            state.finish()
            return .some(state.sink)
        }
        guard let sink else { return }
        post([.pinPad(.timedOut)], to: sink)
    }
}
