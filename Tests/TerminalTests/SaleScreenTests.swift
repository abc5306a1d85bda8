import Acquirer
import HAL
import Testing
@testable import Terminal

/// The sale screens' keys and their edge cases, at the machine level.
@Suite struct SaleScreenTests {
    @Test func amountDigitsShiftInAndClearTakesTheLastOneBack() throws {
        var h = try SaleTests.signedIn()
        h.press("6")
        h.type("1"); #expect(h.text.contains("0.01"))
        h.type("2"); #expect(h.text.contains("0.12"))
        h.press("00"); #expect(h.text.contains("12.00"))
        h.press("CLEAR"); #expect(h.text.contains("1.20"))
        h.press("CLEAR CLEAR CLEAR")
        h.press("ENTER")
        #expect(h.screen == "sale.amount")
        #expect(h.beeps == [.error])
    }

    @Test func aBadReadOrAnUnusableCardKeepsWaitingForACard() throws {
        var h = try SaleTests.signedIn()
        h.press("6 1 ENTER")
        h.send(.device(.card(.readFailed(.unreadable))))
        #expect(h.screen == "sale.card")
        #expect(h.text.contains("读卡失败"))
        h.send(.device(.card(.swiped(MagneticTracks(track2: "12=3012")))))
        #expect(h.screen == "sale.card")
        #expect(h.text.contains("卡号无效"))
        h.send(.device(.card(.removed)))
        #expect(h.screen == "sale.card")
        h.send(.device(.card(.tapped(ChipCardData(pan: SaleTests.approvePAN, expiry: "3012")))))
        #expect(h.screen == "sale.confirm")
    }

    @Test func cardEventsAndPINAnswersOutsideTheirScreensAreIgnored() throws {
        var h = try SaleTests.signedIn()
        h.send(SaleTests.swipe(SaleTests.approvePAN))
        h.send(.device(.pinPad(.noPin)))
        #expect(h.screen == "menu.main")
        #expect(h.wire?.receivedMTIs == ["0800"])
    }

    @Test func thePINPadsCancelAndTimeoutEndTheSale() throws {
        var h = try SaleTests.signedIn()
        SaleTests.toPIN(&h, amount: "100", pan: SaleTests.approvePAN)
        h.send(.device(.pinPad(.cancelled)))
        #expect(h.screen == "message.info")
        #expect(h.text.contains("交易已取消"))
        h.press("ENTER")
        SaleTests.toPIN(&h, amount: "100", pan: SaleTests.approvePAN)
        h.send(.device(.pinPad(.timedOut)))
        #expect(h.screen == "message.error")
        #expect(h.transactions.isEmpty)
    }

    @Test func withoutHostKeysTheSaleIsRefusedAndNoSignOnRuns() {
        var h = Harness.admin()
        #expect(h.screen == "menu.main")
        h.press("6")
        #expect(h.screen == "message.error")
        #expect(h.text.contains("终端未装主密钥"))
        #expect(h.state.traceNumber == nil)
        #expect(!h.effects.contains { if case .connectHost = $0 { true } else { false } })
    }

    @Test func cancelOnTheSignOnScreenLeavesTheExchangeToFinishInTheBackground() throws {
        var h = Harness()
        h.machine = TerminalMachine(services: HostWire.services)
        let wire = try HostWire()
        h.wire = wire
        h.boot()
        // Hold the link's answer: sign in with the wire detached, then cancel and reattach.
        h.wire = nil
        h.signIn("99", "12345678")
        #expect(h.screen == "host.signon")
        h.press("CANCEL")
        #expect(h.screen == "menu.main")
        h.wire = wire
        wire.execute(.connectHost(HostWire.endpoint), now: h.now)
        while let event = wire.takeEvent() { h.send(.device(event)) }
        #expect(h.screen == "menu.main")
        #expect(h.state.signedOnToHost)
    }

    @Test func traceNumbersNeverGoBackAcrossAPowerCut() throws {
        var h = try SaleTests.signedIn()
        SaleTests.toPIN(&h, amount: "100", pan: SaleTests.approvePAN)
        h.send(try #require(h.wire).pinBlock("123456"))
        let first = try #require(h.transactions.last?.stan)
        h.boot()
        h.signIn("99", "12345678")
        SaleTests.toPIN(&h, amount: "100", pan: SaleTests.approvePAN)
        h.send(try #require(h.wire).pinBlock("123456"))
        let second = try #require(h.transactions.last?.stan)
        #expect(second > first)
        #expect(h.transactions.map(\.sequence) == [0, 1])
    }
}
