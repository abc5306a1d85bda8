import Testing
@testable import Security

/// ANSI X9.24-1:2009 Annex A.4 (protocol.md §13.1; full tables as transcribed in openemv/dukpt).
@Suite struct TDESDUKPTTests {
    static let bdk = key("0123456789ABCDEFFEDCBA9876543210")
    static let initialKSN = h("FFFF9876543210E00000")
    static let ipek = "6AC292FAA1315B4D858AB3A3D7D5933A"
    static let clearPINBlock = h("041274EDCBA9876F")

    /// A.4.2: counter, transaction key, PIN block under its PIN variant.
    static let initialSequence: [(UInt32, String, String)] = [
        (1, "042666B49184CFA368DE9628D0397BC9", "1B9C1845EB993A7A"),
        (2, "C46551CEF9FD24B0AA9AD834130D3BC7", "10A01C8D02C69107"),
        (3, "0DF3D9422ACA56E547676D07AD6BADFA", "18DC07B94797B466"),
        (4, "279C0F6AEED0BE652B2C733E1383AE91", "0BC79509D5645DF7"),
        (5, "5F8DC6D2C845C125508DDC048093B83F", "5BC0AF22AD87B327"),
        (6, "5E415CB0BAF9F03CD0C14B63FB62FF43", "A16DF70AE36158D8"),
        (7, "0C8F780B7C8B49D0AE84A9EB2A6CE660", "27711C16CB257F8E"),
        (8, "27F66D5244FF62E1AA6F6120EDEB4280", "50E55547A5027551"),
        (9, "27E31064FDC565698900E2057F658E7E", "536CF7F678ACFC8D"),
        (10, "6CF2500A22507C7CC776CEADC1E33014", "EDABBA23221833FE"),
        (11, "3E8260BA04B2D620C01482B3819A18B7", "2328981C57B4BDBA"),
        (12, "B716E1E11CF53D80726CAEE75C3A624F", "038D03CC926CF286"),
        (13, "E072EDF95340535FB6C581C58FBF2533", "6C8AA97088B62C68"),
        (14, "A80046087F5B8F245AAD95E18429084F", "F17C9E1D72CD4950"),
        (15, "93DD5B956C4878472E453AAEFD32A5AA", "B170F6E7F7F2F64A"),
        (16, "59598DCBD9BD94C094165CE453585F57", "D5D9638559EF53D6"),
        (17, "2B5F01F4F0CC05EA639D523231BF1BA2", "D544F8CDD292C863"),
        (18, "9CF640F279C2AEE615F725EEEAC2CBAF", "7A21BD10F36DC41D"),
        (19, "C3DF489FDF1153B4F03DE97C27DC4C2F", "78649BD17D0DFA60"),
        (20, "658488507721B3F14737FA93F923CBD2", "7E7E16EA0C31AD56"),
        (21, "E161D1956A61F6D2F37AFD7F9CC3699A", "72105C22EBC791E6"),
    ]

    /// A.4.3: the rollover sequence, where counters with ten one-bits are skipped.
    static let rolloverSequence: [(UInt32, String, String)] = [
        (0x0FF800, "F9CDFEBF4F5B1D9EB3EC12454527E176", "33365F5CC6F23C35"),
        (0x0FF801, "5BEE92627E97825C911BF619DF72CA3B", "3A86BF003F835C9D"),
        (0x0FF802, "64CA2F8AB93F61B01620B00BF77C7301", "3DB977D05C36DF3F"),
        (0x0FF804, "35A168695B3BA83307E871C42021DD37", "BA83243305712099"),
        (0x0FF808, "12C380FCB72ED3C26FC6079AF63F4787", "B0DA04AC90A36D85"),
        (0x0FF810, "D8007C833A1E3C49C6889B97A68C54FF", "2CF02BD9C309EEDA"),
        (0x0FF820, "A9C9FF9B735FDD49591F296B0BF0FD70", "9D1E2F77AEEE81C6"),
        (0x0FF840, "0E3E221062CB5E03A384602783A004FA", "40870B0F8BA2011C"),
        (0x0FF880, "CA8225C587124DFBB87F279C0BE29727", "22E340D6ABB40981"),
        (0x0FF900, "906AAC1751D4971A144D52C76C6E1F97", "1A4C10AFBA03A430"),
        (0x0FFA00, "2B9E2CE7C2750337E10B54D2989EA6AF", "849763B43E5F9CFF"),
        (0x0FFC00, "F9430DF975082491C77BE4EF4FDB91EE", "DEFC6F09F8927B71"),
        (0x100000, "AA4D58DB653EC74A48C75F2F047DD2B5", "73EC88AD0AC5830E"),
    ]

    @Test func initialKey() throws {
        #expect(hex(try TDESDUKPT.initialKey(bdk: Self.bdk, ksn: Self.initialKSN).bytes) == Self.ipek)
        // The counter bits of the KSN do not matter.
        #expect(hex(try TDESDUKPT.initialKey(bdk: Self.bdk, ksn: h("FFFF9876543210EFF800")).bytes) == Self.ipek)
    }

    @Test func hostDerivationMatchesBothTables() throws {
        for (counter, txnKey, pinBlock) in Self.initialSequence + Self.rolloverSequence {
            let ksn = try TDESDUKPT.ksn(Self.initialKSN, withCounter: counter)
            let derived = try TDESDUKPT.transactionKey(bdk: Self.bdk, ksn: ksn)
            #expect(hex(derived.bytes) == txnKey, "counter \(counter)")
            let pinKey = try TDESDUKPT.workingKey(.pin, from: derived)
            #expect(hex(try TDES.encrypt(Self.clearPINBlock, key: pinKey.bytes)) == pinBlock, "counter \(counter)")
        }
    }

    @Test func deviceWalksTheInitialSequence() throws {
        var device = try TDESDUKPTDevice(initialKey: key(Self.ipek), ksn: Self.initialKSN)
        #expect(device.nextKSN == h("FFFF9876543210E00001"))
        for (counter, txnKey, pinBlock) in Self.initialSequence {
            let (ksn, k) = try device.nextTransaction()
            #expect(TDESDUKPT.counter(of: ksn) == counter)
            #expect(hex(k.bytes) == txnKey)
            let block = try ISO9564.encryptFormat0(pin: digits("1234"), pan: "4012345678909", key: try TDESDUKPT.workingKey(.pin, from: k))
            #expect(hex(block.bytes) == pinBlock)
        }
    }

    /// Puts a device just before counter 0FF800 (registers as a real device would hold them) and
    /// checks it skips exactly the counters A.4.3 skips, then rolls over to 100000.
    @Test func deviceRollsOverLikeA43() throws {
        let ipek = key(Self.ipek)
        func hostKey(_ counter: UInt32) throws -> SecretKey {
            try TDESDUKPT.transactionKey(initialKey: ipek, ksn: try TDESDUKPT.ksn(Self.initialKSN, withCounter: counter))
        }
        var registers = [SecretKey?](repeating: nil, count: 21)
        registers[11] = try hostKey(0x0FF800)
        registers[20] = try hostKey(0x100000)
        var device = TDESDUKPTDevice(
            initialKSN: Self.initialKSN,
            registers: FutureKeyRegisters(counterBits: 21, maxOneBits: 10, registers: registers, nextCounter: 0x0FF800))
        for (counter, txnKey, _) in Self.rolloverSequence {
            let (ksn, k) = try device.nextTransaction()
            #expect(TDESDUKPT.counter(of: ksn) == counter)
            #expect(hex(k.bytes) == txnKey)
        }
        #expect(device.nextKSN == h("FFFF9876543210F00001"))
    }

    @Test func deviceAgreesWithHostOverAThousandTransactions() throws {
        let ipek = key(Self.ipek)
        var device = try TDESDUKPTDevice(initialKey: ipek, ksn: Self.initialKSN)
        var previous: UInt32 = 0
        for _ in 0..<1000 {
            let (ksn, k) = try device.nextTransaction()
            let counter = TDESDUKPT.counter(of: ksn)
            #expect(counter > previous && counter.nonzeroBitCount <= 10)
            previous = counter
            #expect(k.bytes == (try TDESDUKPT.transactionKey(initialKey: ipek, ksn: ksn)).bytes)
        }
    }

    @Test func smallDeviceRunsOutWithATypedError() throws {
        // Same engine, 4-bit counter with at most 2 one-bits: 1,2,3,4,5,6,8,9,10,12 then exhausted.
        let derive: FutureKeyRegisters.Derive = { parent, counter in SecretKey(parent.bytes + [UInt8(counter)]) }
        var registers = try FutureKeyRegisters(initialKey: SecretKey([]), counterBits: 4, maxOneBits: 2, derive: derive)
        var counters: [UInt32] = []
        while let next = try? registers.next(derive: derive) {
            counters.append(next.counter)
            // Each key records its derivation path: the counters with one more bit each step.
            #expect(next.key.bytes.last.map(UInt32.init) == next.counter)
        }
        #expect(counters == [1, 2, 3, 4, 5, 6, 8, 9, 10, 12])
        #expect(throws: SecurityError.ksnExhausted) { try registers.next(derive: derive) }
    }

    @Test func variantsAndBadInput() throws {
        let k = key("042666B49184CFA368DE9628D0397BC9")
        #expect(hex(try TDESDUKPT.workingKey(.pin, from: k).bytes) == "042666B49184CF5C68DE9628D0397B36")
        #expect(hex(try TDESDUKPT.workingKey(.macRequest, from: k).bytes) == "042666B4918430A368DE9628D03984C9")
        #expect(hex(try TDESDUKPT.workingKey(.macResponse, from: k).bytes) == "042666B46E84CFA368DE96282F397BC9")
        let data = try TDESDUKPT.workingKey(.dataRequest, from: k)
        let variant = xor(k.bytes, h("0000000000FF00000000000000FF0000"))
        #expect(data.bytes == (try TDES.encrypt(variant, key: variant)))
        #expect(throws: SecurityError.invalidKSN(length: 9, expected: 10)) {
            try TDESDUKPT.transactionKey(bdk: Self.bdk, ksn: [UInt8](repeating: 0, count: 9))
        }
        #expect(throws: SecurityError.invalidTransactionCounter(0x0007FF)) {
            try TDESDUKPT.transactionKey(bdk: Self.bdk, ksn: try TDESDUKPT.ksn(Self.initialKSN, withCounter: 0x7FF))
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "TDES DUKPT BDK", length: 24)) {
            try TDESDUKPT.initialKey(bdk: SecretKey([UInt8](repeating: 1, count: 24)), ksn: Self.initialKSN)
        }
        #expect(throws: SecurityError.invalidTransactionCounter(0x200000)) {
            try TDESDUKPT.ksn(Self.initialKSN, withCounter: 0x200000)
        }
    }

    @Test func deviceDoesNotPrintKeys() throws {
        let device = try TDESDUKPTDevice(initialKey: key(Self.ipek), ksn: Self.initialKSN)
        #expect(device.description == "TDESDUKPTDevice(next KSN FFFF9876543210E00001, keys redacted)")
        var dumped = ""
        dump(device, to: &dumped)
        #expect(!dumped.contains("SecretKey") && !dumped.contains("registers"))
    }
}
