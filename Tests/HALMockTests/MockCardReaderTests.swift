import HAL
import HALMock
import Testing

@Suite struct MockCardReaderTests {
    /// A started reader without a scheduler (reads complete at once).
    func instantReader(modes: Set<CardEntryMode> = [.swipe, .insert, .tap]) -> (MockCardReader, EventLog) {
        let reader = MockCardReader(entryModes: modes)
        let log = EventLog()
        reader.start(events: log.sink)
        return (reader, log)
    }

    /// A started reader whose chip reads take 300 ms of virtual time.
    func timedReader() -> (MockCardReader, EventLog, ManualMockScheduler) {
        let scheduler = ManualMockScheduler()
        let reader = MockCardReader(scheduler: scheduler, readMilliseconds: 300)
        let log = EventLog()
        reader.start(events: log.sink)
        return (reader, log, scheduler)
    }

    @Test func swipeReadsTheTracks() throws {
        let (reader, log) = instantReader()
        #expect(reader.role == .cardReader)
        #expect(reader.entryModes == [.swipe, .insert, .tap])
        try reader.swipe(testTracks)
        #expect(log.take() == [.card(.swiped(testTracks))])
        #expect(reader.cardPresent == false)
    }

    @Test func swipeRejectsTracksAStripeCannotHold() {
        let (reader, log) = instantReader()
        let bad = [
            MagneticTracks(),
            MagneticTracks(track1: ""),
            MagneticTracks(track1: "B123%456"),
            MagneticTracks(track1: "lowercase"),
            MagneticTracks(track1: String(repeating: "A", count: 77)),
            MagneticTracks(track2: "6225A88"),
            MagneticTracks(track2: "6225;88"),
            MagneticTracks(track2: String(repeating: "1", count: 38)),
            MagneticTracks(track3: String(repeating: "1", count: 105)),
        ]
        for tracks in bad {
            #expect(controlErrorCode { () throws(MockControlError) in try reader.swipe(tracks) } == "bad_argument")
        }
        #expect(log.take().isEmpty)
    }

    @Test func insertReadsTheChipAndRemoveReportsRemoval() throws {
        let (reader, log) = instantReader()
        try reader.insert(testCard)
        #expect(reader.cardPresent)
        #expect(log.take() == [.card(.inserted(testCard))])
        #expect(controlErrorCode { () throws(MockControlError) in try reader.insert(testCard) } == "card_present")
        #expect(controlErrorCode { () throws(MockControlError) in try reader.swipe(testTracks) } == "card_present")
        try reader.remove()
        #expect(log.take() == [.card(.removed)])
        #expect(reader.cardPresent == false)
        #expect(controlErrorCode { () throws(MockControlError) in try reader.remove() } == "no_card")
    }

    @Test func insertRejectsMalformedChipRecords() {
        let (reader, _) = instantReader()
        let bad = [
            ChipCardData(pan: "1234567", expiry: "2812"),
            ChipCardData(pan: "12345678901234567890", expiry: "2812"),
            ChipCardData(pan: "62258812345678X0", expiry: "2812"),
            ChipCardData(pan: "6225881234567890", expiry: "2813"),
            ChipCardData(pan: "6225881234567890", expiry: "281"),
            ChipCardData(pan: "6225881234567890", expiry: "2800"),
            ChipCardData(pan: "6225881234567890", expiry: "2812", panSequenceNumber: "0001"),
            ChipCardData(pan: "6225881234567890", expiry: "2812", track2Equivalent: "6225^88"),
            ChipCardData(pan: "6225881234567890", expiry: "2812", applicationLabel: String(repeating: "L", count: 17)),
            ChipCardData(pan: "6225881234567890", expiry: "2812", cardholderName: ""),
            ChipCardData(pan: "6225881234567890", expiry: "2812", cardholderName: String(repeating: "N", count: 27)),
            ChipCardData(pan: "6225881234567890", expiry: "2812", applicationLabel: ""),
        ]
        for card in bad {
            #expect(controlErrorCode { () throws(MockControlError) in try reader.insert(card) } == "bad_argument")
        }
        #expect(reader.cardPresent == false)
    }

    @Test func tapNeedsTheFieldOnAndLeavesNoCardBehind() throws {
        let (reader, log) = instantReader()
        #expect(reader.isArmed == false)
        #expect(controlErrorCode { () throws(MockControlError) in try reader.tap(testCard) } == "field_off")
        try reader.setArmed(true)
        try reader.tap(testCard)
        #expect(log.take() == [.card(.tapped(testCard))])
        #expect(reader.cardPresent == false)
        #expect(controlErrorCode { () throws(MockControlError) in try reader.remove() } == "no_card")
    }

    @Test func refusesEntryModesTheReaderLacks() {
        let (reader, _) = instantReader(modes: [.insert])
        #expect(controlErrorCode { () throws(MockControlError) in try reader.swipe(testTracks) } == "not_supported")
        #expect(controlErrorCode { () throws(MockControlError) in try reader.tap(testCard) } == "not_supported")
        let (stripeOnly, _) = instantReader(modes: [.swipe])
        #expect(controlErrorCode { () throws(MockControlError) in try stripeOnly.insert(testCard) } == "not_supported")
    }

    @Test func unreadableFailsOnlyTheNextRead() throws {
        let (reader, log) = instantReader()
        try reader.setFault("unreadable", active: true)
        #expect(log.take().isEmpty)
        try reader.swipe(testTracks)
        #expect(reader.activeFaults.isEmpty)
        try reader.swipe(testTracks)
        #expect(log.take() == [.card(.readFailed(.unreadable)), .card(.swiped(testTracks))])
        try reader.setFault("unreadable", active: true)
        try reader.insert(testCard)
        #expect(log.take() == [.card(.readFailed(.unreadable))])
        #expect(reader.cardPresent)
        try reader.setFault("unreadable", active: true)
        try reader.setFault("unreadable", active: false)
        try reader.remove()
        #expect(log.take() == [.card(.removed)])
    }

    @Test func chipFailureFailsEveryChipReadAndLeavesTheStripeAsFallback() throws {
        let (reader, log) = instantReader()
        try reader.setFault("chip_failure", active: true)
        try reader.insert(testCard)
        try reader.remove()
        try reader.insert(testCard)
        try reader.remove()
        try reader.swipe(testTracks)
        try reader.setArmed(true)
        try reader.tap(testCard)
        #expect(log.take() == [
            .card(.readFailed(.chipFailure)), .card(.removed),
            .card(.readFailed(.chipFailure)), .card(.removed),
            .card(.swiped(testTracks)), .card(.tapped(testCard)),
        ])
        #expect(reader.activeFaults == ["chip_failure"])
        try reader.setFault("chip_failure", active: false)
        try reader.insert(testCard)
        #expect(log.take() == [.card(.inserted(testCard))])
    }

    @Test func collisionFailsTheNextTapOnly() throws {
        let (reader, log) = instantReader()
        try reader.setArmed(true)
        try reader.setFault("collision", active: true)
        try reader.insert(testCard)
        try reader.remove()
        try reader.tap(testCard)
        try reader.tap(testCard)
        #expect(log.take() == [.card(.inserted(testCard)), .card(.removed), .card(.readFailed(.collision)), .card(.tapped(testCard))])
        #expect(reader.activeFaults.isEmpty)
    }

    @Test func unpluggingWithACardInsidePostsRemovalThenStatus() throws {
        let (reader, log) = instantReader()
        try reader.setArmed(true)
        try reader.insert(testCard)
        _ = log.take()
        try reader.setFault("unplugged", active: true)
        #expect(log.take() == [.card(.removed), .status(.cardReader, .unplugged)])
        #expect(reader.cardPresent == false)
        #expect(controlErrorCode { () throws(MockControlError) in try reader.swipe(testTracks) } == "device_unplugged")
        #expect(controlErrorCode { () throws(MockControlError) in try reader.insert(testCard) } == "device_unplugged")
        #expect(controlErrorCode { () throws(MockControlError) in try reader.remove() } == "device_unplugged")
        #expect(halError { () throws(HALError) in try reader.setArmed(true) }?.kind == .disconnected)
        try reader.setFault("unplugged", active: false)
        #expect(log.take() == [.status(.cardReader, .ready)])
        // A reader plugged back in starts with its field off.
        #expect(reader.isArmed == false)
    }

    @Test func unpluggingAnEmptyReaderPostsOnlyStatus() throws {
        let (reader, log) = instantReader()
        try reader.setFault("unplugged", active: true)
        #expect(log.take() == [.status(.cardReader, .unplugged)])
        #expect(controlErrorCode { () throws(MockControlError) in try reader.setFault("paper_out", active: true) } == "unknown_fault")
    }

    @Test func chipReadsTakeTimeWithAScheduler() throws {
        let (reader, log, scheduler) = timedReader()
        try reader.insert(testCard)
        #expect(reader.cardPresent)
        scheduler.advance(byMilliseconds: 299)
        #expect(log.take().isEmpty)
        scheduler.advance(byMilliseconds: 1)
        #expect(log.take() == [.card(.inserted(testCard))])
        // A swipe needs no time.
        try reader.remove()
        try reader.swipe(testTracks)
        #expect(log.take() == [.card(.removed), .card(.swiped(testTracks))])
    }

    @Test func cardRemovedMidReadFailsTheReadThenReportsRemoval() throws {
        let (reader, log, scheduler) = timedReader()
        try reader.insert(testCard)
        scheduler.advance(byMilliseconds: 100)
        try reader.remove()
        #expect(log.take() == [.card(.readFailed(.removedEarly)), .card(.removed)])
        scheduler.advance(byMilliseconds: 1000)
        #expect(log.take().isEmpty)
        #expect(reader.cardPresent == false)
    }

    @Test func tappedCardLeavingTheFieldMidReadFailsTheRead() throws {
        let (reader, log, scheduler) = timedReader()
        try reader.setArmed(true)
        try reader.tap(testCard)
        #expect(reader.cardPresent)
        #expect(controlErrorCode { () throws(MockControlError) in try reader.tap(testCard) } == "card_present")
        try reader.remove()
        #expect(log.take() == [.card(.readFailed(.removedEarly))])
        scheduler.advance(byMilliseconds: 1000)
        #expect(log.take().isEmpty)
    }

    @Test func disarmingMidTapAbandonsTheReadSilently() throws {
        let (reader, log, scheduler) = timedReader()
        try reader.setArmed(true)
        try reader.tap(testCard)
        try reader.setArmed(false)
        scheduler.advance(byMilliseconds: 1000)
        #expect(log.take().isEmpty)
        #expect(reader.cardPresent == false)
    }

    @Test func unpluggingMidReadAbandonsIt() throws {
        let (reader, log, scheduler) = timedReader()
        try reader.insert(testCard)
        try reader.setFault("unplugged", active: true)
        scheduler.advance(byMilliseconds: 1000)
        #expect(log.take() == [.card(.removed), .status(.cardReader, .unplugged)])
    }

    @Test func aCardLeftInTheSlotIsReadAgainAtStart() throws {
        let (reader, log) = instantReader()
        try reader.setArmed(true)
        try reader.insert(testCard)
        reader.stop()
        #expect(reader.isArmed == false)
        #expect(log.take() == [.card(.inserted(testCard))])
        let second = EventLog()
        reader.start(events: second.sink)
        #expect(second.take() == [.card(.inserted(testCard))])
    }

    @Test func stopAbandonsAReadUnderWay() throws {
        let (reader, log, scheduler) = timedReader()
        try reader.insert(testCard)
        reader.stop()
        scheduler.advance(byMilliseconds: 1000)
        #expect(log.take().isEmpty)
        #expect(reader.cardPresent)
    }

    @Test func reportsUnpluggedAtStart() throws {
        let reader = MockCardReader()
        try reader.setFault("unplugged", active: true)
        let log = EventLog()
        reader.start(events: log.sink)
        #expect(log.take() == [.status(.cardReader, .unplugged)])
        #expect(reader.supportedFaults == ["unplugged", "unreadable", "chip_failure", "collision"])
    }
}
