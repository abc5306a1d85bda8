@testable import Security

/// Hex test-vector text to bytes; a malformed vector is a bug in the test itself.
func h(_ text: String) -> [UInt8] {
    let compact = text.filter { !$0.isWhitespace }
    guard let bytes = Hex.decode(compact) else { preconditionFailure("bad hex in a test vector: \(text)") }
    return bytes
}

/// Bytes to uppercase hex for readable expectations.
func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

/// A key from hex test-vector text.
func key(_ text: String) -> SecretKey { SecretKey(h(text)) }

/// PIN digits from a string such as "1234".
func digits(_ text: String) -> [UInt8] { text.utf8.map { $0 - UInt8(ascii: "0") } }
