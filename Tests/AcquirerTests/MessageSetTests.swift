import Testing
@testable import Acquirer

@Suite("CUP message set")
struct MessageSetTests {
    @Test func everyFixtureRoundTripsThroughTheCodecAndIsRecognised() throws {
        for (name, message) in try Fixtures.messages() {
            let body = try MessageSpec.cup.pack(message)
            let decoded = try MessageSpec.cup.unpack(body)
            #expect(decoded == message, "\(name)")
            if message.mti.isResponse {
                _ = try HostResponse(decoded)
            } else {
                _ = try CUPRequest(decoded)
            }
        }
    }

    @Test func saleRequestHasTheReferenceLayout() throws {
        let message = try Fixtures.sale.message()
        #expect(message.fieldNumbers == [3, 4, 11, 14, 22, 25, 26, 35, 36, 41, 42, 49, 52, 53, 60, 63])
        #expect(message.text(3) == "000000")
        #expect(message.text(4) == "000000001234")
        #expect(message.text(22) == "021")
        #expect(message.text(26) == "12")
        #expect(message.text(53) == "2600000000000000")
        #expect(message.text(60) == "2200000100060")
        #expect(try SaleRequest(message) == Fixtures.sale)
        guard case .sale(let read) = try CUPRequest(message) else { Issue.record("not a sale"); return }
        #expect(read == Fixtures.sale)
        #expect(try CUPRequest(message).needsReversal)
    }

    @Test func typedRequestsReadBackEqual() throws {
        let void = VoidRequest(stan: 124, amount: 1234, card: Fixtures.stripeCard, pin: Fixtures.pin,
                               terminal: Fixtures.terminal, batch: 1, originalRRN: "112115301234",
                               originalAuthorizationCode: "A1B2C3", original: OriginalTransaction(batch: 1, stan: 123))
        #expect(try VoidRequest(void.message()) == void)
        #expect(try void.message().text(61) == "000001000123")
        let refund = RefundRequest(stan: 125, amount: 1000, card: Fixtures.chipCard, terminal: Fixtures.terminal,
                                   batch: 1, originalRRN: "112115301234",
                                   original: OriginalTransaction(batch: 1, stan: 123, date: "1120"))
        #expect(try refund.message().mti == MTI(220))
        #expect(try RefundRequest(refund.message()) == refund)
        #expect(try !CUPRequest(refund.message()).needsReversal)
        let balance = BalanceInquiryRequest(stan: 5, card: Fixtures.chipCard, pin: nil, terminal: Fixtures.terminal, batch: 1)
        #expect(try balance.message()[4] == nil)
        #expect(try balance.message().text(22) == "052")
        #expect(try BalanceInquiryRequest(balance.message()) == balance)
        let signOn = SignOnRequest(stan: 7, terminal: Fixtures.terminal, batch: 1, keyMode: .double, operatorNumber: "01 ")
        #expect(try signOn.message().text(60) == "00000001003")
        #expect(try SignOnRequest(signOn.message()) == signOn)
        let echo = ManagementRequest(function: .echoTest, stan: 9, terminal: Fixtures.terminal, batch: 1)
        #expect(try echo.message().text(60) == "00000001301")
        #expect(try ManagementRequest(echo.message()) == echo)
        let qr = QRRequest(operation: .cancel, stan: 302, amount: 1234, paymentCode: "134567890123456789",
                           terminal: Fixtures.terminal, batch: 1, original: OriginalTransaction(batch: 1, stan: 300))
        #expect(try QRRequest(qr.message()) == qr)
        #expect(try CUPRequest(qr.message()).needsReversal)
        #expect(try qr.message().text(25) == "99")
        #expect(try qr.message().text(22) == "030")
    }

    @Test func qrPaymentMatchesThePublishedSampleLayout() throws {
        // Sample 7.2: 0200, fields 3 4 11 22 25 41 42 49 60 62 (+ 64), 62 starts with 5F01 + code.
        let qr = QRRequest(operation: .payment, stan: 2, amount: 1234, paymentCode: "284412345678901234",
                           terminal: TerminalIdentity(terminalID: "00000001", merchantID: "952718182217875"), batch: 1)
        var profile = CUPProfile()
        profile.field60Trailing = "60000000"
        let message = try qr.message(profile: profile)
        #expect(message.fieldNumbers == [3, 4, 11, 22, 25, 41, 42, 49, 60, 62])
        let sample = try MessageSpec.cup.unpack(try Frame(unprefixed: try hexBytes(sampleFrameHex)[2...]).body)
        for field in [3, 4, 11, 22, 25, 41, 42, 49, 60] { #expect(message[field] == sample[field], "field \(field)") }
        #expect(Array(try #require(sample[62]).prefix(21)) == Array(try #require(message[62])))
        #expect(try QRRequest(sample, profile: profile).paymentCode == "284412345678901234")
        #expect(QRWallet.classify("284412345678901234") == .alipay)
        #expect(QRWallet.classify("134567890123456789") == .weChatPay)
        #expect(QRWallet.classify("6212345678901234567") == .unionPay)
        #expect(QRWallet.classify("99123") == nil)
        #expect(QRWallet.classify("13456789012345678x") == nil)
    }

    @Test func reversalFollowsSection9_2() throws {
        let original = try Fixtures.sale.message()
        let reversal = try ReversalRequest(reversing: original, reason: .macFailure, authorizationCode: "A1B2C3")
        let message = reversal.message
        #expect(message.mti == MTI(400))
        #expect(message[11] == original[11])
        for field in [26, 35, 36, 37, 52, 53, 64] { #expect(!message.has(field), "field \(field) kept") }
        #expect(message.text(38) == "A1B2C3")
        #expect(message.text(39) == "A0")
        #expect(message.text(61) == "000001000123")
        for field in [2, 3, 4, 14, 22, 25, 41, 42, 49, 60, 63] where original.has(field) {
            #expect(message[field] == original[field], "field \(field)")
        }
        // Stripe sale: field 2 was omitted for track 2 and stays omitted.
        #expect(!message.has(2))
        let read = try ReversalRequest(message)
        #expect(read.reason == .macFailure)
        #expect(read.stan == 123)
        #expect(read.amount == 1234)
        #expect(read.original == OriginalTransaction(batch: 1, stan: 123))
        #expect(throws: MessageError.unexpectedMTI(expected: .financialRequest, actual: .adviceRequest)) {
            try ReversalRequest(reversing: try ISO8583Message.withMTI(.adviceRequest, from: original), reason: .noResponse)
        }
        let chip = try SaleRequest(stan: 9, amount: 5, card: Fixtures.chipCard, terminal: Fixtures.terminal, batch: 3).message()
        let declined = try ReversalRequest(reversing: chip, reason: .cardDeclinedAfterApproval, iccData: [0x95, 0x01, 0x00])
        #expect(declined.message[55] == [0x95, 0x01, 0x00])
        #expect(declined.message.text(61) == "000003000009")
    }

    @Test func signOnResponseExposesKeyMaterialByMode() throws {
        var response = HostResponse(mti: .signOnResponse, stan: 7, responseCode: "00", terminalID: "10000001")
        response.field60 = Field60(transactionType: "00", batch: 42, networkCode: "003")
        response.privateData = Array(0..<40)
        response.time = "080102"
        let result = try HostResponse(try MessageSpec.cup.unpack(try MessageSpec.cup.pack(response.message()))).signOn()
        #expect(result.batch == 42)
        #expect(result.hostTime == "080102")
        #expect(result.keys.pinKey == EncryptedWorkingKey(cryptogram: Array(0..<16), checkValue: Array(16..<20)))
        #expect(result.keys.macKey == EncryptedWorkingKey(cryptogram: Array(20..<28), checkValue: Array(36..<40)))
        #expect(result.keys.trackKey == nil)
        #expect(try result.keys.field62() == Array(0..<28) + [UInt8](repeating: 0, count: 8) + Array(36..<40))
        let single = try WorkingKeyMaterial(field62: Array(0..<24), mode: .single)
        #expect(single.macKey == EncryptedWorkingKey(cryptogram: Array(12..<20), checkValue: Array(20..<24)))
        #expect(try single.field62() == Array(0..<24))
        let withTrack = try WorkingKeyMaterial(field62: Array(0..<60), mode: .doubleWithTrackKey)
        #expect(withTrack.trackKey == EncryptedWorkingKey(cryptogram: Array(40..<56), checkValue: Array(56..<60)))
        #expect(throws: MessageError.invalidField(62)) { try WorkingKeyMaterial(field62: Array(0..<41), mode: .double) }
        response.privateData = Array(0..<24)
        #expect(throws: MessageError.invalidField(62)) { try response.signOn() }
    }

    @Test func settlementTotalsAndSettleCodes() throws {
        let totals = SettlementField(
            domestic: SettlementTotals(debitAmount: 123_456, debitCount: 12, creditAmount: 2_000, creditCount: 1),
            foreign: SettlementTotals(debitAmount: 5, debitCount: 1))
        let digits = try totals.digits()
        #expect(digits == "0000001234560120000000020000010" + "0000000000050010000000000000000")
        #expect(try SettlementField(digits: Array(digits.utf8)) == totals)
        var wrong = totals
        wrong.domestic.debitCount = 1000
        #expect(throws: MessageError.invalidField(48)) { try wrong.digits() }
        var answer = HostResponse(mti: .settlementResponse, stan: 1, responseCode: "00", terminalID: "10000001")
        answer.additionalData = String(digits.prefix(30)) + "2" + String(digits.dropFirst(31).prefix(30)) + "1"
        let settled = try answer.settlement()
        #expect(settled.domestic.settleCode == .unbalanced)
        #expect(settled.foreign.settleCode == .balanced)
        answer.additionalData = String(digits.prefix(30)) + "7" + String(digits.dropFirst(31))
        #expect(throws: MessageError.invalidField(48)) { try answer.settlement() }
    }

    @Test func batchUploadRecordsAndEnd() throws {
        let records = [
            BatchUploadRecord(organisation: .cup, stan: 123, pan: "6222021234567890123", amount: 1234),
            BatchUploadRecord(organisation: .foreign, stan: 126, pan: "4111111111111111", amount: 99_999_999),
        ]
        let request = BatchUploadRequest(stan: 201, terminal: Fixtures.terminal, batch: 1, content: .records(records))
        let message = try request.message()
        #expect(message.text(48) == "02" + "00000123" + "06222021234567890123" + "000000001234"
                + "01000126" + "00004111111111111111" + "000099999999")
        #expect(message.text(60) == "00000001201")
        #expect(try BatchUploadRequest(message) == request)
        let end = BatchUploadRequest(stan: 203, terminal: Fixtures.terminal, batch: 1,
                                     content: .end(totalCount: 3, afterBalancedSettlement: true))
        #expect(try end.message().text(48) == "0003")
        #expect(try end.message().text(60) == "00000001207")
        #expect(try BatchUploadRequest(end.message()) == end)
        #expect(throws: MessageError.invalidField(48)) {
            try BatchUploadRequest(stan: 1, terminal: Fixtures.terminal, batch: 1,
                                   content: .records(Array(repeating: records[0], count: 9))).message()
        }
        let refund = try RefundRequest(stan: 125, amount: 1000, card: Fixtures.stripeCard, pin: Fixtures.pin,
                                       terminal: Fixtures.terminal, batch: 1, originalRRN: "112115301234",
                                       original: OriginalTransaction(batch: 1, stan: 123, date: "1120")).message()
        let single = try BatchUploadRequest.single(from: refund, stan: 202)
        #expect(single.mti == MTI(320))
        #expect(single.text(3) == "200000")
        #expect(single.text(60) == "2500000120160")
        for field in [26, 35, 36, 52, 53] { #expect(!single.has(field)) }
        guard case .batchUploadSingle = try CUPRequest(single) else { Issue.record("not recognised"); return }
    }

    @Test func responsesExposeBalanceAndQRStatus() throws {
        let messages = try Fixtures.messages()
        let balance = try HostResponse(try #require(messages.first { $0.name == "balance 0210" }).message)
        #expect(balance.balance == Balance(accountType: "10", amountType: "02", currency: "156", amount: 8_888_800))
        #expect(Balance(field54: "1002156D000000000100")?.amount == -100)
        #expect(Balance(field54: "1002156X000000000100") == nil)
        let qr = try HostResponse(try #require(messages.first { $0.name == "QR payment 0210" }).message)
        #expect(qr.qrOrderStatus() == .customerPaying)
        #expect(qr.info.action == .approve)
    }

    @Test func typedLayerRejectsBadContentWithoutEchoingIt() throws {
        var message = try Fixtures.sale.message()
        message.setText(22, "991")
        #expect(throws: MessageError.invalidField(22)) { try SaleRequest(message) }
        message = try Fixtures.sale.message()
        message.setText(60, "2200000")
        #expect(throws: MessageError.invalidField(60)) { try SaleRequest(message) }
        message.setText(60, "9900000100060")
        #expect(throws: MessageError.invalidField(60)) { try CUPRequest(message) }
        #expect(throws: MessageError.invalidField(11)) {
            try SaleRequest(stan: 1_000_000, amount: 1, card: Fixtures.chipCard, terminal: Fixtures.terminal, batch: 1).message()
        }
        #expect(throws: MessageError.invalidField(4)) {
            try SaleRequest(stan: 1, amount: -1, card: Fixtures.chipCard, terminal: Fixtures.terminal, batch: 1).message()
        }
        #expect(throws: MessageError.invalidField(52)) {
            try SaleRequest(stan: 1, amount: 1, card: Fixtures.chipCard, pin: PINData(block: [1, 2, 3]),
                            terminal: Fixtures.terminal, batch: 1).message()
        }
        #expect(throws: MessageError.invalidField(61)) {
            try RefundRequest(stan: 1, amount: 1, card: Fixtures.chipCard, terminal: Fixtures.terminal, batch: 1,
                              originalRRN: "1", original: OriginalTransaction(batch: 0, stan: 0)).message()
        }
        #expect(MessageError.invalidField(35).description == "field 35 has invalid content")
    }
}

extension ISO8583Message {
    /// A copy of `message` with another MTI.
    static func withMTI(_ mti: MTI, from message: ISO8583Message) throws -> ISO8583Message {
        var copy = message
        copy.mti = mti
        return copy
    }
}
