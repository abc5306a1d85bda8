/// A wall-clock instant as the firmware's clock stamps it onto every event.
///
/// The terminal never reads a clock: it only sees the times its events carry. Calendar fields
/// are computed here (proleptic Gregorian, no Foundation) for a fixed UTC offset.
public struct WallTime: Sendable, Hashable, Comparable, Codable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// Creates an instant.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Orders instants in time.
    public static func < (lhs: WallTime, rhs: WallTime) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// This instant `milliseconds` later.
    public func adding(milliseconds: Int64) -> WallTime {
        WallTime(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// Calendar fields of this instant at `utcOffsetMinutes` from UTC (China: +480).
    public func civil(utcOffsetMinutes: Int) -> CivilTime {
        let localMs = millisecondsSinceEpoch + Int64(utcOffsetMinutes) * 60_000
        let (days, msOfDay) = localMs.floorDivided(by: 86_400_000)
        // Howard Hinnant's days-from-civil inverse, in integer arithmetic.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let seconds = msOfDay / 1000
        return CivilTime(year: Int(year), month: Int(month), day: Int(day),
                         hour: Int(seconds / 3600), minute: Int(seconds / 60 % 60), second: Int(seconds % 60))
    }
}

/// Calendar and clock fields of a `WallTime` in some time zone.
public struct CivilTime: Sendable, Hashable {
    /// Year, e.g. 2026.
    public var year: Int
    /// Month, 1…12.
    public var month: Int
    /// Day of month, 1…31.
    public var day: Int
    /// Hour, 0…23.
    public var hour: Int
    /// Minute, 0…59.
    public var minute: Int
    /// Second, 0…59.
    public var second: Int

    /// Creates calendar fields.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// `YYYY-MM-DD`.
    public var dateString: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }
    /// `HH:MM`.
    public var timeString: String { "\(Self.two(hour)):\(Self.two(minute))" }
    /// `HH:MM:SS`.
    public var timeWithSecondsString: String { "\(timeString):\(Self.two(second))" }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Int64 {
    /// Floor division and the matching non-negative remainder.
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = self / divisor
        let r = self % divisor
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
