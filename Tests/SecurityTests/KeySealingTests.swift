import Testing
@testable import Security
import struct Journal.SeededRandom

@Suite struct KeySealingTests {
    static let kek = TestKeys.mockKeyEncryptionKey

    @Test func sealUnsealRoundTrip() throws {
        for (usage, algorithm, text) in [(KeyUsage.terminalMasterKey, KeyAlgorithm.tdes, "0123456789ABCDEFFEDCBA9876543210"),
                                         (.macKey, .tdes, "0723C80DB5F4CD3D"),
                                         (.pinKey, .aes, "AF8CB133A78F8DC2D1359F18527593FB"),
                                         (.dukptInitialKey, .aes, "CE9CE0C101D1138F97FB6CAD4DF045A7083D4EAE2D35A31789D01CCF0949550F")] {
            let entry = try KeyEntry(usage: usage, algorithm: algorithm, key: key(text))
            let blob = try KeySealing.seal(entry, kek: Self.kek)
            #expect(!hex(blob).contains(text))
            let back = try KeySealing.unseal(blob, kek: Self.kek)
            #expect(back.usage == usage && back.algorithm == algorithm && hex(back.key.bytes) == text)
        }
    }

    @Test func everyFlippedBitIsCaught() throws {
        let blob = try KeySealing.seal(try KeyEntry(usage: .pinKey, algorithm: .tdes, key: key("11223344556677888877665544332211")), kek: Self.kek)
        for index in 1..<blob.count {
            for bit in [0, 3, 7] {
                var tampered = blob
                tampered[index] ^= UInt8(1 << bit)
                #expect(throws: SecurityError.integrityCheckFailed) { try KeySealing.unseal(tampered, kek: Self.kek) }
            }
        }
        var other = Self.kek.bytes
        other[0] ^= 1
        #expect(throws: SecurityError.integrityCheckFailed) { try KeySealing.unseal(blob, kek: SecretKey(other)) }
    }

    @Test func randomKeys() throws {
        let a = try SecretKey.random(length: 16)
        let b = try SecretKey.random(length: 16)
        #expect(a.count == 16 && b.count == 16 && a.bytes != b.bytes)
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "random", length: 0)) { try SecretKey.random(length: 0) }
        #expect(throws: SecurityError.invalidArgument("key text is not an even number of hex digits")) { try SecretKey(hex: "ABC") }
        #expect(try SecretKey(hex: "00ff").bytes == [0, 255])
    }

    @Test func malformedBlobs() throws {
        #expect(throws: SecurityError.malformedSealedData(reason: "empty blob")) { try KeySealing.unseal([], kek: Self.kek) }
        #expect(throws: SecurityError.malformedSealedData(reason: "unknown version 2")) { try KeySealing.unseal([2, 0, 0], kek: Self.kek) }
        #expect(throws: SecurityError.malformedSealedData(reason: "wrapped length 7")) {
            try KeySealing.unseal([1] + [UInt8](repeating: 0, count: 7), kek: Self.kek)
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "KEK (AES-256)", length: 16)) {
            try KeySealing.unseal([1], kek: SecretKey([UInt8](repeating: 0, count: 16)))
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "AES PIK", length: 8)) {
            try KeyEntry(usage: .pinKey, algorithm: .aes, key: SecretKey([UInt8](repeating: 0, count: 8)))
        }
        // Garbage of a plausible length fails integrity, never traps.
        var rng = SeededRandom(seed: 7)
        for length in stride(from: 16, through: 80, by: 8) {
            let garbage = [1] + (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(throws: SecurityError.integrityCheckFailed) { try KeySealing.unseal(garbage, kek: Self.kek) }
        }
    }
}
