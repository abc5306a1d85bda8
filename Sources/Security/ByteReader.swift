/// Reads a sealed key-store image front to back; every overrun is a typed error, never a trap.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(SecurityError) -> UInt8 {
        guard offset < bytes.count else { throw .malformedSealedData(reason: "truncated at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: Int) throws(SecurityError) -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else {
            throw .malformedSealedData(reason: "truncated at byte \(offset): \(count) more bytes expected")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint16() throws(SecurityError) -> Int {
        let two = try take(2)
        return Int(two[0]) << 8 | Int(two[1])
    }

    mutating func uint32() throws(SecurityError) -> UInt32 {
        try take(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
}

/// Appends big-endian integers and length-prefixed blobs to a key-store image.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func append(_ data: [UInt8]) { bytes += data }
    mutating func uint16(_ value: Int) { bytes += [UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
    mutating func uint32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
    mutating func blob(_ data: [UInt8]) {
        uint16(data.count)
        append(data)
    }
}
