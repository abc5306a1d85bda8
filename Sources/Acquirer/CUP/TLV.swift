/// One BER-TLV data object, as acquirers use inside field 62 (QR codes) and field 55 (ICC data).
public struct TLV: Sendable, Hashable {
    /// The tag: one byte, or two when the first byte's low five bits are all set (`5F01`).
    public var tag: UInt16
    /// The value bytes.
    public var value: [UInt8]

    /// A data object from its parts.
    public init(tag: UInt16, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// Parses a sequence of data objects filling `bytes` exactly. Lengths use the short form
    /// (< 128) or `81 xx` / `82 xx xx`. Anything malformed throws `.invalidField(field)`.
    public static func parse(_ bytes: [UInt8], field: Int) throws(MessageError) -> [TLV] {
        var objects: [TLV] = []
        var index = 0
        while index < bytes.count {
            var tag = UInt16(bytes[index])
            index += 1
            if tag & 0x1F == 0x1F {
                guard index < bytes.count, bytes[index] & 0x80 == 0 else { throw .invalidField(field) }
                tag = tag << 8 | UInt16(bytes[index])
                index += 1
            }
            guard index < bytes.count else { throw .invalidField(field) }
            var length = Int(bytes[index])
            index += 1
            if length & 0x80 != 0 {
                let lengthBytes = length & 0x7F
                guard (1...2).contains(lengthBytes), bytes.count - index >= lengthBytes else { throw .invalidField(field) }
                length = 0
                for _ in 0..<lengthBytes {
                    length = length << 8 | Int(bytes[index])
                    index += 1
                }
            }
            guard bytes.count - index >= length else { throw .invalidField(field) }
            objects.append(TLV(tag: tag, value: Array(bytes[index..<(index + length)])))
            index += length
        }
        return objects
    }

    /// The encoded data object.
    public var bytes: [UInt8] {
        var out: [UInt8] = tag > 0xFF ? [UInt8(tag >> 8), UInt8(tag & 0xFF)] : [UInt8(tag)]
        switch value.count {
        case ..<0x80: out.append(UInt8(value.count))
        case ..<0x100: out += [0x81, UInt8(value.count)]
        default: out += [0x82, UInt8(value.count >> 8 & 0xFF), UInt8(value.count & 0xFF)]
        }
        return out + value
    }

    /// Encodes a sequence of data objects.
    public static func encode(_ objects: [TLV]) -> [UInt8] {
        objects.flatMap(\.bytes)
    }
}
