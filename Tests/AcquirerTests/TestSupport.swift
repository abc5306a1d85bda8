@testable import Acquirer

/// A test input that is not valid hex.
struct BadHex: Error {}

/// Bytes from a hex string (spaces ignored).
func hexBytes(_ text: String) throws -> [UInt8] {
    let digits = Array(text.utf8.filter { $0 != 0x20 })
    guard digits.count % 2 == 0 else { throw BadHex() }
    var bytes: [UInt8] = []
    var index = 0
    while index < digits.count {
        guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { throw BadHex() }
        bytes.append(high << 4 | low)
        index += 2
    }
    return bytes
}

private func hexValue(_ character: UInt8) -> UInt8? {
    switch character {
    case 0x30...0x39: character - 0x30
    case 0x41...0x46: character - 0x37
    case 0x61...0x66: character - 0x57
    default: nil
    }
}

/// Upper-case hex of bytes.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}
