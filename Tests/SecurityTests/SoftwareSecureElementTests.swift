import Testing
@testable import Security

@Suite struct SoftwareSecureElementTests {
    static let kek = TestKeys.mockKeyEncryptionKey
    static let pan = "6222021234567890128"
    static let working = WorkingKeys(pinKey: key("11223344556677888877665544332211"),
                                     macKey: key("0723C80DB5F4CD3D"),
                                     trackKey: key("A1A2A3A4A5A6A7A8B1B2B3B4B5B6B7B8"))

    /// A mock-board element: the TEST TMK injected, then a host's sign-on keys installed.
    func signedOnElement() throws -> SoftwareSecureElement {
        let element = try SoftwareSecureElement(keyEncryptionKey: Self.kek)
        try element.injectMasterKey(TestKeys.terminalMasterKey, expectedCheckValue: TestKeys.terminalMasterKeyCheckValue)
        let field62 = try KeyDownload.encode(Self.working, mode: .doubleLengthWithTrackKey, masterKey: TestKeys.terminalMasterKey)
        let checkValues = try element.installWorkingKeys(field62: field62, mode: .doubleLengthWithTrackKey)
        #expect(checkValues[.macKey] == (try KeyCheckValue.tdes(Self.working.macKey)))
        return element
    }

    @Test func pinBlocksAndMACsAsTheHostSeesThem() throws {
        let element = try signedOnElement()
        let block = try element.pinBlock(digits: digits("123456"), pan: Self.pan, format: .iso0)
        // Host side: decrypt with the PIK it issued.
        #expect(try ISO9564.decryptFormat0(block, pan: Self.pan, key: Self.working.pinKey) == digits("123456"))
        let mab = MACTests.mab
        let mac = try element.mac(mab, scheme: .cupECB(tripleDES: false))
        #expect(mac == (try MAC.cupECB(mab, key: Self.working.macKey)))
        #expect(try element.verifyMAC(mac, over: mab, scheme: .cupECB(tripleDES: false)))
        #expect(try !element.verifyMAC(Array("00000000".utf8), over: mab, scheme: .cupECB(tripleDES: false)))
        let track = "6222021234567890128=2512101000001234"
        let encrypted = try element.encryptTrack(track)
        #expect(encrypted != track && encrypted.count == track.count)
        #expect(try TrackEncryption.decrypt(encrypted, key: Self.working.trackKey!, originalLength: track.count) == "6222021234567890128D2512101000001234")
        #expect(element.loadedKeys == [.terminalMasterKey, .pinKey, .macKey, .trackKey])
        #expect(try element.checkValue(of: .terminalMasterKey) == TestKeys.terminalMasterKeyCheckValue)
    }

    @Test func failedSignOnKeepsOldKeys() throws {
        let element = try signedOnElement()
        let fresh = WorkingKeys(pinKey: key("99887766554433221122334455667788"), macKey: key("1020304050607080"))
        var field62 = try KeyDownload.encode(fresh, mode: .doubleLength, masterKey: TestKeys.terminalMasterKey)
        field62[37] ^= 0x01
        #expect(throws: SecurityError.checkValueMismatch(key: .macKey)) {
            try element.installWorkingKeys(field62: field62, mode: .doubleLength)
        }
        let block = try element.pinBlock(digits: digits("1234"), pan: Self.pan, format: .iso0)
        #expect(try ISO9564.decryptFormat0(block, pan: Self.pan, key: Self.working.pinKey) == digits("1234"))
        #expect(element.loadedKeys.contains(.trackKey))
    }

    @Test func refusesWithoutKeysOrWithTheWrongOnes() throws {
        let element = try SoftwareSecureElement(keyEncryptionKey: Self.kek)
        #expect(throws: SecurityError.keyNotLoaded(.pinKey)) { try element.pinBlock(digits: digits("1234"), pan: Self.pan, format: .iso0) }
        #expect(throws: SecurityError.keyNotLoaded(.macKey)) { try element.mac([1, 2, 3], scheme: .x99) }
        #expect(throws: SecurityError.keyNotLoaded(.terminalMasterKey)) {
            try element.installWorkingKeys(field62: [UInt8](repeating: 0, count: 24), mode: .singleLength)
        }
        #expect(throws: SecurityError.keyNotLoaded(.dukptInitialKey)) { try element.dukptPINBlock(digits: digits("1234"), pan: Self.pan) }
        #expect(throws: SecurityError.checkValueMismatch(key: .terminalMasterKey)) {
            try element.injectMasterKey(TestKeys.terminalMasterKey, expectedCheckValue: [0x08, 0xD7, 0xB4, 0xFA])
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "KEK (AES-256)", length: 16)) {
            try SoftwareSecureElement(keyEncryptionKey: TestKeys.terminalMasterKey)
        }
        let signedOn = try signedOnElement()
        #expect(throws: SecurityError.invalidArgument("PIN block ISO-4 cannot be made with a TDES PIN key")) {
            try signedOn.pinBlock(digits: digits("1234"), pan: Self.pan, format: .iso4)
        }
        #expect(throws: SecurityError.invalidPIN(reason: "2 digits; 4 to 12 allowed")) {
            try signedOn.pinBlock(digits: digits("12"), pan: Self.pan, format: .iso0)
        }
        signedOn.eraseAll()
        #expect(signedOn.loadedKeys.isEmpty)
    }

    @Test func aesPINKeyGivesFormat4() throws {
        let element = try SoftwareSecureElement(keyEncryptionKey: Self.kek)
        let pik = key("AF8CB133A78F8DC2D1359F18527593FB")
        #expect(try element.loadSealedKey(try KeySealing.seal(try KeyEntry(usage: .pinKey, algorithm: .aes, key: pik), kek: Self.kek)) == .pinKey)
        let first = try element.pinBlock(digits: digits("1234"), pan: "4111111111111111", format: .iso4)
        let second = try element.pinBlock(digits: digits("1234"), pan: "4111111111111111", format: .iso4)
        #expect(first.bytes != second.bytes)  // random fill
        #expect(try ISO9564.decryptFormat4(first, pan: "4111111111111111", key: pik) == digits("1234"))
        #expect(try element.checkValue(of: .pinKey) == (try KeyCheckValue.aes(pik)))
        for (usage, algorithm) in [(KeyUsage.baseDerivationKey, KeyAlgorithm.aes), (.terminalMasterKey, .aes), (.macKey, .aes),
                                   (.dukptInitialKey, .tdes), (.dukptFutureKey, .aes)] {
            #expect(throws: SecurityError.invalidArgument("a \(algorithm) \(usage) cannot be held as a secure-element key")) {
                try element.loadSealedKey(try KeySealing.seal(try KeyEntry(usage: usage, algorithm: algorithm, key: pik), kek: Self.kek))
            }
        }
        #expect(element.loadedKeys == [.pinKey])
    }

    @Test func dukptThroughTheElementSurvivesARestart() throws {
        let bdk = TestKeys.tdesDUKPTBaseDerivationKey
        let ksn = h("FFFF9876543210E00000")
        let element = try SoftwareSecureElement(keyEncryptionKey: Self.kek)
        try element.injectDUKPTInitialKey(try TDESDUKPT.initialKey(bdk: bdk, ksn: ksn), algorithm: .tdes, ksn: ksn)
        #expect(throws: SecurityError.invalidPAN(reason: "5 digits; 13 to 19 allowed")) {
            try element.dukptPINBlock(digits: digits("1234"), pan: "12345")
        }
        // The bad PAN consumed no KSN: the first block is the A.4.2 vector.
        let (first, firstKSN) = try element.dukptPINBlock(digits: digits("1234"), pan: "4012345678909")
        #expect(hex(firstKSN) == "FFFF9876543210E00001" && hex(first.bytes) == "1B9C1845EB993A7A")
        let image = try element.sealedState()
        let restored = try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: image)
        #expect(restored.nextDUKPTKSN == h("FFFF9876543210E00002"))
        let (second, secondKSN) = try restored.dukptPINBlock(digits: digits("1234"), pan: "4012345678909")
        #expect(hex(secondKSN) == "FFFF9876543210E00002" && hex(second.bytes) == "10A01C8D02C69107")
        // Host side from the BDK.
        let hostKey = try TDESDUKPT.workingKey(.pin, from: try TDESDUKPT.transactionKey(bdk: bdk, ksn: secondKSN))
        #expect(try ISO9564.decryptFormat0(second, pan: "4012345678909", key: hostKey) == digits("1234"))

        let aes = try SoftwareSecureElement(keyEncryptionKey: Self.kek)
        let aesKSN = h("123456789012345600000000")
        try aes.injectDUKPTInitialKey(try AESDUKPT.initialKey(bdk: TestKeys.aesDUKPTBaseDerivationKey, initialKeyID: Array(aesKSN.prefix(8))),
                                      algorithm: .aes, ksn: aesKSN)
        let (block, usedKSN) = try aes.dukptPINBlock(digits: digits("4321"), pan: "4111111111111111")
        #expect(block.format == .iso4 && hex(usedKSN) == "123456789012345600000001")
        let aesHostKey = try AESDUKPT.workingKey(.pinEncryption, type: .aes128,
                                                 from: try AESDUKPT.transactionKey(bdk: TestKeys.aesDUKPTBaseDerivationKey, ksn: usedKSN), ksn: usedKSN)
        #expect(hex(aesHostKey.bytes) == "AF8CB133A78F8DC2D1359F18527593FB")
        #expect(try ISO9564.decryptFormat4(block, pan: "4111111111111111", key: aesHostKey) == digits("4321"))
        let aesRestored = try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try aes.sealedState())
        #expect(aesRestored.nextDUKPTKSN == h("123456789012345600000002"))
    }

    @Test func sealedStateRoundTripsAndRejectsDamage() throws {
        let element = try signedOnElement()
        let image = try element.sealedState()
        for text in ["0123456789ABCDEFFEDCBA9876543210", "0723C80DB5F4CD3D", "11223344556677888877665544332211"] {
            #expect(!hex(image).contains(text))
        }
        let restored = try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: image)
        #expect(restored.loadedKeys == element.loadedKeys)
        let block = try restored.pinBlock(digits: digits("2468"), pan: Self.pan, format: .iso0)
        #expect(try ISO9564.decryptFormat0(block, pan: Self.pan, key: Self.working.pinKey) == digits("2468"))

        var otherKEK = Self.kek.bytes
        otherKEK[31] ^= 0x40
        #expect(throws: SecurityError.integrityCheckFailed) {
            try SoftwareSecureElement(keyEncryptionKey: SecretKey(otherKEK), sealedState: image)
        }
        // Every truncation and every single-byte change is a typed error, never a crash or a
        // silently different key set.
        for length in 0..<image.count {
            #expect(throws: SecurityError.self) {
                try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: Array(image.prefix(length)))
            }
        }
        for index in 0..<image.count {
            var damaged = image
            damaged[index] ^= 0x01
            #expect(throws: SecurityError.self) { try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: damaged) }
        }
        #expect(throws: SecurityError.malformedSealedData(reason: "trailing bytes at \(image.count)")) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: image + [0])
        }
    }

    @Test func concurrentUseIsSafe() async throws {
        let element = try signedOnElement()
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<32 {
                group.addTask {
                    let pin = digits(String(1000 + i))
                    let block = try element.pinBlock(digits: pin, pan: Self.pan, format: .iso0)
                    return try ISO9564.decryptFormat0(block, pan: Self.pan, key: Self.working.pinKey) == pin
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}

@Suite struct SealedImageCraftingTests {
    static let kek = TestKeys.mockKeyEncryptionKey

    func image(keys: [KeyEntry], dukpt: [UInt8] = [0]) throws -> [UInt8] {
        var writer = ByteWriter()
        writer.append([0x50, 0x53, 0x45, 0x01])
        writer.byte(UInt8(keys.count))
        for entry in keys { writer.blob(try KeySealing.seal(entry, kek: Self.kek)) }
        writer.append(dukpt)
        return writer.bytes
    }

    @Test func wellSealedButWrongContentIsRejected() throws {
        let tmk = try KeyEntry(usage: .terminalMasterKey, algorithm: .tdes, key: TestKeys.terminalMasterKey)
        #expect(try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [tmk])).loadedKeys == [.terminalMasterKey])
        let bdk = try KeyEntry(usage: .baseDerivationKey, algorithm: .tdes, key: TestKeys.tdesDUKPTBaseDerivationKey)
        #expect(throws: SecurityError.malformedSealedData(reason: "a TDES BDK cannot be held as a secure-element key")) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [tmk, bdk]))
        }
        #expect(throws: SecurityError.malformedSealedData(reason: "two TMK keys")) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [tmk, tmk]))
        }
        #expect(throws: SecurityError.malformedSealedData(reason: "unknown DUKPT kind 3")) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [tmk], dukpt: [3]))
        }
        // A TDES DUKPT record with a KSN of the wrong size, then one with too few registers.
        #expect(throws: SecurityError.invalidKSN(length: 3, expected: 10)) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [], dukpt: [1, 0, 3, 1, 2, 3]))
        }
        let ksn = h("FFFF9876543210E00000")
        #expect(throws: SecurityError.malformedSealedData(reason: "wrong DUKPT register count")) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [], dukpt: [1, 0, 10] + ksn + [1, 0, 0, 0, 1, 20]))
        }
        #expect(throws: SecurityError.malformedSealedData(reason: "DUKPT counter out of range")) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [], dukpt: [1, 0, 10] + ksn + [1, 0, 0x20, 0, 0, 21]))
        }
        // A register holding a TMK instead of a future key.
        var dukpt: [UInt8] = [1, 0, 10] + ksn + [1, 0, 0, 0, 1, 21]
        var writer = ByteWriter()
        writer.blob(try KeySealing.seal(tmk, kek: Self.kek))
        dukpt += writer.bytes
        #expect(throws: SecurityError.malformedSealedData(reason: "a DUKPT register holds a TMK key")) {
            try SoftwareSecureElement(keyEncryptionKey: Self.kek, sealedState: try image(keys: [], dukpt: dukpt))
        }
    }
}
