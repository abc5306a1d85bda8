import Acquirer
import AcquirerHost
import Security
import Testing

@Suite struct ReversalTests {
    @Test func aSaleWithoutReplyIsReversedExactlyOnceBeforeTheNextSale() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.sale], noReply: true, times: 1)])
        let lost = try wire.sale("approve", amount: 5_000)
        #expect(lost.outcome == .failed(.noResponse))
        #expect(wire.persisted.pendingReversal?.reason == "98")
        // The host booked the sale whose answer was lost.
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000) - 5_000)

        let next = try wire.sale("approve", amount: 700)
        #expect(next.reversalsDelivered == 1)
        #expect(next.code == "00")
        #expect(wire.persisted.pendingReversal == nil)
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000) - 700)
        #expect(wire.traces.inbound(mti: "0400").count == 1)

        // Nothing is pending any more: the next sale sends no reversal.
        #expect(try wire.sale("approve", amount: 1).reversalsDelivered == 0)
        #expect(wire.traces.inbound(mti: "0400").count == 1)
    }

    @Test func aBadResponseMACArmsTheReversalWithReasonA0() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.sale], badMAC: true, times: 1)])
        let result = try wire.sale("approve", amount: 900)
        #expect(result.outcome == .failed(.responseCheckFailed(.macMismatch)))
        #expect(wire.persisted.pendingReversal?.reason == "A0")
        let next = try wire.run(.reverse)
        #expect(next.code == "00")
        let reversal = try #require(wire.traces.inbound(mti: "0400").first)
        let frame = try #require(Hex.decode(reversal.hex))
        let message = try MessageSpec.cup.unpack(Array(frame.dropFirst(13)))
        #expect(message.text(39) == "A0")
        #expect(wire.host.balance(ofCard: "approve") == 100_000_000)
    }

    @Test func reversalsAreRetriedAcrossARestartUntilOneArrives() throws {
        let wire = try InProcessHost()
        _ = try wire.run(.signOn)
        wire.fault = .loseRequests
        #expect(try wire.sale("approve", amount: 4_000).outcome == .failed(.noResponse))
        // Every attempt is lost: the configured resends (2) plus one, then the sale is not sent.
        let blocked = try wire.sale("approve", amount: 10)
        #expect(blocked.outcome == .failed(.reversalUndelivered))
        #expect(wire.persisted.pendingReversal?.attempts == 3)
        #expect(wire.host.balance(ofCard: "approve") == 100_000_000)

        // Power cycle with the link healthy again: the reversal goes first, once.
        wire.restartClient()
        wire.fault = .none
        let result = try wire.sale("approve", amount: 10)
        #expect(result.reversalsDelivered == 1)
        #expect(result.code == "00")
        #expect(wire.persisted.pendingReversal == nil)
        // The host never saw the lost sale: its reversal is answered 25 and still ends the loop.
        #expect(wire.traces.inbound(mti: "0400").count == 1)
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000) - 10)
    }

    @Test func aReversalOfABookedSaleSurvivesAClientRestart() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.sale], dropConnection: true, times: 1)])
        #expect(try wire.sale("approve", amount: 3_000).outcome == .failed(.disconnected))
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000) - 3_000)
        wire.restartClient()
        #expect(wire.client.hasPendingReversal)
        let reversed = try wire.run(.reverse)
        #expect(reversed.code == "00")
        #expect(wire.host.balance(ofCard: "approve") == 100_000_000)
        // A replay of the same reversal changes nothing.
        let frame = try #require(wire.terminalFrames.last)
        var session = HostConnectionSession(host: wire.host)
        let replies = session.receive(frame)
        #expect(replies.count == 1)
        #expect(wire.host.balance(ofCard: "approve") == 100_000_000)
    }

    @Test func settlementGoesAfterThePendingReversal() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.sale], noReply: true, times: 1)])
        _ = try wire.sale("approve", amount: 100)
        let settle = try wire.run(.settle(totals: SettlementField(domestic: SettlementTotals(), foreign: SettlementTotals()),
                                          records: []))
        #expect(settle.reversalsDelivered == 1)
        #expect(settle.settlement?.balanced == true)
    }

    @Test func aCardDeclineAfterApprovalArmsReason06() throws {
        let wire = try InProcessHost()
        #expect(try wire.sale("approve", amount: 800).code == "00")
        for output in try wire.client.armCardDeclineReversal(iccData: [0x9F, 0x26, 0x01, 0x00]) {
            if case .persist(let record) = output { wire.persisted = record }
        }
        #expect(wire.persisted.pendingReversal?.reason == "06")
        #expect(try wire.run(.reverse).code == "00")
        #expect(wire.host.balance(ofCard: "approve") == 100_000_000)
    }

    @Test func reverseWithNothingPendingSaysSo() throws {
        let wire = try InProcessHost()
        #expect(try wire.run(.reverse).outcome == .failed(.nothingToReverse))
    }
}
