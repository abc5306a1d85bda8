/// Why a generic message is not a valid typed CUP message. Names fields, never their contents.
public enum MessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body did not unpack.
    case codec(CodecError)
    /// The message has another MTI than the typed message needs.
    case unexpectedMTI(expected: MTI, actual: MTI)
    /// A field the message type needs is absent.
    case missingField(Int)
    /// A field's content does not fit the message type (length, digits, layout, unknown code).
    case invalidField(Int)

    /// A one-line English description.
    public var description: String {
        switch self {
        case .codec(let error): error.description
        case let .unexpectedMTI(expected, actual): "expected MTI \(expected), got \(actual)"
        case .missingField(let field): "field \(field) is missing"
        case .invalidField(let field): "field \(field) has invalid content"
        }
    }
}

extension ISO8583Message {
    /// Throws unless the MTI is `expected`.
    func expect(_ expected: MTI) throws(MessageError) {
        guard mti == expected else { throw .unexpectedMTI(expected: expected, actual: mti) }
    }

    /// The bytes of a field that must be present.
    func required(_ field: Int) throws(MessageError) -> [UInt8] {
        guard let value = self[field] else { throw .missingField(field) }
        return value
    }

    /// The text of a field that must be present.
    func requiredText(_ field: Int) throws(MessageError) -> String {
        guard let text = text(field) else { throw .missingField(field) }
        return text
    }

    /// A fixed text field without its trailing space padding.
    func trimmedText(_ field: Int) -> String? {
        guard var value = bytes(field) else { return nil }
        while value.last == 0x20 { value.removeLast() }
        return String(decoding: value, as: UTF8.self)
    }

    /// A digit field that must be present, as a number.
    func requiredNumber(_ field: Int) throws(MessageError) -> Int {
        guard let value = bytes(field) else { throw .missingField(field) }
        guard let number = decimalValue(value) else { throw .invalidField(field) }
        return number
    }

    /// A digit field as a number, nil when absent; throws when present but not all digits.
    func optionalNumber(_ field: Int) throws(MessageError) -> Int? {
        guard let value = bytes(field) else { return nil }
        guard let number = decimalValue(value) else { throw .invalidField(field) }
        return number
    }

    /// Sets a digit field from a number, zero-padded to `width`.
    mutating func setNumber(_ field: Int, _ value: Int, width: Int) {
        setText(field, decimalDigits(value, width: width))
    }
}

/// The value of ASCII decimal digits (at most 18), nil when empty or not all digits.
func decimalValue(_ digits: ArraySlice<UInt8>) -> Int? {
    guard !digits.isEmpty, digits.count <= 18 else { return nil }
    var value = 0
    for character in digits {
        guard character &- 0x30 < 10 else { return nil }
        value = value * 10 + Int(character - 0x30)
    }
    return value
}

/// Whether `text` is exactly `count` ASCII decimal digits (any count when nil).
func isDigits(_ text: String, count: Int? = nil) -> Bool {
    let utf8 = text.utf8
    if let count, utf8.count != count { return false }
    return utf8.allSatisfy { $0 &- 0x30 < 10 }
}
