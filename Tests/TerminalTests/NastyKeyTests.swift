import HAL
import Testing
@testable import Terminal

/// Key paths from a fresh terminal with the admin signed in to (nearly) every screen.
enum Paths {
    /// `(path, expected screen)`; the path starts on `menu.main` as admin `99`.
    static let signedIn: [(String, String)] = [
        ("1", "password.old"),
        ("1 1 2 3 4 5 6 7 8 ENTER", "password.new"),
        ("1 1 2 3 4 5 6 7 8 ENTER 2 4 6 8 1 3 5 7 ENTER", "password.confirm"),
        ("2", "unlock.operator"),
        ("3", "operators.menu"),
        ("3 1", "operators.add.number"),
        ("3 1 1 0 ENTER", "operators.add.role"),
        ("3 1 1 0 ENTER 1", "operators.add.password"),
        ("3 1 1 0 ENTER 1 2 5 8 0 ENTER", "operators.add.confirm"),
        ("3 2", "operators.delete.number"),
        ("3 2 0 0 ENTER", "operators.delete.confirm"),
        ("3 3", "operators.reset.number"),
        ("3 3 0 0 ENTER", "operators.reset.password"),
        ("3 3 0 0 ENTER 2 4 6 8 1 3 ENTER", "operators.reset.confirm"),
        ("3 4", "operators.list"),
        ("4", "config.menu"),
        ("4 1", "config.edit.terminal_id"),
        ("4 2", "config.edit.merchant_id"),
        ("4 3", "config.edit.merchant_name"),
        ("4 4", "config.edit.host_address"),
        ("4 5", "config.edit.host_port"),
        ("4 6", "config.network"),
        ("4 6 1", "config.edit.dhcp"),
        ("4 6 2", "config.edit.ip_address"),
        ("4 6 3", "config.edit.netmask"),
        ("4 6 4", "config.edit.gateway"),
        ("4 6 5", "config.edit.dns"),
        ("4 6 6", "config.edit.apn"),
        ("4 7", "config.edit.language"),
        ("4 8", "config.edit.limit"),
        ("4 9", "config.nettest"),
        ("5", "signout.confirm"),
        ("1 0 0 0 0 ENTER", "message.error"),
    ]

    /// `(path, expected screen)`; the path starts on `idle`, nobody signed in.
    static let signedOut: [(String, String)] = [
        ("ENTER", "signin.operator"),
        ("ENTER 9 9 ENTER", "signin.password"),
        ("F1", "unlock.supervisor"),
        ("F1 0 0 ENTER", "unlock.password"),
        ("F1 0 0 ENTER 1 2 3 4 5 6 ENTER", "unlock.operator"),
        ("ENTER 4 2 ENTER", "message.error"),
    ]

    static func at(_ path: String, signedIn: Bool) -> Harness {
        var h = signedIn ? Harness.admin() : Harness.fresh()
        h.press(path)
        return h
    }

    static var all: [(String, String, Bool)] {
        signedIn.map { ($0.0, $0.1, true) } + signedOut.map { ($0.0, $0.1, false) }
    }
}

@Suite struct NastyKeyTests {
    @Test func pathsReachTheirScreens() {
        for (path, screen, signedIn) in Paths.all {
            let h = Paths.at(path, signedIn: signedIn)
            #expect(h.screen == screen, "path \(path)")
        }
    }

    @Test func cancelEverywhereLeadsHomeWithoutSaving() {
        for (path, screen, signedIn) in Paths.all {
            var h = Paths.at(path, signedIn: signedIn)
            let groups = h.persistGroups.count
            var presses = 0
            while !h.machine.state.screen.isHome && presses < 8 {
                h.press("CANCEL")
                presses += 1
            }
            #expect(h.machine.state.screen.isHome, "CANCEL from \(screen) did not lead home")
            // CANCEL on signout.confirm keeps the operator signed in: nothing to audit.
            #expect(h.persistGroups.count == groups, "CANCEL from \(screen) persisted something")
            #expect(h.state.signedInOperator == (signedIn ? "99" : nil))
        }
    }

    @Test func functionKeysThatMeanNothingChangeNothing() {
        for (path, screen, signedIn) in Paths.all where !screen.hasPrefix("message.") {
            var h = Paths.at(path, signedIn: signedIn)
            let frame = h.frame
            let groups = h.persistGroups.count
            h.press("F2 F3 F4")
            #expect(h.screen == screen, "F-keys moved \(screen)")
            #expect(h.frame == frame, "F-keys changed \(screen)")
            #expect(h.persistGroups.count == groups)
            let hostEffects = h.lastEffects.filter {
                switch $0 {
                case .connectHost, .disconnectHost, .sendHost, .persist: return true
                default: return false
                }
            }
            #expect(hostEffects.isEmpty)
        }
    }

    @Test func timeoutFromEveryScreenGoesHomeWithoutSaving() {
        for (path, screen, signedIn) in Paths.all {
            var h = Paths.at(path, signedIn: signedIn)
            let groups = h.persistGroups.count
            // Long enough for the connectivity check to fail first and its result to time out too.
            h.advance(ms: 120_000)
            #expect(h.screen == (signedIn ? "menu.main" : "idle"), "timeout from \(screen)")
            #expect(h.persistGroups.count == groups)
            #expect(h.timers[.idleTimeout] == nil)
            #expect(h.timers[.netTest] == nil)
        }
    }

    @Test func anyKeyDismissesMessages() {
        for key in KeypadKey.allCases {
            var h = Harness.fresh()
            h.press("ENTER 4 2 ENTER")
            #expect(h.screen == "message.error")
            h.send(.device(.key(key)))
            #expect(h.screen == "signin.operator", "key \(key.rawValue)")
        }
    }

    @Test func unlockedOperatorStartsCountingAfresh() {
        var h = UnlockTests.lockedCashier()
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        h.type("123456")
        h.press("ENTER")
        h.type("01")
        h.press("ENTER ENTER")
        h.signIn("01", "9999")
        #expect(h.frame.lines.prefix(2) == ["密码错误", "还可尝试2次"])
        #expect(h.storedOperators["01"]?.locked == false)
    }

    @Test func supervisorUnlocksALockedAdmin() {
        var h = Harness.fresh()
        for _ in 0..<3 {
            h.signIn("99", "87654321")
            h.press("ENTER")
            if h.screen != "idle" { h.press("CANCEL CANCEL") }
        }
        #expect(h.storedOperators["99"]?.locked == true)
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        h.type("123456")
        h.press("ENTER")
        h.type("99")
        h.press("ENTER ENTER")
        h.signIn("99", "12345678")
        #expect(h.screen == "menu.main")
        #expect(h.state.signedInRole == .admin)
    }

    @Test func lockingRaceDuringUnlockEntry() {
        // The supervisor's third wrong password locks the supervisor mid-unlock: the flow ends,
        // and nothing of the cashier changes.
        var h = UnlockTests.lockedCashier()
        let cashier = h.storedOperators["01"]
        h.press("F1")
        h.type("00")
        h.press("ENTER")
        for _ in 0..<3 {
            h.type("000001")
            h.press("ENTER")
            if h.screen == "message.error" && h.frame.lines.first != "操作员00已锁定" { h.press("ENTER") }
        }
        #expect(h.frame.lines.first == "操作员00已锁定")
        #expect(h.storedOperators["01"] == cashier)
        h.press("ENTER")
        #expect(h.screen == "idle")
    }
}
