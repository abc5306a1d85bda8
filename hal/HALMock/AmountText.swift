/// Formats an amount in minor units for a device's own small screen (the PIN pad).
enum AmountText {
    /// ISO 4217 numeric code → (alphabetic code, minor-unit digits), for the currencies a
    /// terminal in the region meets; others show as `ISO <numeric>` with two minor digits.
    private static let currencies: [UInt16: (String, Int)] = [
        156: ("CNY", 2), 344: ("HKD", 2), 446: ("MOP", 2), 392: ("JPY", 0), 410: ("KRW", 0),
        840: ("USD", 2), 978: ("EUR", 2), 826: ("GBP", 2), 702: ("SGD", 2), 901: ("TWD", 2),
    ]

    /// `"CNY 12.34"` for 1234 fen (amounts reaching here are never negative).
    static func format(minor: Int64, currency: UInt16) -> String {
        let (code, exponent) = currencies[currency] ?? ("ISO \(currency)", 2)
        let magnitude = minor.magnitude
        guard exponent > 0 else { return "\(code) \(magnitude)" }
        var scale: UInt64 = 1
        for _ in 0..<exponent { scale *= 10 }
        let fraction = String(magnitude % scale)
        let padded = String(repeating: "0", count: exponent - fraction.count) + fraction
        return "\(code) \(magnitude / scale).\(padded)"
    }
}
