import HAL
import Synchronization

/// A simulated card reader (magstripe, contact chip, contactless) with a control side that
/// swipes, inserts, taps and removes cards.
///
/// Reads: a swipe is read at once. A chip read (insert or tap) takes `readMilliseconds` through
/// the scheduler when one is given, and completes at once otherwise. Pulling the card during a
/// chip read answers `.card(.readFailed(.removedEarly))`. An inserted card stays in the slot
/// until `remove` (`.card(.removed)`); a tapped card leaves the field when its read ends and has
/// no removal event. The contactless field is on only while the firmware has armed the reader.
///
/// Faults:
/// - `unplugged`: posts `.card(.removed)` if a card is in the slot (it is then out), then
///   `.status(.cardReader, .unplugged)`; a read under way is abandoned; control actions throw
///   `device_unplugged` and `setArmed` throws `.disconnected`. Clearing posts
///   `.status(.cardReader, .ready)`.
/// - `unreadable`: one-shot; the next read of any kind answers `.readFailed(.unreadable)`.
/// - `chip_failure`: while active, every contact chip read answers `.readFailed(.chipFailure)`
///   (swipes and taps still work: the fallback path).
/// - `collision`: one-shot; the next tap answers `.readFailed(.collision)`.
public final class MockCardReader: CardReader, FaultInjectable {
    private enum Read {
        case insert(ChipCardData)
        case tap(ChipCardData)
    }

    private struct State {
        var sink: DeviceEventSink?
        var faults: Set<String> = []
        var armed = false
        var slot: ChipCardData?
        var read: (id: UInt64, kind: Read)?
        var nextReadID: UInt64 = 1
    }

    /// Which ways of presenting a card this reader supports.
    public let entryModes: Set<CardEntryMode>
    /// How long a chip read takes when a scheduler is given.
    public let readMilliseconds: Int64
    private let timer: DeviceTimer?
    private let state = Mutex(State())

    /// Creates an empty, disarmed reader. With a `scheduler`, chip reads take `readMilliseconds`
    /// (so a card can be pulled mid-read); without one they complete at once.
    public init(entryModes: Set<CardEntryMode> = [.swipe, .insert, .tap],
                scheduler: (any MockScheduler)? = nil, readMilliseconds: Int64 = 300) {
        self.entryModes = entryModes
        self.readMilliseconds = readMilliseconds
        self.timer = scheduler.map(DeviceTimer.init(scheduler:))
    }

    /// Always `.cardReader`.
    public var role: DeviceRole { .cardReader }

    /// Connects the reader; reports `.unplugged` at once if it is unplugged, and reads a card
    /// left in the slot (as a reader does at power-on).
    public func start(events: @escaping DeviceEventSink) {
        let (unplugged, slotCard) = state.withLock { state in
            state.sink = events
            return (state.faults.contains("unplugged"), state.slot)
        }
        if unplugged {
            events(.status(.cardReader, .unplugged))
        } else if let slotCard {
            beginRead(.insert(slotCard))
        }
    }

    /// Disconnects the reader; a read under way is abandoned, the field goes off, a card in the
    /// slot stays there.
    public func stop() {
        state.withLock { state in
            state.sink = nil
            state.read = nil
            state.armed = false
        }
        timer?.disarm()
    }

    /// Turns the contactless field on or off. Disarming abandons a tap being read (no event).
    ///
    /// Throws `.disconnected` while unplugged.
    public func setArmed(_ armed: Bool) throws(HALError) {
        let abandon = try state.withLock { state throws(HALError) -> Bool in
            guard !state.faults.contains("unplugged") else {
                throw HALError(.disconnected, role: .cardReader, "card reader unplugged")
            }
            state.armed = armed
            if !armed, case .tap = state.read?.kind {
                state.read = nil
                return true
            }
            return false
        }
        if abandon { timer?.disarm() }
    }

    /// Whether the contactless field is on.
    public var isArmed: Bool { state.withLock { $0.armed } }

    /// Whether a card is in the slot or (during a tap read) in the field.
    public var cardPresent: Bool {
        state.withLock { state in
            if state.slot != nil { return true }
            if case .tap = state.read?.kind { return true }
            return false
        }
    }

    /// Swipes a stripe, posting `.card(.swiped)` (or `.readFailed(.unreadable)` under that fault).
    ///
    /// Throws `not_supported` without a stripe reader, `device_unplugged`, `card_present` while a
    /// card is in the slot or field, and `bad_argument` for tracks a stripe cannot hold.
    public func swipe(_ tracks: MagneticTracks) throws(MockControlError) {
        try CardDataRules.check(tracks)
        let (sink, event) = try state.withLock { state throws(MockControlError) -> (DeviceEventSink?, DeviceEvent) in
            try Self.checkCanPresent(.swipe, modes: entryModes, state: state)
            if state.faults.remove("unreadable") != nil {
                return (state.sink, .card(.readFailed(.unreadable)))
            }
            return (state.sink, .card(.swiped(tracks)))
        }
        post([event], to: sink)
    }

    /// Inserts a chip card into the slot and reads it: `.card(.inserted)` or `.readFailed`.
    ///
    /// Throws `not_supported`, `device_unplugged`, `card_present`, or `bad_argument` for a
    /// malformed chip record.
    public func insert(_ card: ChipCardData) throws(MockControlError) {
        try CardDataRules.check(card)
        try state.withLock { state throws(MockControlError) in
            try Self.checkCanPresent(.insert, modes: entryModes, state: state)
            state.slot = card
        }
        beginRead(.insert(card))
    }

    /// Taps a contactless card and reads it: `.card(.tapped)` or `.readFailed`.
    ///
    /// Throws `not_supported`, `device_unplugged`, `card_present`, `field_off` while the reader
    /// is not armed, or `bad_argument` for a malformed chip record.
    public func tap(_ card: ChipCardData) throws(MockControlError) {
        try CardDataRules.check(card)
        try state.withLock { state throws(MockControlError) in
            try Self.checkCanPresent(.tap, modes: entryModes, state: state)
            guard state.armed else {
                throw MockControlError(code: "field_off", message: "the contactless field is off (the reader is not armed)")
            }
        }
        beginRead(.tap(card))
    }

    /// Takes the card out: posts `.readFailed(.removedEarly)` if it was being read, then
    /// `.card(.removed)` for a card in the slot.
    ///
    /// Throws `device_unplugged`, or `no_card` when no card is in the slot or the field.
    public func remove() throws(MockControlError) {
        let (sink, events, abandoned) = try state.withLock { state throws(MockControlError) -> (DeviceEventSink?, [DeviceEvent], Bool) in
            guard !state.faults.contains("unplugged") else { throw .unplugged(.cardReader) }
            var events: [DeviceEvent] = []
            let abandoned = state.read != nil
            if abandoned { events.append(.card(.readFailed(.removedEarly))) }
            state.read = nil
            if state.slot != nil {
                state.slot = nil
                events.append(.card(.removed))
            }
            guard !events.isEmpty else {
                throw MockControlError(code: "no_card", message: "no card in the reader")
            }
            return (state.sink, events, abandoned)
        }
        if abandoned { timer?.disarm() }
        post(events, to: sink)
    }

    /// `["unplugged", "unreadable", "chip_failure", "collision"]`.
    public var supportedFaults: [String] { ["unplugged", "unreadable", "chip_failure", "collision"] }

    /// The active faults (one-shot faults leave when they fire).
    public var activeFaults: Set<String> { state.withLock { $0.faults } }

    /// Switches a fault on or off (see the type's documentation).
    public func setFault(_ name: String, active: Bool) throws(MockControlError) {
        try checkFaultName(name, role: role)
        let (sink, events, abandoned) = state.withLock { state -> (DeviceEventSink?, [DeviceEvent], Bool) in
            guard state.faults.contains(name) != active else { return (nil, [], false) }
            if active { state.faults.insert(name) } else { state.faults.remove(name) }
            guard name == "unplugged" else { return (nil, [], false) }
            guard active else { return (state.sink, [.status(.cardReader, .ready)], false) }
            var events: [DeviceEvent] = []
            if state.slot != nil { events.append(.card(.removed)) }
            let abandoned = state.read != nil
            state.slot = nil
            state.read = nil
            state.armed = false
            events.append(.status(.cardReader, .unplugged))
            return (state.sink, events, abandoned)
        }
        if abandoned { timer?.disarm() }
        post(events, to: sink)
    }

    private static func checkCanPresent(_ mode: CardEntryMode, modes: Set<CardEntryMode>, state: State) throws(MockControlError) {
        guard modes.contains(mode) else {
            throw MockControlError(code: "not_supported", message: "this reader has no \(mode.rawValue) interface")
        }
        guard !state.faults.contains("unplugged") else { throw .unplugged(.cardReader) }
        guard state.slot == nil, state.read == nil else {
            throw MockControlError(code: "card_present", message: "a card is already in the reader")
        }
    }

    /// Starts a chip read: at once without a scheduler, else after `readMilliseconds`.
    private func beginRead(_ kind: Read) {
        let id = state.withLock { state in
            let id = state.nextReadID
            state.nextReadID += 1
            state.read = (id, kind)
            return id
        }
        if let timer {
            timer.arm(afterMilliseconds: readMilliseconds) { [weak self] in self?.finishRead(id) }
        } else {
            finishRead(id)
        }
    }

    /// Ends read `id` (if it is still the one under way) with the card's data or a fault.
    private func finishRead(_ id: UInt64) {
        let (sink, event) = state.withLock { state -> (DeviceEventSink?, DeviceEvent?) in
            guard let read = state.read, read.id == id else { return (nil, nil) }
            state.read = nil
            if state.faults.remove("unreadable") != nil {
                return (state.sink, .card(.readFailed(.unreadable)))
            }
            switch read.kind {
            case let .insert(card):
                if state.faults.contains("chip_failure") { return (state.sink, .card(.readFailed(.chipFailure))) }
                return (state.sink, .card(.inserted(card)))
            case let .tap(card):
                if state.faults.remove("collision") != nil { return (state.sink, .card(.readFailed(.collision))) }
                return (state.sink, .card(.tapped(card)))
            }
        }
        if let event { post([event], to: sink) }
    }
}
