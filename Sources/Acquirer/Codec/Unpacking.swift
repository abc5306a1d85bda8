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
        try bytes.withUnsafeBufferPointer { (input) throws(CodecError) -> ISO8583Message in try unpack(input) }
    }

    // The decoder reads and writes through buffer pointers: every read is preceded by an explicit
    // length check against the input, and every write stays within twice the bytes consumed
    // (a BCD byte becomes two characters), which is the output buffer's capacity. Debug builds,
    // where the fuzz tests run, bounds-check each access as well.
    private func unpack(_ input: UnsafeBufferPointer<UInt8>) throws(CodecError) -> ISO8583Message {
        let end = input.count
        guard end >= Self.minimumMessageLength else {
            throw .messageTooShort(length: end, minimum: Self.minimumMessageLength)
        }
        var code = 0
        for index in 0..<4 {
            let byte = input[index / 2]
            let digit = index & 1 == 0 ? byte >> 4 : byte & 0x0F
            guard digit < 10 else { throw .invalidDigit(field: 0, offset: index / 2) }
            code = code * 10 + Int(digit)
        }
        let mti = MTI(code)
        let bitmapBit = UInt64(1) << 63
        let primary = readBigEndian(input, at: 2)
        var position = 10
        var secondary: UInt64 = 0
        if primary & bitmapBit != 0 {
            guard end - position >= 8 else {
                throw .truncatedField(field: 1, offset: position, needed: 8, available: end - position)
            }
            secondary = readBigEndian(input, at: position)
            position += 8
        }
        var slots: [ISO8583Message.Slot] = []
        slots.reserveCapacity((primary & ~bitmapBit).nonzeroBitCount + secondary.nonzeroBitCount)
        var failure: CodecError?
        let storage = [UInt8](unsafeUninitializedCapacity: (end - position) * 2) { output, written in
            do throws(CodecError) {
                try unpackFields(input, mask: primary & ~bitmapBit, base: 0, position: &position,
                                 output: output, written: &written, slots: &slots)
                try unpackFields(input, mask: secondary, base: 64, position: &position,
                                 output: output, written: &written, slots: &slots)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard position == end else { throw .trailingBytes(offset: position, count: end - position) }
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
        return ISO8583Message(mti: mti, storage: storage, slots: slots, primary: primary & ~bitmapBit,
                              secondary: secondary)
    }

    private func unpackFields(_ input: UnsafeBufferPointer<UInt8>, mask: UInt64, base: Int, position: inout Int,
                              output: UnsafeMutableBufferPointer<UInt8>, written: inout Int,
                              slots: inout [ISO8583Message.Slot]) throws(CodecError) {
        var rest = mask
        while rest != 0 {
            let zeros = rest.leadingZeroBitCount
            rest &= ~(UInt64(1) << (63 - zeros))
            let number = base + zeros + 1
            guard let layout = layouts[number] else { throw .undefinedField(field: number, offset: position) }
            let start = written
            try decode(layout, from: input, position: &position, output: output, written: &written)
            slots.append(ISO8583Message.Slot(start: start, count: written - start))
        }
    }

    private func decode(_ layout: FieldLayout, from input: UnsafeBufferPointer<UInt8>, position: inout Int,
                        output: UnsafeMutableBufferPointer<UInt8>, written: inout Int) throws(CodecError) {
        let end = input.count
        let fieldOffset = position
        var count = layout.length
        if layout.prefix != .fixed {
            let prefixBytes = layout.prefix.byteCount
            guard end - position >= prefixBytes else {
                throw .truncatedField(field: layout.number, offset: fieldOffset, needed: prefixBytes,
                                      available: end - position)
            }
            count = 0
            for index in 0..<prefixBytes {
                let byte = input[position + index]
                guard byte >> 4 < 10, byte & 0x0F < 10 else {
                    throw .invalidDigit(field: layout.number, offset: fieldOffset + index)
                }
                count = count * 100 + Int(byte >> 4) * 10 + Int(byte & 0x0F)
            }
            guard count <= layout.length else {
                throw .lengthOverMaximum(field: layout.number, offset: fieldOffset, length: count,
                                         maximum: layout.length)
            }
            position += prefixBytes
        }
        let byteCount = layout.contentByteCount(count)
        guard end - position >= byteCount else {
            throw .truncatedField(field: layout.number, offset: position, needed: byteCount, available: end - position)
        }
        switch layout.type {
        case .n, .z:
            try unpackDigits(layout, count: count, from: input, at: position, output: output, written: &written)
        case .an, .ans:
            for index in position..<(position + byteCount) {
                let byte = input[index]
                guard isAllowed(byte, in: layout.type) else {
                    throw .invalidCharacter(field: layout.number, offset: index)
                }
                output[written] = byte
                written += 1
            }
        case .b:
            for index in position..<(position + byteCount) {
                output[written] = input[index]
                written += 1
            }
        }
        position += byteCount
    }

    private func unpackDigits(_ layout: FieldLayout, count: Int, from input: UnsafeBufferPointer<UInt8>,
                              at position: Int, output: UnsafeMutableBufferPointer<UInt8>,
                              written: inout Int) throws(CodecError) {
        let odd = count & 1 == 1
        let firstNibble = odd && layout.alignment == .right ? 1 : 0
        let nibbleEnd = firstNibble + count
        // The pad nibble of an odd count must be zero.
        if odd {
            let padIndex = firstNibble == 1 ? position : position + count / 2
            let pad = firstNibble == 1 ? input[padIndex] >> 4 : input[padIndex] & 0x0F
            guard pad == 0 else { throw .invalidDigit(field: layout.number, offset: padIndex) }
        }
        let allowsSeparator = layout.type == .z
        var nibbleIndex = firstNibble
        while nibbleIndex < nibbleEnd {
            let byte = input[position + nibbleIndex >> 1]
            let nibble = nibbleIndex & 1 == 0 ? byte >> 4 : byte & 0x0F
            if nibble < 10 {
                output[written] = 0x30 | nibble
            } else if allowsSeparator && nibble == 0x0D {
                output[written] = 0x3D
            } else {
                throw .invalidDigit(field: layout.number, offset: position + nibbleIndex >> 1)
            }
            written += 1
            nibbleIndex += 1
        }
    }
}

@inline(__always)
func readBigEndian(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
    var value: UInt64 = 0
    for offset in 0..<8 { value = value << 8 | UInt64(bytes[index + offset]) }
    return value
}
