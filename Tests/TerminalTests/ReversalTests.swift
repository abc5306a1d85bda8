import Acquirer
import HAL
import Testing
@testable import Terminal

/// When a pending reversal goes out: at idle after power-on, when the network comes back, before
/// the next sale; and how often it is tried.
@Suite struct ReversalTests {
    /// A terminal left with a pending reversal by a sale the host never answered.
    static func withPendingReversal() throws -> Harness {
        var h = try SaleTests.signedIn()
        let wire = try #require(h.wire)
        wire.noReply = true
        SaleTests.toPIN(&h, amount: "500", pan: SaleTests.approvePAN)
        h.send(try wire.pinBlock("123456"))
        h.advance(ms: 30_000)
        #expect(h.state.pendingReversal)
        return h
    }

    @Test func aReversalWaitsForTheNetworkAndGoesOutWhenItComesBack() throws {
        var h = try Self.withPendingReversal()
        let wire = try #require(h.wire)
        wire.noReply = false
        h.boot(finishSelfTest: false)
        h.send(.device(.link(.networkChanged(up: false))))
        h.advance(ms: TerminalMachine.selfTestMilliseconds)
        #expect(h.screen == "idle")
        #expect(!wire.receivedMTIs.contains("0400"))
        h.send(.device(.link(.networkChanged(up: true))))
        #expect(wire.receivedMTIs.filter { $0 == "0400" }.count == 1)
        #expect(!h.state.pendingReversal)
    }

    @Test func aSilentHostGetsThreeAttemptsAndTheReversalIsKeptWithItsCount() throws {
        var h = try Self.withPendingReversal()
        h.boot()
        h.advance(ms: 200_000)
        #expect(h.state.pendingReversal)
        #expect(h.storedHostRecord?.pendingReversal?.attempts == 3)
        // The next sale delivers it first (attempts go on counting), then goes online.
        let wire = try #require(h.wire)
        wire.noReply = false
        h.signIn("99", "12345678")
        SaleTests.toPIN(&h, amount: "100", pan: SaleTests.approvePAN)
        h.send(try wire.pinBlock("123456"))
        #expect(wire.receivedMTIs.suffix(2) == ["0400", "0200"])
        #expect(h.text.contains("交易成功"))
        #expect(h.storedHostRecord?.pendingReversal == nil)
    }
}
