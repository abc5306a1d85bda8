import Testing
@testable import Security

@Suite struct KeyCheckValueTests {
    @Test func tdesCheckValues() throws {
        let k = key("0123456789ABCDEFFEDCBA9876543210")
        #expect(hex(try KeyCheckValue.tdes(k)) == "08D7B4FB")
        #expect(hex(try KeyCheckValue.tdes(k, length: 2)) == "08D7")
        #expect(hex(try KeyCheckValue.of(k, algorithm: .tdes)) == "08D7B4FB")
        #expect(throws: SecurityError.self) { try KeyCheckValue.tdes(k, length: 9) }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "TDES", length: 10)) {
            try KeyCheckValue.tdes(SecretKey([UInt8](repeating: 0, count: 10)))
        }
    }

    // protocol.md §8.3: MAK cryptogram under a TMK, published clear MAK and its check value.
    @Test func publishedMAKUnderTMK() throws {
        let clear = try TDES.decrypt(h("96D605EA176B7E9E"), key: h("70F2A84CCBC2AE8625CBB0F2C22AB923"))
        #expect(hex(clear) == "C24A8FB57AA20123")
        #expect(hex(try KeyCheckValue.tdes(SecretKey(clear))) == "0547DB3E")
    }

    @Test func aesCheckValues() throws {
        // RFC 4493 key: CMAC of one zero block, and AES-ECB of zeros (FIPS-197 style).
        let k = key("2B7E151628AED2A6ABF7158809CF4F3C")
        let cmac = try AES.cmac([UInt8](repeating: 0, count: 16), key: k.bytes)
        #expect(try KeyCheckValue.aes(k) == Array(cmac.prefix(5)))
        let ecb = try AES.encrypt([UInt8](repeating: 0, count: 16), key: k.bytes)
        #expect(try KeyCheckValue.aes(k, method: .encryptZeros, length: 3) == Array(ecb.prefix(3)))
        // AES-128 with an all-zero key encrypting zeros: 66E94BD4EF8A2C3B884CFA59CA342B2E.
        #expect(hex(try KeyCheckValue.aes(SecretKey([UInt8](repeating: 0, count: 16)), method: .encryptZeros, length: 4)) == "66E94BD4")
    }
}
