import Acquirer
import AcquirerHost
import Foundation
import Security
import Testing

@Suite struct EngineTests {
    @Test func aSignedOnTerminalGetsItsSaleApprovedAndTheResponseIsMACed() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        let reply = try #require(replies(&session, try terminal.sale(card: "approve", amount: 100)).first)
        let message = try TerminalFrames.message(reply)
        #expect(message.text(39) == "00")
        let body = Array(reply.dropFirst(13))
        let input = try #require(MessageSpec.cup.macInput(ofPacked: body[...], message: message))
        #expect(try MAC.cupECB(Array(input), key: try #require(terminal.keys?.macKey)) == message[64])
        // Responses swap the TPDU addresses.
        #expect(Array(reply[3...6]) == [0x00, 0x00, 0x00, 0x03])
    }

    @Test func requestsBeforeSignOnAreRefusedWithC1() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        terminal.keys = WorkingKeys(pinKey: SecretKey([UInt8](repeating: 1, count: 16)),
                                    macKey: SecretKey([UInt8](repeating: 2, count: 8)))
        let reply = try #require(replies(&session, try terminal.sale(card: "approve", amount: 100)).first)
        #expect(try TerminalFrames.code(reply) == "C1")
    }

    @Test func aWrongMACIsA0AndBooksNothing() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        var frame = try terminal.sale(card: "approve", amount: 100)
        frame[frame.count - 1] ^= 0x01
        let reply = try #require(replies(&session, frame).first)
        #expect(try TerminalFrames.code(reply) == "A0")
        #expect(try TerminalFrames.message(reply)[64] == nil)
        #expect(host.balance(ofCard: "approve") == 100_000_000)
    }

    @Test func aReplayedSaleIsADuplicate() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        let frame = try terminal.sale(card: "approve", amount: 100)
        #expect(try TerminalFrames.code(try #require(replies(&session, frame).first)) == "00")
        #expect(try TerminalFrames.code(try #require(replies(&session, frame).first)) == "94")
        #expect(host.balance(ofCard: "approve") == Int64(100_000_000) - 100)
    }

    @Test func aSaleInAnotherBatchIsRefusedWith77() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        terminal.batch = 5
        #expect(try TerminalFrames.code(try #require(replies(&session, try terminal.sale(card: "approve", amount: 1)).first)) == "77")
    }

    @Test func unregisteredTerminalsAndWrongMerchantsAreRefused() throws {
        let cards = try CardDatabase(cards: CardDatabase.builtIn.cards,
                                     terminals: [RegisteredTerminal(terminalID: "20000001", merchantID: "898100012340001")],
                                     acceptsAnyTerminal: false)
        let host = try makeHost(cards: cards)
        var session = HostConnectionSession(host: host)
        var stranger = TerminalFrames(terminalID: "99999999")
        #expect(try TerminalFrames.code(try #require(replies(&session, try stranger.signOn()).first)) == "97")
        var wrongMerchant = TerminalFrames(terminalID: "20000001", merchantID: "000000000000000")
        #expect(try TerminalFrames.code(try #require(replies(&session, try wrongMerchant.signOn()).first)) == "03")
        var known = TerminalFrames()
        #expect(try TerminalFrames.code(try #require(replies(&session, try known.signOn()).first)) == "00")
    }

    @Test func aTerminalWithItsOwnMasterKeyGetsKeysUnderIt() throws {
        let ownKey: [UInt8] = Array(0x10...0x1F)
        let cards = try CardDatabase(cards: CardDatabase.builtIn.cards,
                                     terminals: [RegisteredTerminal(terminalID: "20000001", merchantID: "898100012340001",
                                                                    masterKey: ownKey)])
        let host = try makeHost(cards: cards)
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        let reply = try #require(replies(&session, try terminal.signOn()).first)
        let field62 = try #require(try TerminalFrames.message(reply)[62])
        #expect(throws: SecurityError.self) {
            try KeyDownload.decode(field62: field62, mode: .doubleLength, masterKey: TestKeys.terminalMasterKey)
        }
        _ = try KeyDownload.decode(field62: field62, mode: .doubleLength, masterKey: SecretKey(ownKey))
    }

    @Test func aRequestThatDoesNotFitItsTypeGets30() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var message = ISO8583Message(mti: .financialRequest)
        message.setText(3, "000000")
        message.setText(11, "000001")
        message.setText(25, "00")
        message.setText(41, "20000001")
        message.setText(42, "898100012340001")
        message.setText(60, "99000001000")
        let reply = try #require(replies(&session, try TerminalFrames.frame(try MessageSpec.cup.pack(message))).first)
        #expect(try TerminalFrames.code(reply) == "30")
    }

    @Test func aReversalOfSomethingNeverSeenIs25() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        let sale = SaleRequest(stan: 77, amount: 5, card: CardData(pan: "6222021000000005", entryMethod: .magneticStripe),
                               terminal: terminal.identity, batch: 1)
        let reversal = try ReversalRequest(reversing: try sale.message(), reason: .noResponse)
        let reply = try #require(replies(&session, try terminal.sealed(reversal.message)).first)
        #expect(try TerminalFrames.code(reply) == "25")
    }

    @Test func behavioursDelayWithholdDropAndExpire() throws {
        let host = try makeHost(behaviours: [
            BehaviourRule(terminal: "20000001", kinds: [.sale], delayMilliseconds: 250, times: 1),
            BehaviourRule(card: "approve", kinds: [.sale], noReply: true, times: 1),
            BehaviourRule(card: "6222021000000013", dropConnection: true, times: 1),
        ])
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        let delayed = session.receive(try terminal.sale(card: "approve", amount: 1))
        guard case .send(_, let delay)? = delayed.first else { Issue.record("no reply"); return }
        #expect(delay == 250)
        #expect(session.receive(try terminal.sale(card: "approve", amount: 1)).isEmpty)
        #expect(replies(&session, try terminal.sale(card: "approve", amount: 1)).count == 1)
        let dropped = session.receive(try terminal.sale(card: "low-balance", amount: 1))
        guard case .close? = dropped.first else { Issue.record("not dropped"); return }
        #expect(session.isClosed)
        #expect(host.behaviours.isEmpty)
        // Run-time rules: forced code, then cleared.
        try host.addBehaviour(BehaviourRule(kinds: [.sale], responseCode: "91"))
        var next = HostConnectionSession(host: host)
        try terminal.accept(signOnReply: try #require(replies(&next, try terminal.signOn()).first))
        #expect(try TerminalFrames.code(try #require(replies(&next, try terminal.sale(card: "approve", amount: 1)).first)) == "91")
        host.clearBehaviours()
        #expect(try TerminalFrames.code(try #require(replies(&next, try terminal.sale(card: "approve", amount: 1)).first)) == "00")
        #expect(throws: HostConfigurationError.self) { try host.addBehaviour(BehaviourRule(responseCode: "0")) }
    }
}
