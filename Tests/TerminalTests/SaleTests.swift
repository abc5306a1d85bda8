import Acquirer
import HAL
import Testing
@testable import Terminal

/// The sale flow at the machine level, against a real in-process acquirer host (real ISO 8583
/// frames, real PIN blocks from a software secure element).
@Suite struct SaleTests {
    static let approvePAN = "6222021000000005"

    /// A factory-fresh terminal with host keys and a host, the admin signed in (and signed on).
    static func signedIn() throws -> Harness {
        var h = Harness()
        h.machine = TerminalMachine(services: HostWire.services)
        h.wire = try HostWire()
        h.boot()
        h.signIn("99", "12345678")
        return h
    }

    static func swipe(_ pan: String) -> TerminalEvent {
        .device(.card(.swiped(MagneticTracks(track2: "\(pan)=30121010000000000"))))
    }

    /// Runs a sale up to the PIN request.
    static func toPIN(_ h: inout Harness, amount: String, pan: String) {
        h.press("6")
        h.type(amount)
        h.press("ENTER")
        h.send(swipe(pan))
        h.press("ENTER")
    }

    @Test func signInSignsOnAndASaleIsApprovedWithMaskedReceipts() throws {
        var h = try Self.signedIn()
        #expect(h.effects.contains { if case .show(let frame) = $0 { frame.screenID == "host.signon" } else { false } })
        #expect(h.screen == "menu.main")
        #expect(h.state.signedOnToHost)
        #expect(h.auditActions.contains("host.signon"))
        #expect(h.wire?.pinPad.loadedKeys.contains(.pinKey) == true)
        let traceBefore = try #require(h.state.traceNumber)

        h.press("6")
        #expect(h.screen == "sale.amount")
        h.type("1234")
        #expect(h.text.contains("12.34"))
        #expect(h.press("ENTER").contains(.armCardReader(true)))
        #expect(h.screen == "sale.card")
        #expect(h.send(Self.swipe(Self.approvePAN)).contains(.armCardReader(false)))
        #expect(h.screen == "sale.confirm")
        #expect(h.text.contains("622202******0005"))
        #expect(!h.text.contains(Self.approvePAN))
        let pinEffects = h.press("ENTER")
        #expect(pinEffects.contains { if case .requestPin(let request) = $0 { request.amountMinor == 1234 } else { false } })
        #expect(h.screen == "sale.pin")
        h.send(.device(.pinPad(.digitsEntered(3))))
        #expect(h.text.contains("***"))
        let pin = try #require(h.wire).pinBlock("123456")
        h.send(pin)
        #expect(h.screen == "sale.result")
        #expect(h.text.contains("交易成功"))

        let record = try #require(h.transactions.last)
        #expect(record.result == .approved)
        #expect(record.maskedPAN == "622202******0005")
        #expect(record.amountMinor == 1234)
        #expect(record.stan == traceBefore)
        #expect(h.state.traceNumber == traceBefore + 1)
        #expect(record.rrn?.count == 12)
        #expect(record.authCode?.count == 6)
        #expect(record.operatorNumber == "99")
        #expect(h.storedHostRecord?.pendingReversal == nil)
        let documents = h.effects.compactMap { if case let .print(document, _) = $0 { document } else { nil } }
        #expect(documents.map(\.kind) == [.merchantCopy, .customerCopy])
        for document in documents {
            let text = document.plainText(width: 32)
            #expect(text.contains("622202******0005"))
            #expect(!text.contains(Self.approvePAN))
            #expect(text.contains("12.34"))
            #expect(text.contains(record.authCode ?? "?"))
        }
        h.press("ENTER")
        #expect(h.screen == "menu.main")
    }

    @Test func aDeclineShowsTheReasonFromTheResponseCodeTable() throws {
        var h = try Self.signedIn()
        Self.toPIN(&h, amount: "2000", pan: "6222021000000013")  // low-balance: 10.00
        h.send(try #require(h.wire).pinBlock("123456"))
        #expect(h.screen == "sale.result")
        #expect(h.text.contains("51"))
        #expect(h.transactions.last?.result == .declined)
        #expect(!h.effects.contains { if case .print = $0 { true } else { false } })
    }

    @Test func aWrongPINIsDeclinedWith55() throws {
        var h = try Self.signedIn()
        Self.toPIN(&h, amount: "100", pan: Self.approvePAN)
        h.send(try #require(h.wire).pinBlock("111111"))
        #expect(h.text.contains("55"))
        #expect(h.transactions.last?.responseCode == "55")
    }

    @Test func theLimitIsEnforcedAndCancelLeavesEveryStep() throws {
        var h = try Self.signedIn()
        h.press("6")
        h.type("5000001")  // 50,000.01 over the factory limit of 50,000.00
        h.press("ENTER")
        #expect(h.screen == "message.error")
        h.press("ENTER")
        #expect(h.screen == "sale.amount")
        h.press("CANCEL")
        #expect(h.screen == "menu.main")
        h.press("6 1 ENTER")
        #expect(h.press("CANCEL").contains(.armCardReader(false)))
        #expect(h.screen == "menu.main")
        h.press("6 1 ENTER")
        h.send(Self.swipe(Self.approvePAN))
        h.press("CANCEL")
        #expect(h.screen == "menu.main")
        Self.toPIN(&h, amount: "1", pan: Self.approvePAN)
        #expect(h.press("CANCEL").contains(.cancelPin))
        #expect(h.screen == "message.info")
        // Nothing went to the host and nothing was logged.
        #expect(h.wire?.receivedMTIs == ["0800"])
        #expect(h.transactions.isEmpty)
    }

    @Test func aSaleWithoutAnswerLeavesOneReversalThatGoesOutAfterPowerOn() throws {
        var h = try Self.signedIn()
        let wire = try #require(h.wire)
        wire.noReply = true
        Self.toPIN(&h, amount: "500", pan: Self.approvePAN)
        let start = h.effects.count
        h.send(try wire.pinBlock("123456"))
        let online = Array(h.effects[start...])
        #expect(h.screen == "sale.online")
        // Write-ahead: the reversal is in the persist group that runs before the request leaves.
        let persistIndex = try #require(online.firstIndex { effect in
            guard case let .persist(changes) = effect else { return false }
            return changes.contains { if case let .putHostRecord(record) = $0 { record.pendingReversal != nil } else { false } }
        })
        let sendIndex = try #require(online.firstIndex { if case .sendHost = $0 { true } else { false } })
        #expect(persistIndex < sendIndex)
        h.advance(ms: 30_000)
        #expect(h.screen == "sale.result")
        #expect(h.text.contains("冲正"))
        #expect(h.state.pendingReversal)
        #expect(h.transactions.last?.result == .failed)
        // Power cut and on: the reversal goes out once the terminal is up.
        wire.noReply = false
        h.boot()
        #expect(wire.receivedMTIs.filter { $0 == "0400" }.count == 1)
        #expect(!h.state.pendingReversal)
        #expect(h.storedHostRecord?.pendingReversal == nil)
        #expect(h.auditActions.contains("reversal.delivered"))
    }

    /// The payment screens in order, for the screen tour.
    static func tour(_ language: Language) throws -> [DisplayFrame] {
        var h = Harness()
        h.machine = TerminalMachine(services: HostWire.services)
        h.storedConfiguration = TerminalConfiguration(language: language)
        h.wire = try HostWire()
        h.boot()
        h.signIn("99", "12345678")                   // host.signon, menu.main
        toPIN(&h, amount: "100", pan: approvePAN)    // sale.amount, card, confirm, pin
        h.send(try #require(h.wire).pinBlock("123456")) // sale.online, sale.result
        return h.effects.compactMap { if case let .show(frame) = $0 { return frame } else { return nil } }
    }
}
