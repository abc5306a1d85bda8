/// The ISO 8583 data type of a field's content.
public enum FieldType: Sendable, Hashable {
    /// Decimal digits `0`-`9`, packed BCD on the wire.
    case n
    /// Track data: decimal digits and the separator `=` (sent as nibble `D`), packed BCD.
    case z
    /// Alphanumeric ASCII: letters, digits and space.
    case an
    /// Alphanumeric and special: printable ASCII, plus bytes above `0x7F` for host text (GB18030).
    case ans
    /// Raw bytes.
    case b

    /// Whether the content is packed two digits per byte.
    public var isPacked: Bool { self == .n || self == .z }
}

/// How a field's length is carried on the wire.
public enum LengthPrefix: Sendable, Hashable {
    /// No prefix: the field always has its defined length.
    case fixed
    /// One BCD byte (`00`-`99`).
    case llvar
    /// Two BCD bytes (`0000`-`0999`).
    case lllvar

    /// The prefix size in bytes.
    public var byteCount: Int {
        switch self {
        case .fixed: 0
        case .llvar: 1
        case .lllvar: 2
        }
    }

    /// The largest length the prefix can express.
    public var maximum: Int {
        switch self {
        case .fixed: Int.max
        case .llvar: 99
        case .lllvar: 999
        }
    }
}

/// Where an odd number of BCD digits puts its pad nibble (`0`).
public enum DigitAlignment: Sendable, Hashable {
    /// Pad nibble first (CUP fixed `n` fields).
    case right
    /// Pad nibble last (CUP variable `n`/`z` fields and field 22).
    case left
}

/// One field's definition: type, length rule and digit alignment. Specs are data, not code.
public struct FieldSpec: Sendable, Hashable {
    /// Field number, 2-128.
    public let number: Int
    /// Human-readable name, for documents and pretty printers.
    public let name: String
    /// Content type.
    public let type: FieldType
    /// Length rule.
    public let prefix: LengthPrefix
    /// Exact length for fixed fields, maximum for variable ones. Counted in digits for `n`/`z`,
    /// in bytes for `an`/`ans`/`b` (the CUP prefix unit).
    public let length: Int
    /// BCD alignment for odd digit counts; ignored for non-packed types.
    public let alignment: DigitAlignment

    /// Defines a field. A definition that cannot be encoded (length below 1, a maximum the prefix
    /// cannot express, a field number outside 2-128) is a programming error and stops the program.
    public init(_ number: Int, _ name: String, _ type: FieldType, _ prefix: LengthPrefix, _ length: Int,
                alignment: DigitAlignment? = nil) {
        precondition((2...128).contains(number), "field number \(number) outside 2-128")
        precondition(length >= 1 && length <= prefix.maximum, "field \(number): length \(length) not encodable")
        self.number = number
        self.name = name
        self.type = type
        self.prefix = prefix
        self.length = length
        // CUP: fixed numeric fields are right-aligned, variable ones left-aligned.
        self.alignment = alignment ?? (prefix == .fixed ? .right : .left)
    }
}
