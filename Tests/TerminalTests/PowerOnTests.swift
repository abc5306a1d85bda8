import HAL
import Testing
@testable import Terminal

@Suite struct PowerOnTests {
    @Test func factoryFreshCreatesDefaultsInOneGroupBeforeTheFirstFrame() {
        var h = Harness()
        let out = h.send(.powerOn(RecoveredState()))
        guard case let .persist(changes)? = out.first else {
            Issue.record("first effect is not persist: \(out)")
            return
        }
        #expect(h.persistGroups.count == 1)
        #expect(changes.contains(.putConfiguration(TerminalConfiguration())))
        let ops = changes.compactMap { if case let .putOperator(r) = $0 { return r } else { return nil } }
        #expect(Set(ops.map(\.number)) == ["99", "00"])
        #expect(ops.first { $0.number == "99" }?.role == .admin)
        #expect(ops.first { $0.number == "00" }?.role == .supervisor)
        #expect(ops.allSatisfy { !$0.mustChangePassword && !$0.locked && $0.failedAttempts == 0 })
        // Hashed, verifiable, never the clear password.
        let admin = ops.first { $0.number == "99" }
        #expect(admin.map { TestHasher().verify(password: "12345678", against: $0.password) } == true)
        #expect(admin?.password.digest != Array("12345678".utf8))
        #expect(h.audit.map(\.action) == ["config.defaults", "operators.defaults"])
        #expect(h.audit.map(\.sequence) == [0, 1])
        #expect(h.screen == "self_test")
        #expect(out.contains(.startTimer(.selfTestDone, milliseconds: TerminalMachine.selfTestMilliseconds)))
        #expect(h.state.phase == .selfTest)
    }

    @Test func selfTestThenIdleWithMerchantDateAndStatus() {
        var h = Harness()
        h.boot(finishSelfTest: false)
        #expect(h.frame.title == "开机自检")
        // The self-test stays up until the devices' start-up reports queued before its timer are in.
        #expect(h.screen == "self_test")
        h.advance(ms: TerminalMachine.selfTestMilliseconds)
        #expect(h.screen == "idle")
        #expect(h.state.phase == .idle)
        #expect(h.frame.title == "POSTERM DEMO")
        #expect(h.frame.lines[0] == "2026-11-21 10:00")
        #expect(h.frame.lines[1] == "网络:正常 打印:正常")
    }

    @Test func recoveredStateIsNotPersistedAgainAndAuditContinues() {
        var h = Harness.fresh()
        let groups = h.persistGroups.count
        h.boot()
        #expect(h.persistGroups.count == groups)
        #expect(h.state.auditCount == 2)
        h.signIn("99", "12345678")
        #expect(h.audit.last?.sequence == 2)
    }

    @Test func missingConfigurationAloneIsRestoredToDefaults() {
        var h = Harness.fresh()
        h.storedConfiguration = nil
        h.boot()
        #expect(h.persistGroups.last == [.putConfiguration(TerminalConfiguration()),
                                          .appendAudit(AuditEntry(sequence: 2, time: h.now.adding(milliseconds: -TerminalMachine.selfTestMilliseconds),
                                                                  operatorNumber: nil, action: "config.defaults",
                                                                  detail: "factory configuration"))])
        #expect(h.state.operators.count == 2)
    }

    @Test func keysDuringSelfTestAndEventsBeforePowerOnAreIgnored() {
        var h = Harness()
        #expect(h.send(.device(.key(.enter))).isEmpty)
        #expect(h.send(.timerFired(.idleTimeout)).isEmpty)
        #expect(h.send(.timerFired(.selfTestDone)).isEmpty)
        #expect(h.state.phase == .off)
        #expect(h.screen == "off")
        h.boot(finishSelfTest: false)
        for key in KeypadKey.allCases { h.send(.device(.key(key))) }
        #expect(h.screen == "self_test")
        h.advance(ms: 300)
        #expect(h.screen == "idle")
    }

    @Test func idleReflectsLinkAndPrinterEvents() {
        var h = Harness.fresh()
        var out = h.send(.device(.link(.networkChanged(up: false))))
        #expect(h.frame.lines[1] == "网络:断开 打印:正常")
        #expect(out.count == 1)
        out = h.send(.device(.printer(.status(.paperOut))))
        #expect(h.frame.lines[1] == "网络:断开 打印:缺纸")
        h.send(.device(.status(.printer, .unplugged)))
        #expect(h.frame.lines[1].hasSuffix("打印:离线"))
        h.send(.device(.status(.printer, .ready)))
        h.send(.device(.link(.networkChanged(up: true))))
        #expect(h.frame.lines[1] == "网络:正常 打印:正常")
        // The same status again changes nothing: no redraw.
        #expect(h.send(.device(.link(.networkChanged(up: true)))).isEmpty)
        h.send(.device(.printer(.status(.coverOpen))))
        #expect(h.frame.lines[1].hasSuffix("打印:开盖"))
    }

    @Test func displayBackRedrawsTheCurrentFrame() {
        var h = Harness.fresh()
        let out = h.send(.device(.status(.display, .ready)))
        #expect(out == [.show(h.frame)])
    }

    @Test func clockTicksOnTheMinuteAndRedrawsIdleOnly() {
        var h = Harness()
        h.now = h.now.adding(milliseconds: 12_345)
        h.boot()
        #expect(h.timers[.clockTick] == WallTime(millisecondsSinceEpoch: 1_795_226_460_000))
        h.advance(ms: 60_000)
        #expect(h.frame.lines[0] == "2026-11-21 10:01")
        #expect(h.timers[.clockTick] == WallTime(millisecondsSinceEpoch: 1_795_226_520_000))
        // On another screen the tick keeps ticking but does not redraw it.
        h.press("ENTER")
        let before = h.effects.count
        h.advance(ms: 50_000)
        #expect(h.screen == "signin.operator")
        #expect(!h.effects[before...].contains { if case .show = $0 { return true } else { return false } })
    }

    @Test func powerOnAgainStartsFromTheJournalSignedOut() {
        var h = Harness.admin()
        #expect(h.state.phase == .signedIn)
        h.boot()
        #expect(h.state.phase == .idle)
        #expect(h.state.signedInOperator == nil)
        #expect(h.screen == "idle")
    }

    @Test func idleKeysThatMeanNothingAreIgnored() {
        var h = Harness.fresh()
        for key in KeypadKey.allCases where ![.enter, .menu, .f1].contains(key) {
            #expect(h.send(.device(.key(key))).isEmpty)
            #expect(h.screen == "idle")
        }
        h.press("MENU")
        #expect(h.screen == "signin.operator")
        h.press("CANCEL F1")
        #expect(h.screen == "unlock.supervisor")
    }

    @Test func englishIdleScreen() {
        var h = Harness()
        h.storedConfiguration = TerminalConfiguration(merchantName: "CORNER SHOP", language: .english)
        h.boot()
        #expect(h.frame.title == "CORNER SHOP")
        #expect(h.frame.lines == ["2026-11-21 10:00", "LINK:OK PRN:OK", "ENTER: sign in", "F1: unlock operator"])
        #expect(h.state.language == .english)
    }
}
