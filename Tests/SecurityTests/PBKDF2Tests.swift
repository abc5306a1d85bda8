import Testing
@testable import Security

@Suite struct PBKDF2Tests {
    // Published PBKDF2-HMAC-SHA256 vectors (RFC 7914 section 11 uses the same construction).
    @Test func knownVectors() throws {
        let one = try PBKDF2.sha256(password: Array("password".utf8), salt: Array("salt".utf8), iterations: 1, length: 32)
        #expect(Hex.encode(one) == "120FB6CFFCF8B32C43E7225256C4F837A86548C92CCC35480805987CB70BE17B")
        let many = try PBKDF2.sha256(password: Array("password".utf8), salt: Array("salt".utf8), iterations: 4096, length: 32)
        #expect(Hex.encode(many) == "C5E478D59288C841AA530DB6845C4C8D962893A001CE4E11A4963873AA98134A")
        let rfc7914 = try PBKDF2.sha256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(Hex.encode(rfc7914).hasPrefix("55AC046E56E3089FEC1691C22544B605F94185216DDE0465E68B9D57C20DACBC"))
    }

    @Test func rejectsBadParameters() {
        #expect(throws: SecurityError.self) { try PBKDF2.sha256(password: [1], salt: [1], iterations: 0, length: 32) }
        #expect(throws: SecurityError.self) { try PBKDF2.sha256(password: [1], salt: [1], iterations: 1, length: 0) }
    }
}
