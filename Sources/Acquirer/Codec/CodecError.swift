/// Why a message could not be packed or unpacked. Errors name the field and the byte offset
/// (from the start of the MTI) and never carry field contents, so they are safe to log.
public enum CodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input is shorter than MTI + primary bitmap.
    case messageTooShort(length: Int, minimum: Int)
    /// A nibble that is not a decimal digit (or `=` in track data), or a non-zero pad nibble.
    /// Field 0 is the MTI; for prefixes the offset is the prefix's.
    case invalidDigit(field: Int, offset: Int)
    /// A byte outside the field type's character set (`an`, `ans`).
    case invalidCharacter(field: Int, offset: Int)
    /// A length prefix above the field's maximum.
    case lengthOverMaximum(field: Int, offset: Int, length: Int, maximum: Int)
    /// The input ends inside a field (or inside the secondary bitmap, field 1).
    case truncatedField(field: Int, offset: Int, needed: Int, available: Int)
    /// Bytes left after the last field the bitmap announces.
    case trailingBytes(offset: Int, count: Int)
    /// The bitmap announces a field the spec does not define.
    case undefinedField(field: Int, offset: Int)
    /// A field the spec requires for this MTI is absent; the offset is the primary bitmap's.
    case missingMandatoryField(field: Int, mti: MTI, offset: Int)
    /// Packing: a value of the wrong length for a fixed field or too long for a variable one.
    /// Lengths are in the field's unit (digits or bytes).
    case valueLength(field: Int, length: Int, allowed: ClosedRange<Int>)
    /// Packing: a character the field type does not allow, at `index` within the value.
    case invalidValue(field: Int, index: Int)
    /// Packing: the field is not defined by the spec.
    case undefinedValueField(field: Int)

    /// The field the error is about (0 = MTI, 1 = bitmaps), when there is one.
    public var field: Int? {
        switch self {
        case .messageTooShort, .trailingBytes: nil
        case .invalidDigit(let field, _), .invalidCharacter(let field, _),
             .lengthOverMaximum(let field, _, _, _), .truncatedField(let field, _, _, _),
             .undefinedField(let field, _), .missingMandatoryField(let field, _, _),
             .valueLength(let field, _, _), .invalidValue(let field, _), .undefinedValueField(let field):
            field
        }
    }

    /// A one-line English description without field contents.
    public var description: String {
        switch self {
        case let .messageTooShort(length, minimum):
            "message of \(length) bytes is shorter than MTI + bitmap (\(minimum))"
        case let .invalidDigit(field, offset):
            "field \(field): invalid BCD nibble at byte \(offset)"
        case let .invalidCharacter(field, offset):
            "field \(field): invalid character at byte \(offset)"
        case let .lengthOverMaximum(field, offset, length, maximum):
            "field \(field): length \(length) at byte \(offset) is over the maximum \(maximum)"
        case let .truncatedField(field, offset, needed, available):
            "field \(field): truncated at byte \(offset), needs \(needed) bytes, \(available) left"
        case let .trailingBytes(offset, count):
            "\(count) trailing bytes at byte \(offset)"
        case let .undefinedField(field, offset):
            "field \(field): present at byte \(offset) but not defined by the spec"
        case let .missingMandatoryField(field, mti, offset):
            "field \(field): mandatory in \(mti) but absent from the bitmap at byte \(offset)"
        case let .valueLength(field, length, allowed):
            "field \(field): value length \(length) outside \(allowed.lowerBound)-\(allowed.upperBound)"
        case let .invalidValue(field, index):
            "field \(field): invalid character at value index \(index)"
        case let .undefinedValueField(field):
            "field \(field): not defined by the spec"
        }
    }
}
