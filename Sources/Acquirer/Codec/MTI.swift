/// A message type indicator: four decimal digits, packed BCD on the wire (`0200` -> `02 00`).
public struct MTI: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The four digits as a number, 0-9999 (`0200` is 200).
    public let code: Int

    /// An MTI from its numeric value; values outside 0-9999 are a programming error.
    public init(_ code: Int) {
        precondition((0...9999).contains(code), "MTI \(code) outside 0000-9999")
        self.code = code
    }

    /// Parses four ASCII digits (`"0200"`); nil for anything else.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 4, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        self.code = utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The response MTI for this request (`0200` -> `0210`); a response MTI is returned unchanged.
    public var response: MTI { isResponse ? self : MTI(code + 10) }

    /// True when the function digit (third) is odd: `0210`, `0410`, `0810`...
    public var isResponse: Bool { (code / 10) % 2 == 1 }

    /// The four digits, zero-padded.
    public var description: String { decimalDigits(code, width: 4) }

    /// Orders by numeric value.
    public static func < (lhs: MTI, rhs: MTI) -> Bool { lhs.code < rhs.code }
}

/// `value` as exactly `width` decimal digits, zero-padded on the left (extra high digits dropped).
func decimalDigits(_ value: Int, width: Int) -> String {
    var digits = [UInt8](repeating: 0x30, count: width)
    var rest = value < 0 ? 0 : value
    var index = width - 1
    while index >= 0 {
        digits[index] = UInt8(0x30 + rest % 10)
        rest /= 10
        index -= 1
    }
    return String(decoding: digits, as: UTF8.self)
}
