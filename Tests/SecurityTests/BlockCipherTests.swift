import Testing
@testable import Security

@Suite struct BlockCipherTests {
    // FIPS 81 / classic DES vector: key 0123456789ABCDEF, "Now is t".
    @Test func singleDESKnownAnswer() throws {
        let out = try DES.encrypt(h("4E6F772069732074"), key: h("0123456789ABCDEF"))
        #expect(hex(out) == "3FA40E8A984D4815")
        #expect(try DES.decrypt(out, key: h("0123456789ABCDEF")) == h("4E6F772069732074"))
    }

    // FIPS 197 Appendix C.1 / C.3 (AES-128 and AES-256).
    @Test func aesKnownAnswers() throws {
        let plain = h("00112233445566778899AABBCCDDEEFF")
        #expect(hex(try AES.encrypt(plain, key: h("000102030405060708090A0B0C0D0E0F"))) == "69C4E0D86A7B0430D8CDB78070B4C55A")
        #expect(hex(try AES.encrypt(plain, key: h("000102030405060708090A0B0C0D0E0F1011121314151617"))) == "DDA97CA4864CDFE06EAF70A0EC0D7191")
        let k256 = h("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")
        #expect(hex(try AES.encrypt(plain, key: k256)) == "8EA2B7CA516745BFEAFC49904B496089")
        #expect(try AES.decrypt(h("8EA2B7CA516745BFEAFC49904B496089"), key: k256) == plain)
    }

    // NIST SP 800-38A F.2.1 CBC-AES128 first two blocks.
    @Test func aesCBC() throws {
        let k = h("2B7E151628AED2A6ABF7158809CF4F3C")
        let iv = h("000102030405060708090A0B0C0D0E0F")
        let plain = h("6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51")
        let cipher = try AES.encrypt(plain, key: k, mode: .cbc(iv: iv))
        #expect(hex(cipher) == "7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B2")
        #expect(try AES.decrypt(cipher, key: k, mode: .cbc(iv: iv)) == plain)
    }

    // RFC 4493 §4 examples 1 and 2.
    @Test func aesCMAC() throws {
        let k = h("2B7E151628AED2A6ABF7158809CF4F3C")
        #expect(hex(try AES.cmac([], key: k)) == "BB1D6929E95937287FA37D129B756746")
        #expect(hex(try AES.cmac(h("6BC1BEE22E409F96E93D7E117393172A"), key: k)) == "070A16B46B4D4144F79BDD9DD04A287C")
    }

    @Test func tdesTwoAndThreeKeyAgree() throws {
        let k2 = h("0123456789ABCDEFFEDCBA9876543210")
        let k3 = k2 + h("0123456789ABCDEF")
        let data = h("0000000000000000 1111111111111111")
        #expect(try TDES.encrypt(data, key: k2) == TDES.encrypt(data, key: k3))
        #expect(hex(Array(try TDES.encrypt(data, key: k2).prefix(4))) == "08D7B4FB")
        let iv = h("1234567890ABCDEF")
        let cbc = try TDES.encrypt(data, key: k3, mode: .cbc(iv: iv))
        #expect(try TDES.decrypt(cbc, key: k3, mode: .cbc(iv: iv)) == data)
        // K‖K TDES is single DES.
        let k = h("0123456789ABCDEF")
        #expect(try TDES.encrypt(data, key: k + k) == DES.encrypt(data, key: k))
    }

    @Test func badLengthsAreTypedErrors() {
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "TDES", length: 12)) {
            try TDES.encrypt([UInt8](repeating: 0, count: 8), key: [UInt8](repeating: 1, count: 12))
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "AES", length: 8)) {
            try AES.encrypt([UInt8](repeating: 0, count: 16), key: [UInt8](repeating: 1, count: 8))
        }
        #expect(throws: SecurityError.invalidDataLength(length: 7, blockSize: 8)) {
            try DES.encrypt([UInt8](repeating: 0, count: 7), key: [UInt8](repeating: 1, count: 8))
        }
        #expect(throws: SecurityError.invalidDataLength(length: 20, blockSize: 16)) {
            try AES.decrypt([UInt8](repeating: 0, count: 20), key: [UInt8](repeating: 1, count: 16))
        }
        #expect(throws: SecurityError.invalidIVLength(length: 16, expected: 8)) {
            try TDES.encrypt([UInt8](repeating: 0, count: 8), key: [UInt8](repeating: 1, count: 16),
                             mode: .cbc(iv: [UInt8](repeating: 0, count: 16)))
        }
        #expect((try? AES.encrypt([], key: [UInt8](repeating: 1, count: 16))) == [])
    }
}

@Suite struct LegacyProviderTests {
    @Test func missingLegacyProviderIsAClearErrorForDESOnly() throws {
        let crippled = LibCrypto(moduleDirectory: "/nonexistent-openssl-modules")
        let error = #expect(throws: SecurityError.self) {
            try crippled.crypt(.desECB, key: [UInt8](repeating: 1, count: 8), iv: nil, input: [UInt8](repeating: 0, count: 8), encrypt: true)
        }
        guard case let .cipherUnavailable(name, reason)? = error else {
            Issue.record("expected cipherUnavailable, got \(String(describing: error))")
            return
        }
        #expect(name == "DES-ECB")
        #expect(reason.contains("legacy provider"))
        // TDES and AES come from the default provider and keep working.
        let tdes = try crippled.crypt(.tdes2ECB, key: h("0123456789ABCDEFFEDCBA9876543210"), iv: nil, input: [UInt8](repeating: 0, count: 8), encrypt: true)
        #expect(hex(Array(tdes.prefix(4))) == "08D7B4FB")
        #expect(try crippled.crypt(.aes128ECB, key: [UInt8](repeating: 0, count: 16), iv: nil, input: [UInt8](repeating: 0, count: 16), encrypt: true).count == 16)
    }
}
