import Testing
@testable import Security

@Suite struct PINBlockTests {
    // protocol.md §12.1.
    @Test(arguments: [("1234", "4012345678909", "041274EDCBA9876F"), ("1234", "5544332211009966", "041277CDDEEFF669")])
    func format0ClearBlocks(pin: String, pan: String, expected: String) throws {
        let block = try ISO9564.format0ClearBlock(pin: digits(pin), pan: pan)
        #expect(hex(block) == expected)
        #expect(try ISO9564.decodeFormat0(clearBlock: block, pan: pan) == digits(pin))
    }

    @Test func format0EncryptDecrypt() throws {
        let pik = key("0123456789ABCDEFFEDCBA9876543210")
        for pin in ["1234", "000000", "987654321012"] {
            let block = try ISO9564.encryptFormat0(pin: digits(pin), pan: "6222021234567890123", key: pik)
            #expect(block.bytes.count == 8)
            #expect(try ISO9564.decryptFormat0(block, pan: "6222021234567890123", key: pik) == digits(pin))
        }
    }

    // protocol.md §12.3 and the AES DUKPT PIN key of §13.2.
    @Test func format4Vector() throws {
        let random = h("2F69ADDE2E9E7ACE")
        #expect(hex(try ISO9564.format4PINField(pin: digits("1234"), random: random)) == "441234AAAAAAAAAA2F69ADDE2E9E7ACE")
        #expect(hex(try ISO9564.format4PANField("4111111111111111")) == "44111111111111111000000000000000")
        let k = key("AF8CB133A78F8DC2D1359F18527593FB")
        let block = try ISO9564.encryptFormat4(pin: digits("1234"), pan: "4111111111111111", key: k, random: random)
        #expect(hex(block.bytes) == "A912150391AB65A67E52883D81CE2D15")
        #expect(try ISO9564.decryptFormat4(block, pan: "4111111111111111", key: k) == digits("1234"))
        // A short PAN is left-padded to 12 digits with M = 0.
        #expect(hex(try ISO9564.format4PANField("12345")) == "00000000123450000000000000000000")
    }

    @Test func badPINsAndPANs() {
        #expect(throws: SecurityError.invalidPIN(reason: "3 digits; 4 to 12 allowed")) {
            try ISO9564.format0ClearBlock(pin: digits("123"), pan: "4012345678909")
        }
        #expect(throws: SecurityError.invalidPIN(reason: "13 digits; 4 to 12 allowed")) {
            try ISO9564.format0ClearBlock(pin: digits("1234567890123"), pan: "4012345678909")
        }
        #expect(throws: SecurityError.invalidPIN(reason: "a digit is outside 0-9")) {
            try ISO9564.format0ClearBlock(pin: [1, 2, 3, 10], pan: "4012345678909")
        }
        #expect(throws: SecurityError.invalidPAN(reason: "12 digits; 13 to 19 allowed")) {
            try ISO9564.format0ClearBlock(pin: digits("1234"), pan: "401234567890")
        }
        #expect(throws: SecurityError.invalidPAN(reason: "contains a character other than 0-9")) {
            try ISO9564.format0ClearBlock(pin: digits("1234"), pan: "40123456789O9")
        }
        #expect(throws: SecurityError.invalidPAN(reason: "20 digits; 1 to 19 allowed")) {
            try ISO9564.format4PANField("12345678901234567890")
        }
        #expect(throws: SecurityError.self) {
            try ISO9564.format4PINField(pin: digits("1234"), random: [1, 2, 3])
        }
    }

    @Test func corruptBlocksDecodeToTypedErrors() throws {
        let pan = "4012345678909"
        func clear(_ hexText: String) -> [UInt8] { xor(h(hexText), xor(h("041274EDCBA9876F"), h("041234FFFFFFFFFF"))) }
        // Valid: PIN field 041234FFFFFFFFFF.
        #expect(try ISO9564.decodeFormat0(clearBlock: clear("041234FFFFFFFFFF"), pan: pan) == digits("1234"))
        #expect(throws: SecurityError.invalidPINBlock(reason: "format nibble 1, expected 0")) {
            try ISO9564.decodeFormat0(clearBlock: clear("141234FFFFFFFFFF"), pan: pan)
        }
        #expect(throws: SecurityError.invalidPINBlock(reason: "PIN length 3")) {
            try ISO9564.decodeFormat0(clearBlock: clear("03123FFFFFFFFFFF"), pan: pan)
        }
        #expect(throws: SecurityError.invalidPINBlock(reason: "PIN length 15")) {
            try ISO9564.decodeFormat0(clearBlock: clear("0F1234FFFFFFFFFF"), pan: pan)
        }
        #expect(throws: SecurityError.invalidPINBlock(reason: "a PIN digit is not decimal")) {
            try ISO9564.decodeFormat0(clearBlock: clear("04123AFFFFFFFFFF"), pan: pan)
        }
        #expect(throws: SecurityError.invalidPINBlock(reason: "fill is not all F")) {
            try ISO9564.decodeFormat0(clearBlock: clear("041234FFFFFFFFFE"), pan: pan)
        }
        #expect(throws: SecurityError.invalidPINBlock(reason: "format 0 block of 7 bytes")) {
            try ISO9564.decodeFormat0(clearBlock: [0, 1, 2, 3, 4, 5, 6], pan: pan)
        }
        let k = key("AF8CB133A78F8DC2D1359F18527593FB")
        #expect(throws: SecurityError.invalidPINBlock(reason: "expected a 16-byte format 4 block")) {
            try ISO9564.decryptFormat4(PINBlock(format: .iso4, bytes: [1, 2, 3]), pan: pan, key: k)
        }
        #expect(throws: SecurityError.invalidPINBlock(reason: "expected an 8-byte format 0 block")) {
            try ISO9564.decryptFormat0(PINBlock(format: .iso4, bytes: [UInt8](repeating: 0, count: 8)), pan: pan, key: k)
        }
        // A wrong PAN on the host side garbles the block: format 4 notices.
        let block = try ISO9564.encryptFormat4(pin: digits("1234"), pan: "4111111111111111", key: k, random: h("2F69ADDE2E9E7ACE"))
        #expect(throws: SecurityError.self) { try ISO9564.decryptFormat4(block, pan: "4111111111111112", key: k) }
    }

    @Test func pinBlocksDoNotPrintTheirBytes() {
        let block = PINBlock(format: .iso0, bytes: h("1B9C1845EB993A7A"))
        #expect(block.description == "PINBlock(ISO-0, 8 bytes, redacted)")
        #expect(String(reflecting: block) == "PINBlock(ISO-0, 8 bytes, redacted)")
        var dumped = ""
        dump(block, to: &dumped)
        #expect(!dumped.contains("27") && !dumped.uppercased().contains("1B9C"))
    }
}
