/// A generic ISO 8583 message: an MTI and the values of fields 2-128.
///
/// Values are stored as bytes: ASCII characters for `n`, `z` (with `=` as the track separator),
/// `an` and `ans` fields, raw bytes for `b` fields. The bitmap follows from which fields are set.
public struct ISO8583Message: Sendable, Hashable {
    /// The message type indicator.
    public var mti: MTI
    /// Field values indexed by field number (0 and 1 unused).
    private(set) var values: [[UInt8]?]
    /// Presence bits, field 1 in the most significant bit of `primary`, field 65 in `secondary`'s.
    private(set) var primary: UInt64 = 0
    private(set) var secondary: UInt64 = 0

    /// An empty message of the given type.
    public init(mti: MTI) {
        self.mti = mti
        self.values = Array(repeating: nil, count: 129)
    }

    /// The value of field `number` (2-128), or nil when absent. Setting nil removes the field.
    /// A field number outside 2-128 is a programming error.
    public subscript(number: Int) -> [UInt8]? {
        get { (2...128).contains(number) ? values[number] : nil }
        set {
            precondition((2...128).contains(number), "field number \(number) outside 2-128")
            values[number] = newValue
            let isSet = newValue != nil
            if number <= 64 {
                let bit = UInt64(1) << (64 - number)
                primary = isSet ? primary | bit : primary & ~bit
            } else {
                let bit = UInt64(1) << (128 - number)
                secondary = isSet ? secondary | bit : secondary & ~bit
            }
        }
    }

    /// The value of field `number` as text (ASCII/UTF-8 decoding of the stored bytes).
    public func text(_ number: Int) -> String? {
        self[number].map { String(decoding: $0, as: UTF8.self) }
    }

    /// Sets field `number` from text (its UTF-8 bytes); nil removes the field.
    public mutating func setText(_ number: Int, _ text: String?) {
        self[number] = text.map { Array($0.utf8) }
    }

    /// Whether field `number` is present.
    public func has(_ number: Int) -> Bool { self[number] != nil }

    /// The present field numbers in ascending order.
    public var fieldNumbers: [Int] {
        var numbers: [Int] = []
        var mask = primary & ~(UInt64(1) << 63)
        while mask != 0 {
            let zeros = mask.leadingZeroBitCount
            numbers.append(zeros + 1)
            mask &= ~(UInt64(1) << (63 - zeros))
        }
        mask = secondary
        while mask != 0 {
            let zeros = mask.leadingZeroBitCount
            numbers.append(zeros + 65)
            mask &= ~(UInt64(1) << (63 - zeros))
        }
        return numbers
    }

    /// Stores a decoded value without the range check (the decoder guarantees 2-128).
    mutating func store(_ number: Int, _ value: [UInt8]) {
        values[number] = value
        if number <= 64 {
            primary |= UInt64(1) << (64 - number)
        } else {
            secondary |= UInt64(1) << (128 - number)
        }
    }
}
