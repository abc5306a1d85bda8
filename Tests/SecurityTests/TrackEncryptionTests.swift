import Testing
@testable import Security

@Suite struct TrackEncryptionTests {
    static let tdk = key("A1A2A3A4A5A6A7A8B1B2B3B4B5B6B7B8")

    @Test func encryptsTheSixteenDigitsBeforeTheLast() throws {
        let track = "6222021234567890128=2512101000001234"
        let encrypted = try TrackEncryption.encrypt(track, key: Self.tdk)
        // Untouched: everything before the window and the last character.
        let start = track.count - 17
        #expect(encrypted.prefix(start) == "6222021234567890128D".prefix(start))
        #expect(encrypted.last == "4")
        let window = String(Array("6222021234567890128D2512101000001234")[start..<start + 16])
        let cipher = try TDES.encrypt(h(window), key: Self.tdk.bytes)
        #expect(String(Array(encrypted)[start..<start + 16]) == hex(cipher))
        #expect(try TrackEncryption.decrypt(encrypted, key: Self.tdk, originalLength: track.count) == "6222021234567890128D2512101000001234")
    }

    @Test func shortTracksArePaddedWithF() throws {
        let encrypted = try TrackEncryption.encrypt("1234567890", key: Self.tdk)
        #expect(encrypted.count == 17)
        #expect(try TrackEncryption.decrypt(encrypted, key: Self.tdk, originalLength: 10) == "1234567890")
        #expect(throws: SecurityError.self) { try TrackEncryption.decrypt(encrypted, key: Self.tdk, originalLength: 18) }
    }

    @Test func badInput() {
        #expect(throws: SecurityError.invalidArgument("track data contains a character that is not a track digit")) {
            try TrackEncryption.encrypt("1234;5678", key: Self.tdk)
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "TDK (TDES)", length: 8)) {
            try TrackEncryption.encrypt("12345678901234567", key: key("0123456789ABCDEF"))
        }
        #expect(throws: SecurityError.invalidArgument("track data of 108 characters is too long")) {
            try TrackEncryption.encrypt(String(repeating: "1", count: 108), key: Self.tdk)
        }
    }
}
