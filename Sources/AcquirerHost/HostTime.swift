import Foundation

/// Calendar arithmetic for the hot path: the civil date and time of an instant, without
/// Foundation's calendar or formatters (both cost more than deciding a whole authorisation).
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int

    /// The civil time of `date` shifted by `offsetSeconds` (0 for UTC).
    init(_ date: Date, offsetSeconds: Int) {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) + offsetSeconds * 1000
        let (days, dayMilliseconds) = Self.floorDivide(totalMilliseconds, 86_400_000)
        millisecond = dayMilliseconds % 1000
        let seconds = dayMilliseconds / 1000
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
        // Days since 1970-01-01 to year, month, day (H. Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> (Int, Int) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    /// `2026-05-28T20:26:40.000Z` (call on a UTC civil time).
    var iso8601: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":"
            + pad(second, 2) + "." + pad(millisecond, 3) + "Z"
    }
}

/// `value` as `width` decimal digits, zero-padded (high digits beyond `width` dropped).
func pad(_ value: Int, _ width: Int) -> String {
    var digits = [UInt8](repeating: 0x30, count: width)
    var rest = max(0, value)
    var index = width - 1
    while index >= 0 {
        digits[index] = UInt8(0x30 + rest % 10)
        rest /= 10
        index -= 1
    }
    return String(decoding: digits, as: UTF8.self)
}
