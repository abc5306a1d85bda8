/// Receives the cost of every flash operation as simulated time. Tests and the firmware's
/// virtual clock implement it; nothing in the journal ever sleeps.
public protocol FlashClock: AnyObject {
    /// Advances simulated time by `nanoseconds`.
    func advance(nanoseconds: UInt64)
}

/// A plain counter of simulated nanoseconds, for tests and benchmarks.
public final class ManualFlashClock: FlashClock {
    /// Simulated nanoseconds charged so far.
    public private(set) var nanoseconds: UInt64 = 0

    /// Creates a clock at zero.
    public init() {}

    /// Adds `nanoseconds` to the total.
    public func advance(nanoseconds: UInt64) {
        self.nanoseconds &+= nanoseconds
    }
}

/// Operation durations of a flash part, charged to a ``FlashClock``.
public struct FlashTimingProfile: Sendable, Hashable {
    /// Cost of reading one byte (serial clocking).
    public var readNanosecondsPerByte: UInt64
    /// Fixed cost of one program command.
    public var programSetupNanoseconds: UInt64
    /// Additional cost per programmed byte.
    public var programNanosecondsPerByte: UInt64
    /// Cost of one sector erase.
    public var sectorEraseNanoseconds: UInt64

    /// Creates a profile from explicit durations.
    public init(readNanosecondsPerByte: UInt64, programSetupNanoseconds: UInt64,
                programNanosecondsPerByte: UInt64, sectorEraseNanoseconds: UInt64) {
        self.readNanosecondsPerByte = readNanosecondsPerByte
        self.programSetupNanoseconds = programSetupNanoseconds
        self.programNanosecondsPerByte = programNanosecondsPerByte
        self.sectorEraseNanoseconds = sectorEraseNanoseconds
    }

    /// W25Q128JV typical values: 50 MHz single-bit reads (160 ns/byte), a 256 B page program in
    /// about 0.4 ms, a 4 KiB sector erase in 45 ms.
    public static let w25q128Typical = FlashTimingProfile(
        readNanosecondsPerByte: 160, programSetupNanoseconds: 30_000,
        programNanosecondsPerByte: 1_450, sectorEraseNanoseconds: 45_000_000)

    /// W25Q128JV maximum values: 3 ms page program, 400 ms sector erase.
    public static let w25q128Maximum = FlashTimingProfile(
        readNanosecondsPerByte: 160, programSetupNanoseconds: 50_000,
        programNanosecondsPerByte: 11_500, sectorEraseNanoseconds: 400_000_000)

    /// Nanoseconds one read of `count` bytes costs.
    public func readCost(_ count: Int) -> UInt64 { readNanosecondsPerByte &* UInt64(count) }
    /// Nanoseconds one program of `count` bytes costs.
    public func programCost(_ count: Int) -> UInt64 {
        programSetupNanoseconds &+ programNanosecondsPerByte &* UInt64(count)
    }
}
