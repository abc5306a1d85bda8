import Testing
@testable import Acquirer

@Suite("Composite fields")
struct CompositeFieldTests {
    @Test func field60Layouts() throws {
        let sample = try Field60(digits: "2600000100060000000")
        #expect(sample == Field60(transactionType: "26", batch: 1, networkCode: "000", trailing: "60000000"))
        #expect(sample.digits == "2600000100060000000")
        let management = try Field60(digits: "00000001003")
        #expect(management.networkCode == "003" && management.trailing.isEmpty)
        #expect(try Field60(digits: "22000001").networkCode.isEmpty)
        for bad in ["2200000", "220000010", "2200000100", "22a00001000", ""] {
            #expect(throws: MessageError.invalidField(60)) { try Field60(digits: bad) }
        }
    }

    @Test func field61Layouts() throws {
        #expect(try OriginalTransaction(digits: "000001000123") == OriginalTransaction(batch: 1, stan: 123))
        #expect(try OriginalTransaction(digits: "0000010001231120").date == "1120")
        #expect(OriginalTransaction(batch: 0, stan: 0, date: "1231").digits == "0000000000001231")
        #expect(throws: MessageError.invalidField(61)) { try OriginalTransaction(digits: "00000100012") }
    }

    @Test func tlvParsesTheSampleField62() throws {
        let sample = try MessageSpec.cup.unpack(try Frame(unprefixed: try hexBytes(sampleFrameHex)[2...]).body)
        let objects = try TLV.parse(try #require(sample[62]), field: 62)
        #expect(objects.map(\.tag) == [0x5F01, 0x5F03, 0x5F04, 0x5C])
        #expect(String(decoding: objects[0].value, as: UTF8.self) == "284412345678901234")
        #expect(TLV.encode(objects) == sample[62])
        let long = TLV(tag: 0x9F10, value: [UInt8](repeating: 7, count: 200))
        #expect(Array(long.bytes.prefix(4)) == [0x9F, 0x10, 0x81, 200])
        #expect(try TLV.parse(long.bytes, field: 55) == [long])
        let longer = TLV(tag: 0x71, value: [UInt8](repeating: 1, count: 300))
        #expect(try TLV.parse(longer.bytes, field: 55) == [longer])
        for bad: [UInt8] in [[0x5F], [0x5F, 0x01], [0x5F, 0x01, 0x05, 0x31], [0x5C, 0x83, 0, 0, 1], [0x5F, 0x81]] {
            #expect(throws: MessageError.invalidField(62)) { try TLV.parse(bad, field: 62) }
        }
    }

    @Test func securityControlDigits() throws {
        #expect(SecurityControl().digits == "2600000000000000")
        #expect(SecurityControl(pinBlockWithPAN: false, doubleLengthKey: false, trackDataEncrypted: true).digits
                == "1010000000000000")
        #expect(try SecurityControl(digits: Array("2610000000000000".utf8)).trackDataEncrypted)
        #expect(throws: MessageError.invalidField(53)) { try SecurityControl(digits: Array("3600000000000000".utf8)) }
    }

    @Test func batchRecordParsingRejectsBadRecords() throws {
        let record = "00000123" + "06222021234567890123" + "000000001234"
        let good = "01" + record
        #expect(try BatchUploadRecord.parseField48(Array(good.utf8)).first?.pan == "6222021234567890123")
        let badOrganisation: String = "01" + "09000123" + "06222021234567890123" + "000000001234"
        let badSTAN: String = "01" + "0000012x" + "06222021234567890123" + "000000001234"
        let cases: [String] = ["00", "02" + record, badOrganisation, badSTAN, String(good.dropLast())]
        for bad in cases {
            #expect(throws: MessageError.invalidField(48)) { try BatchUploadRecord.parseField48(Array(bad.utf8)) }
        }
    }
}

@Suite("Redaction")
struct RedactionTests {
    @Test func sensitiveDataNeverPrints() throws {
        #expect(maskedPAN("6222021234567890123") == "622202*********0123")
        #expect(maskedPAN("4012345678909") == "401234***8909")
        #expect(maskedPAN("1234567") == "***4567")
        #expect(maskedPAN("123") == "***")
        let sale = try Fixtures.sale.message()
        for text in [String(describing: Fixtures.sale), String(reflecting: Fixtures.sale), String(describing: sale),
                     String(reflecting: sale), String(describing: Fixtures.stripeCard), String(describing: Fixtures.pin)] {
            #expect(!text.contains("6222021234567890"), "\(text)")
            #expect(!text.contains("2812"))
            #expect(!text.contains("27, 156"))   // PIN block bytes
        }
        var dumped = ""
        dump(Fixtures.sale, to: &dumped)
        #expect(!dumped.contains("6222021234567890") && !dumped.contains("=2812"))
        #expect(String(describing: sale).hasPrefix("0200 [3, 4, 11"))
    }
}
