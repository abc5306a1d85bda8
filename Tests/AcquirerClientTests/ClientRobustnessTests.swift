import Foundation
import Acquirer
import AcquirerHost
import Security
import Testing
import struct Journal.SeededRandom

/// The terminal end against bad bytes from the host: garbage, truncated, oversized, replayed
/// and mutated frames arrive ahead of the host's real answer. The client never crashes, never
/// accepts a frame that is not this request's answer, and never loses a reversal.
@Suite struct ClientRobustnessTests {
    @Test func mutatedResponsesNeverLoseATransaction() throws {
        let wire = try InProcessHost()
        _ = try wire.run(.signOn)
        // Capture real answers first.
        for amount in 1...4 { _ = try wire.sale("approve", amount: Int64(amount)) }
        let captured = wire.hostFrames
        var generator = SeededRandom(seed: 0xC11E_0001)
        var approvals = 0
        var failures = 0
        // POSTERM_FUZZ_CASES sets the count for deep runs.
        let rounds = Int(ProcessInfo.processInfo.environment["POSTERM_FUZZ_CASES"] ?? "") ?? 300
        for round in 0..<rounds {
            let frame = captured[Int(generator.next() % UInt64(captured.count))]
            wire.injectBeforeReply = [mutate(frame, &generator)]
            let hadPending = wire.client.hasPendingReversal
            let result = try wire.sale("approve", amount: Int64(10 + round))
            switch result.outcome {
            case .approved:
                approvals += 1
                #expect(!wire.client.hasPendingReversal)
            case .declined(let response):
                #expect(response.responseCode != "00")
                #expect(!wire.client.hasPendingReversal)
            case .failed(let failure):
                failures += 1
                // A sale that got no usable answer stays covered by its reversal (or the
                // earlier reversal was not delivered and the sale never left).
                #expect(wire.client.hasPendingReversal, "\(failure)")
                _ = hadPending
            }
        }
        #expect(approvals > 0)
        #expect(failures > 0)
        // Everything reconciles: the host's balance equals the approved sales the terminal knows.
        wire.injectBeforeReply = []
        if wire.client.hasPendingReversal { _ = try wire.run(.reverse) }
        #expect(!wire.client.hasPendingReversal)
        let approvedAmounts = wire.outputs.compactMap { output -> Int64? in
            guard case .completed(let result) = output, case .approved(let response) = result.outcome,
                  response.mti == .financialResponse else { return nil }
            return response.amount
        }
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000) - approvedAmounts.reduce(0, +))
    }

    @Test func aReplayedOldAnswerIsIgnored() throws {
        let wire = try InProcessHost()
        _ = try wire.sale("approve", amount: 100)
        let old = try #require(wire.hostFrames.last)
        wire.injectBeforeReply = [old, old]
        let result = try wire.sale("approve", amount: 200)
        #expect(result.code == "00")
        #expect(result.response?.amount == 200)
    }

    @Test func garbageFailsTheExchangeAndAnOversizedFrameCostsOneReversalAttempt() throws {
        let wire = try InProcessHost()
        _ = try wire.run(.signOn)
        wire.injectBeforeReply = [Array("HTTP/1.1 200 OK\r\n".utf8)]
        let garbage = try wire.sale("approve", amount: 300)
        guard case .failed(.unreadableResponse) = garbage.outcome else { Issue.record("\(garbage.outcome)"); return }
        #expect(wire.persisted.pendingReversal?.reason == "98")
        // The next session starts with the reversal; an oversized frame spoils its first attempt,
        // the resend on a fresh connection gets through, then the sale goes.
        wire.injectBeforeReply = [[0xFF, 0xFF] + [UInt8](repeating: 0x60, count: 64)]
        let next = try wire.sale("approve", amount: 300)
        #expect(next.reversalsDelivered == 1)
        #expect(next.code == "00")
        #expect(wire.traces.inbound(mti: "0400").count == 2)
        #expect(!wire.client.hasPendingReversal)
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000) - 300)
    }

    @Test func aForgedApprovalWithoutMACIsRefused() throws {
        let wire = try InProcessHost()
        _ = try wire.run(.signOn)
        // An approval for exactly the next request, but with no field 64.
        var forged = HostResponse(mti: .financialResponse, stan: wire.persisted.nextTrace, responseCode: "00",
                                  terminalID: InProcessHost.identity.terminalID)
        forged.processingCode = "000000"
        forged.amount = 777
        forged.merchantID = InProcessHost.identity.merchantID
        let body = try MessageSpec.cup.pack(try forged.message())
        wire.injectBeforeReply = [try Frame(tpdu: TPDU(destination: 0, originator: 3),
                                            header: MessageHeader(softwareVersion: 31, subVersion: 310_000),
                                            body: body).encoded()]
        let result = try wire.sale("approve", amount: 777)
        #expect(result.outcome == .failed(.responseCheckFailed(.macMissing)))
        #expect(wire.persisted.pendingReversal?.reason == "A0")
        #expect(try wire.run(.reverse).code == "00")
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000))
    }

    @Test func aTruncatedAnswerTimesOut() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.sale], noReply: true, times: 1)])
        _ = try wire.run(.signOn)
        wire.injectBeforeReply = [[0x00, 0x40, 0x60, 0x00, 0x00, 0x00, 0x03]]
        let result = try wire.sale("approve", amount: 10)
        #expect(result.outcome == .failed(.noResponse))
        #expect(wire.client.hasPendingReversal)
    }

    @Test func anAbruptDisconnectAfterTheRequestLeavesTheReversalArmed() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.void], dropConnection: true, times: 1)])
        let sale = try wire.sale("approve", amount: 900)
        let response = try #require(sale.response)
        let void = try wire.run(.void(amount: 900, card: try wire.card("approve"), pin: nil,
                                      originalRRN: try #require(response.retrievalReference),
                                      originalAuthorizationCode: response.authorizationCode,
                                      original: OriginalTransaction(batch: 1, stan: try #require(sale.stan))))
        #expect(void.outcome == .failed(.disconnected))
        // The host booked the void; its reversal puts the sale back.
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000))
        #expect(try wire.run(.reverse).code == "00")
        #expect(wire.host.balance(ofCard: "approve") == Int64(100_000_000) - 900)
    }

    private func mutate(_ frame: [UInt8], _ generator: inout SeededRandom) -> [UInt8] {
        var bytes = frame
        switch generator.next() % 5 {
        case 0:
            bytes[Int(generator.next() % UInt64(bytes.count))] ^= UInt8(1 << (generator.next() % 8))
        case 1:
            bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
        case 2:
            bytes += (0..<(1 + generator.next() % 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        case 3:
            let index = 13 + Int(generator.next() % UInt64(bytes.count - 13))
            bytes[index] = UInt8(truncatingIfNeeded: generator.next())
        default:
            break
        }
        return bytes
    }
}
