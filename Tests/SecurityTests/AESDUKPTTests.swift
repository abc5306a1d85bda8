import Testing
@testable import Security

/// ANSI X9.24-3:2017 supplement vectors (protocol.md §13.2; the wider tables as transcribed in
/// openemv/dukpt's AES-128 and AES-256 tests).
@Suite struct AESDUKPTTests {
    static let bdk128 = key("FEDCBA9876543210F1F1F1F1F1F1F1F1")
    static let bdk256 = key("FEDCBA9876543210F1F1F1F1F1F1F1F1FEDCBA9876543210F1F1F1F1F1F1F1F1")
    static let initialKeyID = h("1234567890123456")
    static let ik128 = "1273671EA26AC29AFA4D1084127652A1"
    static let ik256 = "CE9CE0C101D1138F97FB6CAD4DF045A7083D4EAE2D35A31789D01CCF0949550F"

    static let aes128Keys: [(UInt32, String)] = [
        (1, "4F21B565BAD9835E112B6465635EAE44"), (2, "2F34D68DE10F68D38091A73B9E7C437C"),
        (3, "031504E530365CF81264238540518318"), (4, "0EEFC7ADA628BA68878DA9165A8A1887"),
        (5, "C2A7AC328A5DA2D6002D62465BFC028B"), (6, "D30F7D9351DA58448A2F5E92B4EE3B7D"),
        (7, "A8253CEED9AC042C54F75D35C8352278"), (8, "718EE6CF0B27E53D5F7AF99C4D8146A2"),
        (0x0001FFFE, "E21E8C8D347F8561A2BE752DAA85A111"), (0x00020000, "F7AE9025468A25D37B7249CFFED224C8"),
        (0x00020001, "692C8EA4013645135B36497131DF9D2C"), (0xFFFE2000, "48E585B694EB0B18D5C35443E163C0BA"),
        (0xFFFE4000, "396C2C7CA1EA701C03B86B7D41F0C562"), (0xFFFE8000, "0387625F189B58AE03EF0E8CCA41105E"),
        (0xFFFF0000, "F6BA59389BD14A9855BE9727E7C52E3C"),
    ]

    static let aes256Keys: [(UInt32, String)] = [
        (1, "54AC2B32B145EA4A554CB8BC44B17467063A799856B1CCC2A138D36E8DBF78B3"),
        (2, "5DD5A0253842BBBE1D7C0DA27021412C6F1FAB53FB928DEAE56DA06090A9DE97"),
        (0x00020000, "D62DDA94A47D7DA5D763443B4ECB15EA8DD62E0E4F915958BA459591F8312E37"),
        (0xFFFF0000, "6D6DB7AAAE8B3EA90E57A39E4BBA71E173B21B446B30A78D64BFC6A8806C55EE"),
    ]

    @Test func derivationDataAndInitialKeys() throws {
        let data = AESDUKPT.derivationData(usage: 0x8001, type: .aes128, blockCounter: 1, material: Self.initialKeyID)
        #expect(hex(data) == "01018001000200801234567890123456")
        #expect(hex(try AESDUKPT.initialKey(bdk: Self.bdk128, initialKeyID: Self.initialKeyID).bytes) == Self.ik128)
        #expect(hex(try AESDUKPT.initialKey(bdk: Self.bdk256, initialKeyID: Self.initialKeyID).bytes) == Self.ik256)
    }

    @Test func hostTransactionKeys() throws {
        for (bdk, table) in [(Self.bdk128, Self.aes128Keys), (Self.bdk256, Self.aes256Keys)] {
            for (counter, expected) in table {
                let ksn = try AESDUKPT.ksn(Self.initialKeyID + [0, 0, 0, 0], withCounter: counter)
                #expect(hex(try AESDUKPT.transactionKey(bdk: bdk, ksn: ksn).bytes) == expected, "counter \(counter)")
            }
        }
    }

    // protocol.md §13.2 / §12.3: PIN key for counter 1 and the format 4 block under it.
    @Test func pinKeyAndPINBlock() throws {
        let ksn = h("123456789012345600000001")
        let txn = try AESDUKPT.transactionKey(bdk: Self.bdk128, ksn: ksn)
        let pinKey = try AESDUKPT.workingKey(.pinEncryption, type: .aes128, from: txn, ksn: ksn)
        #expect(hex(pinKey.bytes) == "AF8CB133A78F8DC2D1359F18527593FB")
        let block = try ISO9564.encryptFormat4(pin: digits("1234"), pan: "4111111111111111", key: pinKey, random: h("2F69ADDE2E9E7ACE"))
        #expect(hex(block.bytes) == "A912150391AB65A67E52883D81CE2D15")
    }

    @Test func deviceMatchesHostAndSkipsHeavyCounters() throws {
        let ik = key(Self.ik128)
        var device = try AESDUKPTDevice(initialKey: ik, ksn: Self.initialKeyID + [0, 0, 0, 0])
        for (counter, expected) in Self.aes128Keys.prefix(8) {
            let (ksn, k) = try device.nextTransaction()
            #expect(AESDUKPT.counter(of: ksn) == counter)
            #expect(hex(k.bytes) == expected)
        }
        // Near the end: registers as a device holds them before FFFE2000; it must then walk
        // FFFE4000, FFFE8000, FFFF0000 and be exhausted.
        func hostKey(_ counter: UInt32) throws -> SecretKey {
            try AESDUKPT.transactionKey(initialKey: ik, ksn: try AESDUKPT.ksn(Self.initialKeyID + [0, 0, 0, 0], withCounter: counter))
        }
        var registers = [SecretKey?](repeating: nil, count: 32)
        registers[13] = try hostKey(0xFFFE2000)
        registers[14] = try hostKey(0xFFFE4000)
        registers[15] = try hostKey(0xFFFE8000)
        registers[16] = try hostKey(0xFFFF0000)
        var late = AESDUKPTDevice(initialKSN: Self.initialKeyID + [0, 0, 0, 0],
                                  registers: FutureKeyRegisters(counterBits: 32, maxOneBits: 16, registers: registers, nextCounter: 0xFFFE2000))
        for (counter, expected) in Self.aes128Keys.suffix(4) {
            let (ksn, k) = try late.nextTransaction()
            #expect(AESDUKPT.counter(of: ksn) == counter)
            #expect(hex(k.bytes) == expected)
        }
        #expect(late.nextKSN == nil)
        #expect(throws: SecurityError.ksnExhausted) { try late.nextTransaction() }
    }

    @Test func deviceAgreesWithHostOverFiveHundredTransactions() throws {
        let ik = key(Self.ik256)
        var device = try AESDUKPTDevice(initialKey: ik, ksn: h("123456789012345600000000"))
        for _ in 0..<500 {
            let (ksn, k) = try device.nextTransaction()
            #expect(k.bytes == (try AESDUKPT.transactionKey(initialKey: ik, ksn: ksn)).bytes)
        }
    }

    @Test func workingKeyStrengthAndBadInput() throws {
        let ksn = h("123456789012345600000001")
        let txn = try AESDUKPT.transactionKey(bdk: Self.bdk128, ksn: ksn)
        #expect(throws: SecurityError.unsupportedDerivation(reason: "a AES-256 working key is stronger than its AES-128 derivation key")) {
            try AESDUKPT.workingKey(.pinEncryption, type: .aes256, from: txn, ksn: ksn)
        }
        #expect(try AESDUKPT.workingKey(.macGeneration, type: .tdes3, from: txn, ksn: ksn).count == 24)
        #expect(try AESDUKPT.workingKey(.dataBoth, type: .tdes2, from: txn, ksn: ksn).count == 16)
        let txn256 = try AESDUKPT.transactionKey(bdk: Self.bdk256, ksn: ksn)
        #expect(try AESDUKPT.workingKey(.pinEncryption, type: .aes256, from: txn256, ksn: ksn).count == 32)
        #expect(throws: SecurityError.invalidKSN(length: 10, expected: 12)) {
            try AESDUKPT.transactionKey(bdk: Self.bdk128, ksn: [UInt8](repeating: 0, count: 10))
        }
        #expect(throws: SecurityError.invalidTransactionCounter(0x0001FFFF)) {
            try AESDUKPT.transactionKey(bdk: Self.bdk128, ksn: h("12345678901234560001FFFF"))
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "AES DUKPT", length: 8)) {
            try AESDUKPT.initialKey(bdk: SecretKey([UInt8](repeating: 0, count: 8)), initialKeyID: Self.initialKeyID)
        }
    }
}
