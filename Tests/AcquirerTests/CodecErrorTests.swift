import Testing
@testable import Acquirer

/// A small spec exercising every type, prefix and alignment, plus a secondary-bitmap field.
let testSpec = MessageSpec(name: "test", fields: [
    FieldSpec(2, "PAN", .n, .llvar, 19),
    FieldSpec(3, "Processing code", .n, .fixed, 6),
    FieldSpec(22, "Entry mode", .n, .fixed, 3, alignment: .left),
    FieldSpec(23, "Sequence", .n, .fixed, 3),
    FieldSpec(35, "Track 2", .z, .llvar, 37),
    FieldSpec(37, "RRN", .an, .fixed, 12),
    FieldSpec(44, "Text", .ans, .llvar, 25),
    FieldSpec(48, "Digits", .n, .lllvar, 322),
    FieldSpec(52, "PIN", .b, .fixed, 8),
    FieldSpec(62, "Private", .b, .lllvar, 512),
    FieldSpec(70, "Network code", .n, .fixed, 3),
    FieldSpec(100, "Receiver", .n, .llvar, 11),
], mandatoryFields: [MTI(800): [3, 70]])

@Suite("Codec validation")
struct CodecErrorTests {
    @Test func alignmentAndPrefixesFollowCUPRules() throws {
        var message = ISO8583Message(mti: MTI(200))
        message.setText(2, "123")          // odd LLVAR: left-aligned, trailing pad
        message.setText(22, "021")         // fixed, left-aligned exception
        message.setText(23, "001")         // fixed, right-aligned
        message.setText(35, "62=2")        // '=' travels as D
        message.setText(37, "ABC")         // padded with spaces
        message.setText(48, "1")
        let body = try testSpec.pack(message)
        #expect(hex(body.dropFirst(10)) == "031230" + "0210" + "0001" + "0462D2" + hex(Array("ABC         ".utf8)) + "000110")
        let decoded = try testSpec.unpack(body)
        #expect(decoded.text(37) == "ABC         ")
        #expect(decoded.text(35) == "62=2")
        #expect(try testSpec.pack(decoded) == body)
    }

    @Test func secondaryBitmapCarriesFields65To128() throws {
        var message = ISO8583Message(mti: MTI(800))
        message.setText(3, "990000")
        message.setText(70, "301")
        message.setText(100, "12345678901")
        let body = try testSpec.pack(message)
        #expect(body.count == 2 + 16 + 3 + 2 + 7)
        #expect(body[2] & 0x80 != 0)
        let decoded = try testSpec.unpack(body)
        #expect(decoded == message)
        #expect(decoded.fieldNumbers == [3, 70, 100])
        message[70] = nil
        #expect(throws: CodecError.missingMandatoryField(field: 70, mti: MTI(800), offset: 2)) {
            try testSpec.unpack(try testSpec.pack(message))
        }
        // The secondary bitmap announced but cut off.
        #expect(throws: CodecError.truncatedField(field: 1, offset: 10, needed: 8, available: 3)) {
            try testSpec.unpack(Array(body.prefix(13)))
        }
    }

    @Test func decodeErrorsNameFieldAndOffset() throws {
        var message = ISO8583Message(mti: MTI(200))
        message.setText(3, "000000")
        message.setText(48, "12345")
        message[52] = [1, 2, 3, 4, 5, 6, 7, 8]
        let body = try testSpec.pack(message)   // MTI 2, bitmap 8, f3 @10 (3), f48 @13 (2+3), f52 @18 (8)
        #expect(body.count == 26)

        #expect(throws: CodecError.messageTooShort(length: 9, minimum: 10)) { try testSpec.unpack(Array(body.prefix(9))) }
        #expect(throws: CodecError.messageTooShort(length: 0, minimum: 10)) { try testSpec.unpack([]) }
        var bad = body
        bad[1] = 0x0A
        #expect(throws: CodecError.invalidDigit(field: 0, offset: 1)) { try testSpec.unpack(bad) }
        bad = body
        bad[11] = 0x0B
        #expect(throws: CodecError.invalidDigit(field: 3, offset: 11)) { try testSpec.unpack(bad) }
        bad = body
        bad[13] = 0x04      // LLL prefix 0405 > 322
        #expect(throws: CodecError.lengthOverMaximum(field: 48, offset: 13, length: 405, maximum: 322)) {
            try testSpec.unpack(bad)
        }
        bad = body
        bad[14] = 0x0F      // prefix nibble F
        #expect(throws: CodecError.invalidDigit(field: 48, offset: 14)) { try testSpec.unpack(bad) }
        bad = body
        bad[17] = 0x51      // odd left-aligned: pad nibble must be 0
        #expect(throws: CodecError.invalidDigit(field: 48, offset: 17)) { try testSpec.unpack(bad) }
        #expect(throws: CodecError.truncatedField(field: 52, offset: 18, needed: 8, available: 7)) {
            try testSpec.unpack(Array(body.dropLast()))
        }
        #expect(throws: CodecError.truncatedField(field: 48, offset: 13, needed: 2, available: 1)) {
            try testSpec.unpack(Array(body.prefix(14)))
        }
        #expect(throws: CodecError.trailingBytes(offset: 26, count: 2)) { try testSpec.unpack(body + [0, 0]) }
        bad = body
        bad[2] |= 0x40      // field 2 announced, with an inserted LL prefix of 25 (> 19) at byte 10
        #expect(throws: CodecError.lengthOverMaximum(field: 2, offset: 10, length: 25, maximum: 19)) {
            try testSpec.unpack(Array(bad.prefix(10)) + [0x25] + Array(bad.dropFirst(10)))
        }
        bad = body
        bad[2] |= 0x08      // field 5: not defined; it would follow field 3
        #expect(throws: CodecError.undefinedField(field: 5, offset: 13)) { try testSpec.unpack(bad) }
    }

    @Test func textAndTrackCharacterSetsAreEnforced() throws {
        var message = ISO8583Message(mti: MTI(200))
        message.setText(37, "ABC-12")
        #expect(throws: CodecError.invalidValue(field: 37, index: 3)) { try testSpec.pack(message) }
        message.setText(37, "ABC 12")
        var body = try testSpec.pack(message)
        body[12] = 0x2D     // '-' is not an
        #expect(throws: CodecError.invalidCharacter(field: 37, offset: 12)) { try testSpec.unpack(body) }
        message = ISO8583Message(mti: MTI(200))
        message[44] = [0x41, 0x0A]
        #expect(throws: CodecError.invalidValue(field: 44, index: 1)) { try testSpec.pack(message) }
        message[44] = Array("交易成功".utf8)    // ans allows host text above 0x7F
        #expect(try testSpec.unpack(try testSpec.pack(message)) == message)
        message = ISO8583Message(mti: MTI(200))
        message.setText(35, "6222=AB")
        #expect(throws: CodecError.invalidValue(field: 35, index: 5)) { try testSpec.pack(message) }
        message.setText(35, "62=2")
        body = try testSpec.pack(message)
        body[12] = 0xE2     // nibble E in track data
        #expect(throws: CodecError.invalidDigit(field: 35, offset: 12)) { try testSpec.unpack(body) }
        message = ISO8583Message(mti: MTI(200))
        message.setText(2, "12=4")
        #expect(throws: CodecError.invalidValue(field: 2, index: 2)) { try testSpec.pack(message) }
    }

    @Test func packingValidatesLengthsAndDefinitions() throws {
        var message = ISO8583Message(mti: MTI(200))
        message.setText(3, "12345")
        #expect(throws: CodecError.valueLength(field: 3, length: 5, allowed: 6...6)) { try testSpec.pack(message) }
        message = ISO8583Message(mti: MTI(200))
        message.setText(2, String(repeating: "1", count: 20))
        #expect(throws: CodecError.valueLength(field: 2, length: 20, allowed: 0...19)) { try testSpec.pack(message) }
        message = ISO8583Message(mti: MTI(200))
        message[62] = [UInt8](repeating: 0, count: 513)
        #expect(throws: CodecError.valueLength(field: 62, length: 513, allowed: 0...512)) { try testSpec.pack(message) }
        message = ISO8583Message(mti: MTI(200))
        message[52] = [1, 2, 3]
        #expect(throws: CodecError.valueLength(field: 52, length: 3, allowed: 8...8)) { try testSpec.pack(message) }
        message = ISO8583Message(mti: MTI(200))
        message.setText(37, "1234567890123")
        #expect(throws: CodecError.valueLength(field: 37, length: 13, allowed: 0...12)) { try testSpec.pack(message) }
        message = ISO8583Message(mti: MTI(200))
        message.setText(4, "000000000001")
        #expect(throws: CodecError.undefinedValueField(field: 4)) { try testSpec.pack(message) }
        #expect(throws: CodecError.undefinedValueField(field: 64)) { try testSpec.packForMAC(ISO8583Message(mti: MTI(200))) }
        // A failed pack into an existing buffer leaves it as it was.
        var buffer: [UInt8] = [1, 2, 3]
        var invalid = ISO8583Message(mti: MTI(200))
        invalid.setText(3, "000000")
        invalid.setText(37, "ABC-12")
        #expect(throws: CodecError.invalidValue(field: 37, index: 3)) { try testSpec.pack(invalid, into: &buffer) }
        #expect(buffer == [1, 2, 3])
        invalid.setText(37, "ABC 12")
        try testSpec.pack(invalid, into: &buffer)
        #expect(Array(buffer.dropFirst(3)) == (try testSpec.pack(invalid)))
        var withHigh = ISO8583Message(mti: MTI(200))
        withHigh.setText(70, "301")
        #expect(throws: CodecError.undefinedValueField(field: 70)) { try MessageSpec.cup.packForMAC(withHigh) }
    }

    @Test func errorsNeverCarryFieldContents() throws {
        let errors: [CodecError] = [
            .invalidDigit(field: 2, offset: 11), .lengthOverMaximum(field: 35, offset: 20, length: 40, maximum: 37),
            .truncatedField(field: 52, offset: 60, needed: 8, available: 2), .invalidValue(field: 2, index: 4),
        ]
        for error in errors {
            #expect(!error.description.contains("6222"))
            #expect(error.field != nil)
        }
        #expect(CodecError.trailingBytes(offset: 3, count: 1).field == nil)
    }

    @Test func mtiArithmetic() {
        #expect(MTI(200).response == MTI(210))
        #expect(MTI(820).response == MTI(830))
        #expect(MTI(210).response == MTI(210))
        #expect(MTI(410).isResponse)
        #expect(!MTI(400).isResponse)
        #expect(MTI("0320") == MTI(320))
        #expect(MTI("320") == nil)
        #expect(MTI("03a0") == nil)
        #expect(MTI(200).description == "0200")
    }
}

@Suite("Message values")
struct MessageValueTests {
    @Test func setReplaceRemoveAndCompact() throws {
        var message = ISO8583Message(mti: MTI(200))
        message.setText(41, "10000001")
        message.setText(3, "000000")
        message.setText(100, "123")
        message[52] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(message.fieldNumbers == [3, 41, 52, 100])
        message.setText(3, "310000")
        #expect(message.text(3) == "310000")
        message[41] = nil
        #expect(message.fieldNumbers == [3, 52, 100])
        #expect(!message.has(41) && message[41] == nil && !message.has(1) && !message.has(129))
        // Many replacements trigger compaction; values survive it.
        for round in 0..<500 { message.setText(4, decimalDigits(round, width: 12)) }
        #expect(message.text(4) == "000000000499")
        #expect(message.text(3) == "310000")
        #expect(message[52] == [1, 2, 3, 4, 5, 6, 7, 8])
        var rebuilt = ISO8583Message(mti: MTI(200))
        rebuilt.setText(100, "123")
        rebuilt.setText(4, "000000000499")
        rebuilt[52] = [1, 2, 3, 4, 5, 6, 7, 8]
        rebuilt.setText(3, "310000")
        #expect(rebuilt == message)
        #expect(rebuilt.hashValue == message.hashValue)
        rebuilt.setText(100, "124")
        #expect(rebuilt != message)
    }
}
