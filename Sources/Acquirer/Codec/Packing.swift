extension MessageSpec {
    /// Packs a message body (MTI, bitmaps, fields) per this spec, validating every value.
    public func pack(_ message: ISO8583Message) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try pack(message, into: &out)
        return out
    }

    /// Appends a packed message body to `out`. On error `out` may hold a partial message.
    public func pack(_ message: ISO8583Message, into out: inout [UInt8]) throws(CodecError) {
        let mti = message.mti.code
        out.append(UInt8((mti / 1000) << 4 | (mti / 100 % 10)))
        out.append(UInt8((mti / 10 % 10) << 4 | (mti % 10)))
        let hasSecondary = message.secondary != 0
        appendBigEndian(message.primary | (hasSecondary ? UInt64(1) << 63 : 0), to: &out)
        if hasSecondary { appendBigEndian(message.secondary, to: &out) }
        try packFields(message, mask: message.primary, base: 0, into: &out)
        try packFields(message, mask: message.secondary, base: 64, into: &out)
    }

    private func packFields(_ message: ISO8583Message, mask: UInt64, base: Int,
                            into out: inout [UInt8]) throws(CodecError) {
        var rest = mask
        while rest != 0 {
            let zeros = rest.leadingZeroBitCount
            rest &= ~(UInt64(1) << (63 - zeros))
            let number = base + zeros + 1
            guard let spec = definitions[number] else { throw .undefinedValueField(field: number) }
            guard let value = message.values[number] else { continue }
            try encode(value, as: spec, into: &out)
        }
    }

    private func encode(_ value: [UInt8], as spec: FieldSpec, into out: inout [UInt8]) throws(CodecError) {
        let count = value.count
        let isText = spec.type == .an || spec.type == .ans
        if spec.prefix == .fixed {
            // Fixed text fields are space-padded; every other fixed field must be exact.
            let allowed = isText ? 0...spec.length : spec.length...spec.length
            guard allowed.contains(count) else {
                throw .valueLength(field: spec.number, length: count, allowed: allowed)
            }
        } else {
            guard count <= spec.length else {
                throw .valueLength(field: spec.number, length: count, allowed: 0...spec.length)
            }
            if spec.prefix == .lllvar { out.append(UInt8(count / 100)) }
            out.append(UInt8((count / 10 % 10) << 4 | count % 10))
        }
        switch spec.type {
        case .n, .z:
            try packDigits(value, as: spec, into: &out)
        case .an, .ans:
            for index in 0..<count where !isAllowed(value[index], in: spec.type) {
                throw .invalidValue(field: spec.number, index: index)
            }
            out.append(contentsOf: value)
            if spec.prefix == .fixed && count < spec.length {
                out.append(contentsOf: repeatElement(0x20, count: spec.length - count))
            }
        case .b:
            out.append(contentsOf: value)
        }
    }

    private func packDigits(_ value: [UInt8], as spec: FieldSpec, into out: inout [UInt8]) throws(CodecError) {
        let count = value.count
        let allowsSeparator = spec.type == .z
        func nibble(_ index: Int) throws(CodecError) -> UInt8 {
            let character = value[index]
            if character &- 0x30 < 10 { return character &- 0x30 }
            if allowsSeparator && character == 0x3D { return 0x0D }  // '=' travels as nibble D
            throw .invalidValue(field: spec.number, index: index)
        }
        var index = 0
        if count & 1 == 1 && spec.alignment == .right {
            out.append(try nibble(0))
            index = 1
        }
        while index + 1 < count {
            out.append(try nibble(index) << 4 | nibble(index + 1))
            index += 2
        }
        if index < count { out.append(try nibble(index) << 4) }
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
func appendBigEndian(_ value: UInt64, to out: inout [UInt8]) {
    var shift = 56
    while shift >= 0 {
        out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        shift -= 8
    }
}
