import Acquirer
import AcquirerHost
import Foundation
import Security
import Testing
import struct Journal.SeededRandom

/// The engine and its framing against mutated real frames: whatever arrives, the host answers,
/// ignores or closes that one connection, never crashes, and keeps serving everyone else.
@Suite struct FrameFuzzTests {
    /// Real frames of a terminal's day: sign-on, sales, a void, a reversal, a settlement.
    private func capturedFrames(host: AcquirerHost) throws -> (TerminalFrames, [[UInt8]]) {
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames(terminalID: "30000001")
        var frames: [[UInt8]] = []
        let signOn = try terminal.signOn()
        frames.append(signOn)
        try terminal.accept(signOnReply: try #require(replies(&session, signOn).first))
        let sale = try terminal.sale(card: "approve", amount: 1_000)
        frames.append(sale)
        let saleReply = try TerminalFrames.message(try #require(replies(&session, sale).first))
        let void = VoidRequest(stan: terminal.nextStan(), amount: 1_000,
                               card: CardData(pan: "6222021000000005", entryMethod: .magneticStripe),
                               terminal: terminal.identity, batch: 1, originalRRN: try #require(saleReply.text(37)),
                               originalAuthorizationCode: saleReply.text(38),
                               original: OriginalTransaction(batch: 1, stan: terminal.stan - 1))
        let voidFrame = try terminal.sealed(try void.message())
        frames.append(voidFrame)
        _ = replies(&session, voidFrame)
        let reversal = try ReversalRequest(reversing: try void.message(), reason: .noResponse)
        let reversalFrame = try terminal.sealed(reversal.message)
        frames.append(reversalFrame)
        _ = replies(&session, reversalFrame)
        let settlement = SettlementRequest(stan: terminal.nextStan(), terminal: terminal.identity, batch: 1,
                                           totals: SettlementField(domestic: SettlementTotals(debitAmount: 1_000, debitCount: 1),
                                                                   foreign: SettlementTotals()))
        let settlementFrame = try terminal.sealed(try settlement.message())
        frames.append(settlementFrame)
        return (terminal, frames)
    }

    @Test func mutatedFramesCostAtMostTheirConnection() throws {
        let host = try makeHost()
        let (terminal, frames) = try capturedFrames(host: host)
        var generator = SeededRandom(seed: 0x5EED_0001)
        var closed = 0
        var answered = 0
        // POSTERM_FUZZ_CASES sets the count for deep runs.
        let cases = Int(ProcessInfo.processInfo.environment["POSTERM_FUZZ_CASES"] ?? "") ?? 4_000
        for _ in 0..<cases {
            let frame = frames[Int(generator.next() % UInt64(frames.count))]
            let other = frames[Int(generator.next() % UInt64(frames.count))]
            let mutated = FrameMutator.mutate(frame, other: other, using: &generator)
            var session = HostConnectionSession(host: host)
            // Delivered in random pieces, as TCP may.
            var rest = mutated[...]
            var outputs: [HostConnectionSession.Output] = []
            while !rest.isEmpty {
                let take = 1 + Int(generator.next() % UInt64(rest.count))
                outputs += session.receive(rest.prefix(take))
                rest = rest.dropFirst(take)
            }
            _ = session.peerClosed()
            for output in outputs {
                switch output {
                case .send(let reply, _):
                    answered += 1
                    // Every answer is itself a well-formed frame.
                    var decoder = FrameDecoder()
                    decoder.append(reply)
                    let parsed = try #require(try decoder.nextFrame())
                    _ = try MessageSpec.cup.unpack(parsed.body)
                case .close:
                    closed += 1
                }
            }
        }
        #expect(closed > 0)
        #expect(answered > 0)
        // The host still serves a well-behaved terminal.
        var session = HostConnectionSession(host: host)
        var fresh = TerminalFrames(terminalID: "30000002")
        try fresh.accept(signOnReply: try #require(replies(&session, try fresh.signOn()).first))
        #expect(try TerminalFrames.code(try #require(replies(&session, try fresh.sale(card: "approve", amount: 5)).first)) == "00")
        _ = terminal
    }

    @Test func framingLimitsCloseTheConnection() throws {
        let recorder = TraceRecorder()
        let host = try makeHost(trace: { recorder.append($0) })
        var session = HostConnectionSession(host: host, maximumFrameLength: 512)
        let oversized = session.receive([0x10, 0x00] + [UInt8](repeating: 0x60, count: 10))
        guard case .close? = oversized.first else { Issue.record("oversized frame accepted"); return }
        var garbage = HostConnectionSession(host: host)
        guard case .close? = garbage.receive(Array("GET / HTTP/1.1\r\n\r\n".utf8)).first else {
            Issue.record("garbage accepted")
            return
        }
        var short = HostConnectionSession(host: host)
        guard case .close? = short.receive([0x00, 0x03, 0x60, 0x00, 0x03]).first else {
            Issue.record("runt frame accepted")
            return
        }
        #expect(short.receive([0x00]).isEmpty, "nothing is processed after a close")
        #expect(recorder.records.contains { $0.hex == "0003600003" && $0.note?.hasPrefix("rejected") == true })
        var truncated = HostConnectionSession(host: host)
        #expect(truncated.receive([0x00, 0x40, 0x60, 0x00, 0x03]).isEmpty)
        #expect(truncated.bufferedByteCount == 5)
        #expect(truncated.peerClosed() != nil)
    }

    @Test func severalFramesInOneReadAreAllAnswered() throws {
        let host = try makeHost()
        var session = HostConnectionSession(host: host)
        var terminal = TerminalFrames()
        try terminal.accept(signOnReply: try #require(replies(&session, try terminal.signOn()).first))
        let batch = try terminal.sale(card: "approve", amount: 1) + (try terminal.sale(card: "approve", amount: 2))
            + (try terminal.sale(card: "approve", amount: 3))
        #expect(replies(&session, batch).count == 3)
    }
}
