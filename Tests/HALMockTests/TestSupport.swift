import HAL
import HALMock
import Synchronization

/// Records the events a device posts, in order.
final class EventLog: Sendable {
    private let events = Mutex<[DeviceEvent]>([])

    /// The sink to hand to `start(events:)`.
    var sink: DeviceEventSink {
        { [self] event in events.withLock { $0.append(event) } }
    }

    /// Returns the events recorded since the last call and forgets them.
    func take() -> [DeviceEvent] {
        events.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}

/// The control error code `body` throws, or nil if it succeeds.
func controlErrorCode(_ body: () throws(MockControlError) -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return error.code
    }
}

/// The HAL error `body` throws, or nil if it succeeds.
func halError(_ body: () throws(HALError) -> Void) -> HALError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// A chip card that passes the reader's checks.
let testCard = ChipCardData(pan: "6225881234567890", expiry: "2812", panSequenceNumber: "01",
                            track2Equivalent: "6225881234567890=28122011234500000",
                            applicationLabel: "UnionPay Debit")
/// Tracks that pass the reader's checks.
let testTracks = MagneticTracks(track1: "B6225881234567890^ZHANG/SAN^2812201", track2: "6225881234567890=28122011234500000")
