@testable import Acquirer

/// One message of every type the package builds, as the terminal or the host would send it.
enum Fixtures {
    static let terminal = TerminalIdentity(terminalID: "10000001", merchantID: "898100012340001")
    static let stripeCard = CardData(pan: "6222021234567890123", expiry: "2812",
                                     track2: "6222021234567890123=28121011234567890",
                                     track3: "996222021234567890123=1561560500050006001013000000010000000000000000000=000000000000=000000000000000000",
                                     entryMethod: .magneticStripe)
    static let chipCard = CardData(pan: "6222021234567890", expiry: "2812", entryMethod: .contactChip,
                                   sequenceNumber: 1,
                                   iccData: [0x9F, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x9F, 0x27, 0x01, 0x80])
    static let pin = PINData(block: [0x1B, 0x9C, 0x18, 0x45, 0xEB, 0x99, 0x3A, 0x7A])
    static let sale = SaleRequest(stan: 123, amount: 1234, card: stripeCard, pin: pin, terminal: terminal,
                                  batch: 1, operatorNumber: "01 ")

    /// A fixed fake MAC: the codec never computes one.
    static let mac: [UInt8] = Array("B3A092AE".utf8)

    /// Every request and response type, named, without MAC.
    static func messages() throws -> [(name: String, message: ISO8583Message)] {
        let saleMessage = try sale.message()
        var approved = try HostResponse(answering: saleMessage, responseCode: "00")
        approved.time = "153012"
        approved.date = "1121"
        approved.settlementDate = "1121"
        approved.acquirerID = "48020000"
        approved.retrievalReference = "112115301234"
        approved.authorizationCode = "A1B2C3"
        approved.additionalResponse = "0102000003020000"
        approved.cardOrganisation = "CUP"
        var signOnResponse = HostResponse(mti: .signOnResponse, stan: 7, responseCode: "00", terminalID: terminal.terminalID)
        signOnResponse.merchantID = terminal.merchantID
        signOnResponse.time = "080000"
        signOnResponse.date = "1121"
        signOnResponse.retrievalReference = "112108000007"
        signOnResponse.field60 = Field60(transactionType: "00", batch: 2, networkCode: "004")
        signOnResponse.privateData = Array(0..<60)
        let totals = SettlementField(
            domestic: SettlementTotals(debitAmount: 123_456, debitCount: 12, creditAmount: 2_000, creditCount: 1),
            foreign: SettlementTotals())
        let settlement = try SettlementRequest(stan: 200, terminal: terminal, batch: 1, totals: totals,
                                               operatorNumber: "01 ").message()
        var settlementResponse = try HostResponse(answering: settlement, responseCode: "00")
        var answeredTotals = totals
        answeredTotals.domestic.settleCode = .unbalanced
        answeredTotals.foreign.settleCode = .balanced
        settlementResponse.additionalData = try answeredTotals.digits()
        var balanceResponse = try HostResponse(
            answering: try BalanceInquiryRequest(stan: 5, card: chipCard, pin: pin, terminal: terminal, batch: 1).message(),
            responseCode: "00")
        balanceResponse.additionalAmounts = Balance(accountType: "10", amountType: "02", currency: "156", amount: 8_888_800).field54
        balanceResponse.iccData = [0x91, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 0x30, 0x30]
        let qrPayment = try QRRequest(operation: .payment, stan: 300, amount: 1234, paymentCode: "284412345678901234",
                                      terminal: terminal, batch: 1).message()
        var qrResponse = try HostResponse(answering: qrPayment, responseCode: "00")
        qrResponse.privateData = TLV(tag: 0x5F05, value: Array("P".utf8)).bytes
        let void = try VoidRequest(stan: 124, amount: 1234, card: stripeCard, pin: pin, terminal: terminal, batch: 1,
                                   originalRRN: "112115301234", originalAuthorizationCode: "A1B2C3",
                                   original: OriginalTransaction(batch: 1, stan: 123)).message()
        let refund = try RefundRequest(stan: 125, amount: 1000, card: chipCard, terminal: terminal, batch: 1,
                                       originalRRN: "112115301234",
                                       original: OriginalTransaction(batch: 1, stan: 123, date: "1120")).message()
        let reversal = try ReversalRequest(reversing: saleMessage, reason: .noResponse, authorizationCode: "A1B2C3").message
        return [
            ("sign-on 0800", try SignOnRequest(stan: 7, terminal: terminal, batch: 1, keyMode: .doubleWithTrackKey,
                                               terminalInfo: Array("Sequence No12345600000001".utf8),
                                               operatorNumber: "01 ").message()),
            ("sign-on 0810", try signOnResponse.message()),
            ("sign-off 0820", try ManagementRequest(function: .signOff, stan: 8, terminal: terminal, batch: 1).message()),
            ("echo 0820", try ManagementRequest(function: .echoTest, stan: 9, terminal: terminal, batch: 1).message()),
            ("echo 0830", try HostResponse(answering: try ManagementRequest(function: .echoTest, stan: 9,
                                                                           terminal: terminal, batch: 1).message(),
                                           responseCode: "00").message()),
            ("sale 0200", saleMessage),
            ("sale 0210", try approved.message()),
            ("chip sale 0200", try SaleRequest(stan: 126, amount: 99_999_999, card: chipCard, pin: pin,
                                               terminal: terminal, batch: 1).message()),
            ("void 0200", void),
            ("void 0210", try HostResponse(answering: void, responseCode: "00").message()),
            ("refund 0220", refund),
            ("refund 0230", try HostResponse(answering: refund, responseCode: "25").message()),
            ("balance 0200", try BalanceInquiryRequest(stan: 5, card: chipCard, pin: pin, terminal: terminal,
                                                       batch: 1).message()),
            ("balance 0210", try balanceResponse.message()),
            ("reversal 0400", reversal),
            ("reversal 0410", try HostResponse(answering: reversal, responseCode: "00").message()),
            ("settlement 0500", settlement),
            ("settlement 0510", try settlementResponse.message()),
            ("batch upload 0320", try BatchUploadRequest(stan: 201, terminal: terminal, batch: 1, content: .records([
                BatchUploadRecord(organisation: .cup, stan: 123, pan: "6222021234567890123", amount: 1234),
                BatchUploadRecord(organisation: .foreign, stan: 126, pan: "4111111111111111", amount: 99_999_999),
            ])).message()),
            ("batch upload single 0320", try BatchUploadRequest.single(from: refund, stan: 202)),
            ("batch end 0320", try BatchUploadRequest(stan: 203, terminal: terminal, batch: 1,
                                                      content: .end(totalCount: 3, afterBalancedSettlement: false)).message()),
            ("batch upload 0330", try HostResponse(mti: .batchUploadResponse, stan: 203, responseCode: "00",
                                                   terminalID: terminal.terminalID).message()),
            ("QR payment 0200", qrPayment),
            ("QR payment 0210", try qrResponse.message()),
            ("QR query 0200", try QRRequest(operation: .query, stan: 301, amount: 1234,
                                            paymentCode: "284412345678901234", terminal: terminal, batch: 1,
                                            original: OriginalTransaction(batch: 1, stan: 300)).message()),
            ("QR cancel 0200", try QRRequest(operation: .cancel, stan: 302, amount: 1234,
                                             paymentCode: "134567890123456789", terminal: terminal, batch: 1,
                                             original: OriginalTransaction(batch: 1, stan: 300)).message()),
        ]
    }

    /// Every fixture as a full TCP frame, MACed (with the fake MAC) where a terminal link would MAC it.
    static func frames() throws -> [(name: String, bytes: [UInt8])] {
        let header = MessageHeader(softwareVersion: 31, subVersion: 310000)
        return try messages().map { name, message in
            let unMACed = message.mti == .signOnRequest || message.mti == .signOnResponse
                || message.mti == .managementRequest || message.mti == .managementResponse
            let body = unMACed ? try MessageSpec.cup.pack(message)
                : try MessageSpec.cup.packForMAC(message).sealed(with: mac)
            let tpdu = message.mti.isResponse ? TPDU(destination: 0, originator: 3) : TPDU(destination: 3, originator: 0)
            return (name, try Frame(tpdu: tpdu, header: header, body: body).encoded())
        }
    }
}
