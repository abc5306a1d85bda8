import Testing
@testable import Security

@Suite struct KeyDownloadTests {
    static let tmk = TestKeys.terminalMasterKey
    static let keys = WorkingKeys(pinKey: key("11223344556677888877665544332211"),
                                  macKey: key("0723C80DB5F4CD3D"),
                                  trackKey: key("A1A2A3A4A5A6A7A8B1B2B3B4B5B6B7B8"))

    @Test(arguments: KeyDownloadMode.allCases)
    func roundTripsEveryMode(mode: KeyDownloadMode) throws {
        let working = mode == .singleLength
            ? WorkingKeys(pinKey: key("1122334455667788"), macKey: key("0723C80DB5F4CD3D"))
            : Self.keys
        let sent = mode == .doubleLengthWithTrackKey ? working : WorkingKeys(pinKey: working.pinKey, macKey: working.macKey)
        let field = try KeyDownload.encode(sent, mode: mode, masterKey: Self.tmk)
        #expect(field.count == mode.field62Length)
        let decoded = try KeyDownload.decode(field62: field, mode: mode, masterKey: Self.tmk)
        #expect(decoded.pinKey.bytes == sent.pinKey.bytes)
        #expect(decoded.macKey.bytes == sent.macKey.bytes)
        #expect(decoded.trackKey?.bytes == sent.trackKey?.bytes)
    }

    // protocol.md §8.3: a published MAK cryptogram under a published TMK, placed in a mode-003 field.
    @Test func publishedMAKCryptogramDecodes() throws {
        let tmk = key("70F2A84CCBC2AE8625CBB0F2C22AB923")
        var field = try KeyDownload.encode(WorkingKeys(pinKey: key("0123456789ABCDEFFEDCBA9876543210"), macKey: key("C24A8FB57AA20123")),
                                           mode: .doubleLength, masterKey: tmk)
        #expect(Array(field[20..<28]) == h("96D605EA176B7E9E"))
        #expect(Array(field[36..<40]) == h("0547DB3E"))
        #expect(Array(field[16..<20]) == h("08D7B4FB"))
        #expect(Array(field[28..<36]) == [UInt8](repeating: 0, count: 8))
        // The unused bytes are ignored.
        field[30] = 0x55
        #expect(hex(try KeyDownload.decode(field62: field, mode: .doubleLength, masterKey: tmk).macKey.bytes) == "C24A8FB57AA20123")
    }

    @Test func checkValueMismatchNamesTheKey() throws {
        var field = try KeyDownload.encode(Self.keys, mode: .doubleLengthWithTrackKey, masterKey: Self.tmk)
        var badPIK = field
        badPIK[16] ^= 0x01
        #expect(throws: SecurityError.checkValueMismatch(key: .pinKey)) {
            try KeyDownload.decode(field62: badPIK, mode: .doubleLengthWithTrackKey, masterKey: Self.tmk)
        }
        var badMAK = field
        badMAK[22] ^= 0x80
        #expect(throws: SecurityError.checkValueMismatch(key: .macKey)) {
            try KeyDownload.decode(field62: badMAK, mode: .doubleLengthWithTrackKey, masterKey: Self.tmk)
        }
        field[59] ^= 0xFF
        #expect(throws: SecurityError.checkValueMismatch(key: .trackKey)) {
            try KeyDownload.decode(field62: field, mode: .doubleLengthWithTrackKey, masterKey: Self.tmk)
        }
        // A different TMK fails the first check value.
        #expect(throws: SecurityError.checkValueMismatch(key: .pinKey)) {
            try KeyDownload.decode(field62: try KeyDownload.encode(Self.keys, mode: .doubleLength, masterKey: Self.tmk),
                                   mode: .doubleLength, masterKey: key("0123456789ABCDEF0123456789ABCDEF"))
        }
    }

    @Test func badLengthsAreTypedErrors() throws {
        for mode in KeyDownloadMode.allCases {
            for length in [0, 23, 39, 41, 56, 59, 84] where length != mode.field62Length {
                #expect(throws: SecurityError.invalidKeyDownloadLength(mode: mode, length: length)) {
                    try KeyDownload.decode(field62: [UInt8](repeating: 0, count: length), mode: mode, masterKey: Self.tmk)
                }
            }
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "TMK (TDES)", length: 12)) {
            try KeyDownload.decode(field62: [UInt8](repeating: 0, count: 40), mode: .doubleLength, masterKey: SecretKey([UInt8](repeating: 0, count: 12)))
        }
        #expect(throws: SecurityError.keyNotLoaded(.trackKey)) {
            try KeyDownload.encode(WorkingKeys(pinKey: Self.keys.pinKey, macKey: Self.keys.macKey), mode: .doubleLengthWithTrackKey, masterKey: Self.tmk)
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "MAK in key mode 003", length: 16)) {
            try KeyDownload.encode(WorkingKeys(pinKey: Self.keys.pinKey, macKey: Self.keys.pinKey), mode: .doubleLength, masterKey: Self.tmk)
        }
    }

    @Test func keysNeverPrint() throws {
        let k = key("0123456789ABCDEFFEDCBA9876543210")
        #expect(k.description == "SecretKey(16 bytes, redacted)")
        #expect(String(reflecting: k) == "SecretKey(16 bytes, redacted)")
        #expect("\(Self.keys)" == "WorkingKeys(PIK, MAK, TDK, redacted)")
        var dumped = ""
        dump(Self.keys, to: &dumped)
        dump(k, to: &dumped)
        dump(try KeyEntry(usage: .macKey, algorithm: .tdes, key: k), to: &dumped)
        #expect(!dumped.contains("bytes:") && !dumped.contains("0x") && !dumped.contains("35"))
        #expect(TestKeys.terminalMasterKeyCheckValue == (try KeyCheckValue.tdes(TestKeys.terminalMasterKey)))
    }
}
