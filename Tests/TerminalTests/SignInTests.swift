import HAL
import Testing
@testable import Terminal

@Suite struct SignInTests {
    @Test func adminSignsInToTheMainMenu() {
        var h = Harness.fresh()
        h.press("ENTER")
        #expect(h.screen == "signin.operator")
        h.type("99")
        #expect(h.frame.lines.last == "99")
        h.press("ENTER")
        #expect(h.screen == "signin.password")
        h.type("12345678")
        #expect(h.frame.lines.last == "********")
        #expect(!h.text.contains("12345678"))
        h.press("ENTER")
        #expect(h.screen == "menu.main")
        #expect(h.state.phase == .signedIn)
        #expect(h.state.signedInOperator == "99")
        #expect(h.state.signedInRole == .admin)
        #expect(h.frame.title == "主菜单 99 系统管理员")
        #expect(h.frame.highlighted == 0)
        #expect(h.beeps == [.success])
        #expect(h.lastPersist == [.appendAudit(AuditEntry(sequence: 2, time: h.now, operatorNumber: "99", action: "signin", detail: "admin"))])
    }

    @Test func unknownOperatorIsReportedAndEntryStartsOver() {
        var h = Harness.fresh()
        h.press("ENTER")
        h.type("42")
        h.press("ENTER")
        #expect(h.screen == "message.error")
        #expect(h.frame.lines.first == "操作员42不存在")
        #expect(h.beeps == [.error])
        h.press("5")
        #expect(h.screen == "signin.operator")
        #expect(h.frame.lines.last == "")
    }

    @Test func operatorNumberIsAtMostTwoDigitsAndEmptyEnterBeeps() {
        var h = Harness.fresh()
        h.press("ENTER")
        h.press("ENTER")
        #expect(h.screen == "signin.operator")
        #expect(h.beeps == [.error])
        h.type("991")
        #expect(h.beeps == [.error])
        #expect(h.frame.lines.last == "99")
        h.press("00")
        #expect(h.frame.lines.last == "99")
        h.press("CLEAR CLEAR CLEAR")
        #expect(h.frame.lines.last == "")
        h.press("00")
        #expect(h.frame.lines.last == "00")
        for key in ["UP", "DOWN", "MENU", "F1", "F2", "F3", "F4", "."] {
            h.press(key)
            #expect(h.screen == "signin.operator")
        }
        #expect(h.frame.lines.last == "00")
    }

    @Test func passwordIsAtMostEightDigits() {
        var h = Harness.fresh()
        h.press("ENTER")
        h.type("99")
        h.press("ENTER")
        h.type("123456789")
        #expect(h.beeps == [.error])
        #expect(h.frame.lines.last == "********")
        h.press("ENTER")
        #expect(h.screen == "menu.main")
    }

    @Test func cancelWalksBackThroughSignIn() {
        var h = Harness.fresh()
        h.press("ENTER")
        h.type("99")
        h.press("ENTER")
        h.type("12")
        h.press("CANCEL")
        #expect(h.screen == "signin.operator")
        #expect(h.frame.lines.last == "")
        h.press("CANCEL")
        #expect(h.screen == "idle")
        #expect(h.audit.count == 2)
    }

    @Test func threeWrongPasswordsLockAndPersistEachAttempt() {
        var h = Harness.fresh()
        h.signIn("00", "111111")
        #expect(h.screen == "message.error")
        #expect(h.frame.lines.prefix(2) == ["密码错误", "还可尝试2次"])
        #expect(h.beeps == [.error])
        #expect(h.storedOperators["00"]?.failedAttempts == 1)
        h.press("ENTER")
        #expect(h.screen == "signin.password")
        h.type("222222")
        h.press("ENTER")
        #expect(h.frame.lines[1] == "还可尝试1次")
        h.press("ENTER")
        h.type("333333")
        h.press("ENTER")
        #expect(h.frame.lines.first == "操作员00已锁定")
        let group = h.lastPersist ?? []
        #expect(group.count == 3)
        guard case let .putOperator(locked)? = group.first else {
            Issue.record("no operator in group")
            return
        }
        #expect(locked.locked && locked.failedAttempts == 3)
        #expect(h.storedOperators["00"]?.locked == true)
        #expect(Array(h.auditActions.suffix(4)) == ["signin.failed", "signin.failed", "signin.failed", "operator.locked"])
        h.press("ENTER")
        #expect(h.screen == "idle")
        // Even the right password cannot sign in now.
        h.press("ENTER")
        h.type("00")
        h.press("ENTER")
        #expect(h.screen == "message.error")
        #expect(h.frame.lines.first == "操作员00已锁定")
        #expect(h.state.signedInOperator == nil)
    }

    @Test func lockSurvivesRestart() {
        var h = Harness.fresh()
        for _ in 0..<3 { h.signIn("00", "999999"); h.press("ENTER"); h.press("CANCEL CANCEL") }
        h.boot()
        #expect(h.state.operators["00"]?.locked == true)
        h.press("ENTER")
        h.type("00")
        h.press("ENTER")
        #expect(h.frame.lines.first == "操作员00已锁定")
    }

    @Test func successResetsFailedAttempts() {
        var h = Harness.fresh()
        h.signIn("99", "11111111")
        h.press("ENTER")
        h.type("12345678")
        h.press("ENTER")
        #expect(h.screen == "menu.main")
        #expect(h.storedOperators["99"]?.failedAttempts == 0)
        #expect(h.lastPersist?.count == 2)
    }

    @Test func signOutAsksConfirmation() {
        var h = Harness.admin()
        h.press("5")
        #expect(h.screen == "signout.confirm")
        #expect(h.frame.lines.first == "操作员99确认签退?")
        for key in ["1", "UP", "DOWN", "CLEAR", "F1", "MENU"] { h.press(key) }
        #expect(h.screen == "signout.confirm")
        h.press("CANCEL")
        #expect(h.screen == "menu.main")
        #expect(h.frame.highlighted == 4)
        h.press("ENTER ENTER")
        #expect(h.screen == "idle")
        #expect(h.state.signedInOperator == nil)
        #expect(h.auditActions.last == "signout")
        #expect(h.audit.last?.operatorNumber == "99")
    }

    @Test func mainMenuNavigation() {
        var h = Harness.admin()
        h.press("UP")
        #expect(h.frame.highlighted == 5)
        h.press("DOWN DOWN")
        #expect(h.frame.highlighted == 1)
        h.press("CANCEL")
        #expect(h.screen == "menu.main")
        for key in ["0", "7", "9", "00", ".", "CLEAR", "MENU", "F1", "F4"] { h.press(key) }
        #expect(h.screen == "menu.main")
        h.press("DOWN ENTER")
        #expect(h.screen == "operators.menu")
        h.press("CANCEL")
        #expect(h.screen == "menu.main")
        #expect(h.frame.highlighted == 2)
    }

    @Test func cashierIsRefusedAdminItems() {
        var h = Harness.admin()
        h.addOperator("01", role: .cashier, password: "4321")
        h.signOut()
        h.signIn("01", "4321")
        // New operators must change their password first.
        #expect(h.screen == "password.new")
        h.type("5678")
        h.press("ENTER")
        h.type("5678")
        h.press("ENTER")
        h.press("ENTER")
        #expect(h.screen == "menu.main")
        for item in ["2", "3", "4"] {
            h.press(item)
            #expect(h.screen == "message.error")
            #expect(h.frame.lines.first == "权限不足")
            h.press("ENTER")
            #expect(h.screen == "menu.main")
            #expect(h.frame.highlighted == Int(item)! - 1)
        }
    }
}
