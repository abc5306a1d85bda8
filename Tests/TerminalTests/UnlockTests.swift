import HAL
import Testing
@testable import Terminal

@Suite struct UnlockTests {
    /// A terminal with cashier `01` (initial password `4321`, to be changed) locked out.
    static func lockedCashier() -> Harness {
        var h = Harness.admin()
        h.addOperator("01", role: .cashier, password: "4321")
        h.signOut()
        for _ in 0..<3 {
            h.signIn("01", "0000")
            h.press("ENTER")
            if h.screen != "idle" { h.press("CANCEL CANCEL") }
        }
        #expect(h.storedOperators["01"]?.locked == true)
        #expect(h.screen == "idle")
        return h
    }

    @Test func supervisorUnlocksFromIdle() {
        var h = Self.lockedCashier()
        h.press("F1")
        #expect(h.screen == "unlock.supervisor")
        h.type("00")
        h.press("ENTER")
        #expect(h.screen == "unlock.password")
        h.type("123456")
        #expect(h.frame.lines.last == "******")
        h.press("ENTER")
        #expect(h.screen == "unlock.operator")
        h.type("01")
        h.press("ENTER")
        #expect(h.screen == "message.info")
        #expect(h.frame.lines.first == "操作员01已解锁")
        #expect(h.beeps == [.success])
        let group = h.lastPersist ?? []
        #expect(group.count == 2)
        #expect(h.storedOperators["01"]?.locked == false)
        #expect(h.storedOperators["01"]?.failedAttempts == 0)
        #expect(h.audit.last?.action == "operator.unlocked")
        #expect(h.audit.last?.operatorNumber == "00")
        h.press("ENTER")
        #expect(h.screen == "idle")
        #expect(h.state.signedInOperator == nil)
        h.signIn("01", "4321")
        #expect(h.screen == "password.new")
    }

    @Test func cashierCannotUnlock() {
        var h = Self.lockedCashier()
        h.press("ENTER CANCEL")
        h.press("F1")
        h.type("01")
        h.press("ENTER")
        #expect(h.screen == "message.error")
        h.press("ENTER")
        #expect(h.screen == "unlock.supervisor")
        // An unknown number is refused too.
        h.type("55")
        h.press("ENTER")
        #expect(h.frame.lines.first == "操作员55不存在")
    }

    @Test func wrongSupervisorPasswordsLockTheSupervisorToo() {
        var h = Self.lockedCashier()
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        for attempt in 1...3 {
            h.type("654321")
            h.press("ENTER")
            #expect(h.screen == "message.error")
            h.press("ENTER")
            if attempt < 3 { #expect(h.screen == "unlock.password") }
        }
        #expect(h.screen == "idle")
        #expect(h.storedOperators["00"]?.locked == true)
        #expect(h.storedOperators["01"]?.locked == true)
        // The locked supervisor can no longer start an unlock; the admin still can.
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        #expect(h.frame.lines.first == "操作员00已锁定")
        h.press("ENTER F1")
        h.type("99")
        h.press("ENTER")
        h.type("12345678")
        h.press("ENTER")
        h.type("00")
        h.press("ENTER")
        #expect(h.frame.lines.first == "操作员00已解锁")
        h.press("ENTER F1")
        h.type("00")
        h.press("ENTER")
        h.type("123456")
        h.press("ENTER")
        h.type("01")
        h.press("ENTER")
        #expect(h.frame.lines.first == "操作员01已解锁")
    }

    @Test func unlockingAnOperatorThatIsNotLockedChangesNothing() {
        var h = Self.lockedCashier()
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        h.type("123456")
        h.press("ENTER")
        let groups = h.persistGroups.count
        h.type("99")
        h.press("ENTER")
        #expect(h.screen == "message.info")
        #expect(h.frame.lines.first == "操作员99未被锁定")
        #expect(h.persistGroups.count == groups)
        h.press("ENTER")
        #expect(h.screen == "idle")
    }

    @Test func unknownOperatorToUnlockLetsTheSupervisorRetry() {
        var h = Self.lockedCashier()
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        h.type("123456")
        h.press("ENTER")
        h.type("77")
        h.press("ENTER")
        #expect(h.screen == "message.error")
        h.press("CANCEL")
        #expect(h.screen == "unlock.operator")
    }

    @Test func cancelAndTimeoutMidUnlockLeaveTheLock() {
        var h = Self.lockedCashier()
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        h.press("CANCEL")
        #expect(h.screen == "unlock.supervisor")
        h.press("CANCEL")
        #expect(h.screen == "idle")
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        h.type("123456")
        h.press("ENTER")
        h.type("0")
        h.advance(ms: 60_000)
        #expect(h.screen == "idle")
        #expect(h.storedOperators["01"]?.locked == true)
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        h.type("123456")
        h.press("ENTER CANCEL")
        #expect(h.screen == "idle")
        #expect(h.storedOperators["01"]?.locked == true)
    }

    @Test func signedInSupervisorUnlocksFromTheMenu() {
        var h = Self.lockedCashier()
        h.signIn("00", "123456")
        #expect(h.screen == "menu.main")
        h.press("2")
        #expect(h.screen == "unlock.operator")
        h.type("01")
        h.press("ENTER")
        #expect(h.frame.lines.first == "操作员01已解锁")
        #expect(h.audit.last?.operatorNumber == "00")
        h.press("ENTER")
        #expect(h.screen == "menu.main")
        #expect(h.frame.highlighted == 1)
        h.press("2 CANCEL")
        #expect(h.screen == "menu.main")
    }
}
