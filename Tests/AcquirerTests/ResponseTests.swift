import Testing
@testable import Acquirer

@Suite("Response checks and codes")
struct ResponseTests {
    /// A MAC "verifier" for tests: the MAC is the first 8 bytes of the input's XOR fold as hex,
    /// enough to tell a right MAC from a wrong one without keys.
    private static func fakeMAC(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var fold = [UInt8](repeating: 0, count: 4)
        for (index, byte) in input.enumerated() { fold[index % 4] ^= byte }
        return Array(hex(fold).utf8)
    }

    private func approved(_ request: ISO8583Message, code: String = "00",
                          edit: (inout ISO8583Message) -> Void = { _ in }) throws -> (ISO8583Message, [UInt8]) {
        var response = try HostResponse(answering: request, responseCode: code).message()
        edit(&response)
        let pending = try MessageSpec.cup.packForMAC(response)
        let body = try pending.sealed(with: Self.fakeMAC(pending.macInput))
        return (try MessageSpec.cup.unpack(body), body)
    }

    private func check(_ response: (ISO8583Message, [UInt8]), against request: ISO8583Message) throws(ResponseCheckError) {
        try ResponseChecks.check(response: response.0, body: response.1[...], request: request) { input, mac in
            Self.fakeMAC(input) == mac
        }
    }

    private func macedSale() throws -> ISO8583Message {
        var request = try Fixtures.sale.message()
        request[64] = Fixtures.mac
        return request
    }

    @Test func goodResponsePasses() throws {
        let request = try macedSale()
        try check(try approved(request), against: request)
        // Partial approval may change the amount.
        try check(try approved(request, code: "10") { $0.setText(4, "000000000999") }, against: request)
        // A decline need not echo the merchant id.
        try check(try approved(request, code: "51") { $0.setText(42, "999999999999999") }, against: request)
    }

    @Test func eachCheckFailsWithItsOwnError() throws {
        let request = try macedSale()
        var (response, body) = try approved(request)
        body[body.count - 1] ^= 1
        response = try MessageSpec.cup.unpack(body)
        #expect(throws: ResponseCheckError.macMismatch) { try check((response, body), against: request) }
        #expect(ResponseCheckError.macMismatch.reversalReason == .macFailure)

        let unMACed = try HostResponse(answering: request, responseCode: "00").message()
        let unMACedBody = try MessageSpec.cup.pack(unMACed)
        #expect(throws: ResponseCheckError.macMissing) { try check((unMACed, unMACedBody), against: request) }
        // A0 without MAC is accepted by the MAC step (hosts differ); it is a decline anyway.
        var a0 = unMACed
        a0.setText(39, "A0")
        try check((a0, try MessageSpec.cup.pack(a0)), against: request)

        #expect(throws: ResponseCheckError.unexpectedMTI(expected: MTI(210), actual: MTI(230))) {
            try check(try approved(request) { $0.mti = MTI(230) }, against: request)
        }
        #expect(throws: ResponseCheckError.fieldMismatch(field: 3)) {
            try check(try approved(request) { $0.setText(3, "200000") }, against: request)
        }
        #expect(throws: ResponseCheckError.fieldMismatch(field: 11)) {
            try check(try approved(request) { $0.setText(11, "000124") }, against: request)
        }
        #expect(throws: ResponseCheckError.fieldMismatch(field: 41)) {
            try check(try approved(request) { $0.setText(41, "10000002") }, against: request)
        }
        #expect(throws: ResponseCheckError.fieldMismatch(field: 42)) {
            try check(try approved(request) { $0.setText(42, "999999999999999") }, against: request)
        }
        #expect(throws: ResponseCheckError.fieldMismatch(field: 4)) {
            try check(try approved(request) { $0.setText(4, "000000000999") }, against: request)
        }
        #expect(ResponseCheckError.fieldMismatch(field: 4).reversalReason == .noResponse)
        var noCode = unMACed
        noCode[39] = nil
        #expect(throws: ResponseCheckError.missingResponseCode) {
            try ResponseChecks.check(response: noCode, body: try MessageSpec.cup.pack(noCode)[...],
                                     request: request) { _, _ in true }
        }
    }

    @Test func responseCodeTableCoversTheReference() {
        let codes = ResponseCodeTable.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in ["00", "01", "03", "04", "05", "10", "11", "12", "13", "14", "15", "21", "22", "25", "30", "34",
                     "38", "40", "41", "43", "45", "51", "54", "55", "57", "58", "59", "61", "62", "64", "65", "68",
                     "75", "77", "90", "91", "92", "94", "96", "97", "98", "99", "A0", "A1", "A2", "A4", "A5", "A6",
                     "A7", "C1", "Y1", "Y3", "Z1", "Z3"] {
            #expect(codes.contains(code), "code \(code) missing")
        }
        for info in ResponseCodeTable.all {
            #expect(!info.chinese.isEmpty && !info.english.isEmpty && !info.meaning.isEmpty)
        }
        #expect(ResponseCodeInfo.lookup("00").action == .approve)
        #expect(ResponseCodeInfo.lookup("10").action == .approvePartial)
        #expect(ResponseCodeInfo.lookup("A0").action == .signOnAgain)
        #expect(ResponseCodeInfo.lookup("99").action == .signOnAgain)
        #expect(ResponseCodeInfo.lookup("77").action == .signOnAgain)
        #expect(ResponseCodeInfo.lookup("41").action == .retainCard)
        #expect(ResponseCodeInfo.lookup("45").action == .useChip)
        #expect(ResponseCodeInfo.lookup("51").chinese == "可用余额不足")
        #expect(ResponseCodeInfo.lookup("51").english == "Insufficient funds")
        let unknown = ResponseCodeInfo.lookup("Q9")
        #expect(unknown.chinese == "交易失败" && unknown.code == "Q9" && !unknown.isApproval)
    }
}
