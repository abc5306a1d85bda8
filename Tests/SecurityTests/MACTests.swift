import Testing
@testable import Security

@Suite struct MACTests {
    /// protocol.md §7.2: the whole 0200 frame; the MAB runs from the MTI to the end of field 63.
    static let frame = h("007F600003000060321032007202003020048000C08015000000000000001234000002030099303030303030303139353237313831383232313738373531353600192600000100060000000000435F01123238343431323334353637383930313233345F03063136303033365F04063230303832365C0230314233413039324145")
    static let mab = Array(frame[(2 + 5 + 6)..<(frame.count - 8)])
    static let mak = key("0723C80DB5F4CD3D0723C80DB5F4CD3D")

    @Test func cupECBMACMatchesPublishedSample() throws {
        #expect(Self.mab.count == 108)
        let mac = try MAC.cupECB(Self.mab, key: Self.mak)
        #expect(mac == Array("B3A092AE".utf8))
        #expect(mac == Array(Self.frame.suffix(8)))
        // With K1 = K2 the 2-key TDES variant gives the same answer.
        #expect(try MAC.cupECB(Self.mab, key: Self.mak, tripleDES: true) == mac)
        #expect(try MACScheme.cupECB(tripleDES: false).compute(Self.mab, key: Self.mak) == mac)
        #expect(try MAC.verify(mac, over: Self.mab, key: Self.mak, scheme: .cupECB(tripleDES: false)))
        var tampered = Self.mab
        tampered[20] ^= 0x01
        #expect(try !MAC.verify(mac, over: tampered, key: Self.mak, scheme: .cupECB(tripleDES: false)))
    }

    @Test func x99AndX919OverTheSample() throws {
        #expect(hex(try MAC.x919(Self.mab, key: Self.mak)) == "D3CED7612E78B38C")
        #expect(hex(try MAC.cbcMAC(Self.mab, key: SecretKey(Array(Self.mak.bytes.prefix(8))))) == "D3CED7612E78B38C")
        #expect(hex(try MACScheme.x99.compute(Self.mab, key: Self.mak)) == "D3CED7612E78B38C")
        #expect(hex(try MACScheme.x919.compute(Self.mab, key: Self.mak)) == "D3CED7612E78B38C")
    }

    // protocol.md §7.3, psec docstring vectors with ISO padding method 2.
    @Test func psecDocstringVectors() throws {
        let data = h("1234567890ABCDEF")
        let mac3 = try MAC.retailMAC(data, key1: key("0123456789ABCDEFFEDCBA9876543210"),
                                     key2: key("FEDCBA98765432100123456789ABCDEF"), padding: .iso9797Method2)
        #expect(hex(mac3) == "644AA5C915DBDAF8")
        let mac1 = try MAC.cbcMAC(data, key: key("0123456789ABCDEFFEDCBA9876543210"), padding: .iso9797Method2)
        #expect(hex(mac1) == "925B1737EF681AD3")
    }

    @Test func paddingAndBadKeys() throws {
        #expect(MACPadding.zeros.pad([]) == [UInt8](repeating: 0, count: 8))
        #expect(MACPadding.zeros.pad([1, 2, 3, 4, 5, 6, 7, 8]).count == 8)
        #expect(MACPadding.iso9797Method2.pad([1, 2, 3, 4, 5, 6, 7, 8]) == [1, 2, 3, 4, 5, 6, 7, 8, 0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(try MAC.cupECB([], key: Self.mak).count == 8)
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "X9.19", length: 8)) {
            try MAC.x919([1], key: key("0123456789ABCDEF"))
        }
        #expect(throws: SecurityError.invalidKeyLength(algorithm: "DES", length: 5)) {
            try MAC.cupECB([1], key: SecretKey([1, 2, 3, 4, 5]))
        }
    }
}
