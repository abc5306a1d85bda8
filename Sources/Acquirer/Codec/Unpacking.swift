extension MessageSpec {
    /// Bytes every message needs: MTI (2) + primary bitmap (8).
    public static let minimumMessageLength = 10

    /// Unpacks a message body (MTI, bitmaps, fields), validating every byte: digits, character
    /// sets, lengths, truncation, trailing bytes, undefined and missing mandatory fields.
    public func unpack(_ bytes: [UInt8]) throws(CodecError) -> ISO8583Message {
        try unpack(bytes[...])
    }

    /// Unpacks a message body held in a slice; error offsets count from the slice's start.
    public func unpack(_ bytes: ArraySlice<UInt8>) throws(CodecError) -> ISO8583Message {
        let start = bytes.startIndex
        let end = bytes.endIndex
        guard bytes.count >= Self.minimumMessageLength else {
            throw .messageTooShort(length: bytes.count, minimum: Self.minimumMessageLength)
        }
        var code = 0
        for index in 0..<4 {
            let byte = bytes[start + index / 2]
            let digit = index & 1 == 0 ? byte >> 4 : byte & 0x0F
            guard digit < 10 else { throw .invalidDigit(field: 0, offset: index / 2) }
            code = code * 10 + Int(digit)
        }
        let mti = MTI(code)
        let primary = readBigEndian(bytes, at: start + 2)
        var position = start + 10
        var secondary: UInt64 = 0
        if primary & (UInt64(1) << 63) != 0 {
            guard end - position >= 8 else {
                throw .truncatedField(field: 1, offset: position - start, needed: 8, available: end - position)
            }
            secondary = readBigEndian(bytes, at: position)
            position += 8
        }
        var message = ISO8583Message(mti: mti)
        try unpackFields(bytes, mask: primary & ~(UInt64(1) << 63), base: 0, position: &position, into: &message)
        try unpackFields(bytes, mask: secondary, base: 64, position: &position, into: &message)
        guard position == end else { throw .trailingBytes(offset: position - start, count: end - position) }
        if let required = mandatoryMasks[mti] {
            let missingPrimary = required.0 & ~primary
            let missingSecondary = required.1 & ~secondary
            if missingPrimary != 0 {
                throw .missingMandatoryField(field: missingPrimary.leadingZeroBitCount + 1, mti: mti, offset: 2)
            }
            if missingSecondary != 0 {
                throw .missingMandatoryField(field: missingSecondary.leadingZeroBitCount + 65, mti: mti, offset: 2)
            }
        }
        return message
    }

    private func unpackFields(_ bytes: ArraySlice<UInt8>, mask: UInt64, base: Int, position: inout Int,
                              into message: inout ISO8583Message) throws(CodecError) {
        var rest = mask
        while rest != 0 {
            let zeros = rest.leadingZeroBitCount
            rest &= ~(UInt64(1) << (63 - zeros))
            let number = base + zeros + 1
            guard let spec = definitions[number] else {
                throw .undefinedField(field: number, offset: position - bytes.startIndex)
            }
            message.store(number, try decode(spec, from: bytes, position: &position))
        }
    }

    private func decode(_ spec: FieldSpec, from bytes: ArraySlice<UInt8>,
                        position: inout Int) throws(CodecError) -> [UInt8] {
        let start = bytes.startIndex
        let end = bytes.endIndex
        let fieldOffset = position - start
        var count = spec.length
        if spec.prefix != .fixed {
            let prefixBytes = spec.prefix.byteCount
            guard end - position >= prefixBytes else {
                throw .truncatedField(field: spec.number, offset: fieldOffset, needed: prefixBytes,
                                      available: end - position)
            }
            count = 0
            for index in 0..<prefixBytes {
                let byte = bytes[position + index]
                guard byte >> 4 < 10, byte & 0x0F < 10 else {
                    throw .invalidDigit(field: spec.number, offset: fieldOffset + index)
                }
                count = count * 100 + Int(byte >> 4) * 10 + Int(byte & 0x0F)
            }
            guard count <= spec.length else {
                throw .lengthOverMaximum(field: spec.number, offset: fieldOffset, length: count, maximum: spec.length)
            }
            position += prefixBytes
        }
        let byteCount = spec.contentByteCount(count)
        guard end - position >= byteCount else {
            throw .truncatedField(field: spec.number, offset: position - start, needed: byteCount,
                                  available: end - position)
        }
        defer { position += byteCount }
        switch spec.type {
        case .n, .z:
            return try unpackDigits(spec, count: count, from: bytes, at: position)
        case .an, .ans:
            for index in position..<(position + byteCount) where !isAllowed(bytes[index], in: spec.type) {
                throw .invalidCharacter(field: spec.number, offset: index - start)
            }
            return Array(bytes[position..<(position + byteCount)])
        case .b:
            return Array(bytes[position..<(position + byteCount)])
        }
    }

    private func unpackDigits(_ spec: FieldSpec, count: Int, from bytes: ArraySlice<UInt8>,
                              at position: Int) throws(CodecError) -> [UInt8] {
        let odd = count & 1 == 1
        let firstNibble = odd && spec.alignment == .right ? 1 : 0
        let nibbleEnd = firstNibble + count
        // The pad nibble of an odd count must be zero.
        if odd {
            let padIndex = firstNibble == 1 ? position : position + count / 2
            let pad = firstNibble == 1 ? bytes[padIndex] >> 4 : bytes[padIndex] & 0x0F
            guard pad == 0 else { throw .invalidDigit(field: spec.number, offset: padIndex - bytes.startIndex) }
        }
        let allowsSeparator = spec.type == .z
        var badOffset = -1
        let value = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var nibbleIndex = firstNibble
            while nibbleIndex < nibbleEnd {
                let byte = bytes[position + nibbleIndex >> 1]
                let nibble = nibbleIndex & 1 == 0 ? byte >> 4 : byte & 0x0F
                if nibble < 10 {
                    buffer[nibbleIndex - firstNibble] = 0x30 | nibble
                } else if allowsSeparator && nibble == 0x0D {
                    buffer[nibbleIndex - firstNibble] = 0x3D
                } else {
                    badOffset = position + nibbleIndex >> 1 - bytes.startIndex
                    break
                }
                nibbleIndex += 1
            }
            initialized = nibbleIndex - firstNibble
        }
        guard badOffset < 0 else { throw .invalidDigit(field: spec.number, offset: badOffset) }
        return value
    }
}

@inline(__always)
func readBigEndian(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt64 {
    var value: UInt64 = 0
    for offset in 0..<8 { value = value << 8 | UInt64(bytes[index + offset]) }
    return value
}
