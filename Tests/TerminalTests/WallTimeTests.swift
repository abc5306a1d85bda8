import Testing
@testable import Terminal

@Suite struct WallTimeTests {
    @Test func civilFieldsAtChinaOffset() {
        // 2026-11-21T13:30:05Z is 21:30:05 in Beijing.
        let t = WallTime(millisecondsSinceEpoch: 1_795_267_805_000)
        let c = t.civil(utcOffsetMinutes: 480)
        #expect(c.dateString == "2026-11-21")
        #expect(c.timeWithSecondsString == "21:30:05")
    }

    @Test func civilFieldsBeforeEpochAndLeapDay() {
        #expect(WallTime(millisecondsSinceEpoch: -1).civil(utcOffsetMinutes: 0).dateString == "1969-12-31")
        // 2024-02-29T00:00:00Z
        #expect(WallTime(millisecondsSinceEpoch: 1_709_164_800_000).civil(utcOffsetMinutes: 0).dateString == "2024-02-29")
    }
}
