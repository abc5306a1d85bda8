extension MessageSpec {
    /// Packs a message body (MTI, bitmaps, fields) per this spec, validating every value.
    public func pack(_ message: ISO8583Message) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        try pack(message, into: &out)
        return out
    }

    /// Appends a packed message body to `out`; on error `out` is left as it was.
    public func pack(_ message: ISO8583Message, into out: inout [UInt8]) throws(CodecError) {
        // Size bound: MTI + two bitmaps, and per field a prefix (at most 2 bytes) plus its value
        // or its fixed length, whichever is larger (BCD halves digits; text pads to the length).
        var bound = 18
        var checked = 0
        for (mask, base) in [(message.primary, 0), (message.secondary, 64)] {
            var rest = mask
            while rest != 0 {
                let zeros = rest.leadingZeroBitCount
                rest &= ~(UInt64(1) << (63 - zeros))
                guard let layout = layouts[base + zeros + 1] else { throw .undefinedValueField(field: base + zeros + 1) }
                bound += 2 + max(message.slots[checked].count, layout.length)
                checked += 1
            }
        }
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: bound))
        var written = base
        do throws(CodecError) {
            try out.withUnsafeMutableBufferPointer { (output) throws(CodecError) in
                try message.storage.withUnsafeBufferPointer { (storage) throws(CodecError) in
                    try packBody(message, storage: storage, output: output, written: &written)
                }
            }
        } catch {
            out.removeSubrange(base...)
            throw error
        }
        out.removeSubrange(written...)
    }

    // Writes go through a buffer pointer sized by the bound computed above; debug builds
    // bounds-check each access as well.
    private func packBody(_ message: ISO8583Message, storage: UnsafeBufferPointer<UInt8>,
                          output: UnsafeMutableBufferPointer<UInt8>, written: inout Int) throws(CodecError) {
        let mti = message.mti.code
        output[written] = UInt8((mti / 1000) << 4 | (mti / 100 % 10))
        output[written + 1] = UInt8((mti / 10 % 10) << 4 | (mti % 10))
        written += 2
        let hasSecondary = message.secondary != 0
        writeBigEndian(message.primary | (hasSecondary ? UInt64(1) << 63 : 0), to: output, at: &written)
        if hasSecondary { writeBigEndian(message.secondary, to: output, at: &written) }
        var slotIndex = 0
        for (mask, base) in [(message.primary, 0), (message.secondary, 64)] {
            var rest = mask
            while rest != 0 {
                let zeros = rest.leadingZeroBitCount
                rest &= ~(UInt64(1) << (63 - zeros))
                let number = base + zeros + 1
                guard let layout = layouts[number] else { throw .undefinedValueField(field: number) }
                let slot = message.slots[slotIndex]
                slotIndex += 1
                try encode(UnsafeBufferPointer(rebasing: storage[slot.start..<(slot.start + slot.count)]),
                           as: layout, into: output, written: &written)
            }
        }
    }

    private func encode(_ value: UnsafeBufferPointer<UInt8>, as layout: FieldLayout,
                        into output: UnsafeMutableBufferPointer<UInt8>, written: inout Int) throws(CodecError) {
        let count = value.count
        let isText = layout.type == .an || layout.type == .ans
        if layout.prefix == .fixed {
            // Fixed text fields are space-padded; every other fixed field must be exact.
            let allowed = isText ? 0...layout.length : layout.length...layout.length
            guard allowed.contains(count) else {
                throw .valueLength(field: layout.number, length: count, allowed: allowed)
            }
        } else {
            guard count <= layout.length else {
                throw .valueLength(field: layout.number, length: count, allowed: 0...layout.length)
            }
            if layout.prefix == .lllvar {
                output[written] = UInt8(count / 100)
                written += 1
            }
            output[written] = UInt8((count / 10 % 10) << 4 | count % 10)
            written += 1
        }
        switch layout.type {
        case .n, .z:
            try packDigits(value, as: layout, into: output, written: &written)
        case .an, .ans:
            for index in 0..<count {
                let byte = value[index]
                guard isAllowed(byte, in: layout.type) else { throw .invalidValue(field: layout.number, index: index) }
                output[written] = byte
                written += 1
            }
            if layout.prefix == .fixed {
                for _ in count..<layout.length {
                    output[written] = 0x20
                    written += 1
                }
            }
        case .b:
            for index in 0..<count {
                output[written] = value[index]
                written += 1
            }
        }
    }

    private func packDigits(_ value: UnsafeBufferPointer<UInt8>, as layout: FieldLayout,
                            into output: UnsafeMutableBufferPointer<UInt8>, written: inout Int) throws(CodecError) {
        let count = value.count
        let allowsSeparator = layout.type == .z
        func nibble(_ index: Int) throws(CodecError) -> UInt8 {
            let character = value[index]
            if character &- 0x30 < 10 { return character &- 0x30 }
            if allowsSeparator && character == 0x3D { return 0x0D }  // '=' travels as nibble D
            throw .invalidValue(field: layout.number, index: index)
        }
        var index = 0
        if count & 1 == 1 && layout.alignment == .right {
            output[written] = try nibble(0)
            written += 1
            index = 1
        }
        while index + 1 < count {
            output[written] = try nibble(index) << 4 | nibble(index + 1)
            written += 1
            index += 2
        }
        if index < count {
            output[written] = try nibble(index) << 4
            written += 1
        }
    }
}

/// Whether `byte` belongs to the character set of a text field type.
@inline(__always)
func isAllowed(_ byte: UInt8, in type: FieldType) -> Bool {
    switch type {
    case .an:
        byte == 0x20 || (byte &- 0x30) < 10 || (byte &- 0x41) < 26 || (byte &- 0x61) < 26
    case .ans:
        byte >= 0x20 && byte != 0x7F
    case .n, .z, .b:
        true
    }
}

@inline(__always)
func writeBigEndian(_ value: UInt64, to output: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
    var shift = 56
    while shift >= 0 {
        output[index] = UInt8(truncatingIfNeeded: value >> UInt64(shift))
        index += 1
        shift -= 8
    }
}
