import HAL
import Testing
@testable import Terminal

@Suite struct NetTestTests {
    static let host = HostEndpoint(host: "127.0.0.1", port: 5800)

    static func startTest() -> Harness {
        var h = ConfigurationTests.configMenu()
        let out = h.press("9")
        #expect(h.screen == "config.nettest")
        #expect(out.contains(.connectHost(host)))
        #expect(out.contains(.startTimer(.netTest, milliseconds: TerminalMachine.netTestTimeoutMilliseconds)))
        #expect(h.frame.lines == ["正在连接主机...", "127.0.0.1:5800", "取消键:停止"])
        return h
    }

    @Test func successShowsElapsedMillisecondsAndDisconnects() {
        var h = Self.startTest()
        h.now = h.now.adding(milliseconds: 137)
        let out = h.send(.device(.link(.connected(Self.host))))
        #expect(h.screen == "config.nettest.result")
        #expect(h.frame.lines == ["连接主机成功", "耗时137毫秒", "127.0.0.1:5800", "按任意键继续"])
        #expect(out.contains(.disconnectHost))
        #expect(out.contains(.cancelTimer(.netTest)))
        #expect(h.timers[.netTest] == nil)
        #expect(h.beeps == [.success])
        // A late timer or a second answer changes nothing.
        #expect(h.send(.timerFired(.netTest)).isEmpty)
        #expect(h.send(.device(.link(.connected(Self.host)))).isEmpty)
        h.press("1")
        #expect(h.screen == "config.menu")
        #expect(h.frame.highlighted == 8)
    }

    @Test func networkDownIsReportedAtOnce() {
        var h = ConfigurationTests.configMenu()
        h.send(.device(.link(.networkChanged(up: false))))
        let out = h.press("9")
        #expect(h.screen == "config.nettest.result")
        #expect(!out.contains { if case .connectHost = $0 { return true } else { return false } })
        #expect(h.frame.lines.prefix(3) == ["连接主机失败", "网络未连接,请检查网线/信号", "代码:network_down"])
        #expect(h.beeps == [.error])
    }

    @Test func connectFailedShowsTheReason() {
        var h = Self.startTest()
        let out = h.send(.device(.link(.connectFailed(HALError(.disconnected, role: .link, "connection refused")))))
        #expect(h.frame.lines.prefix(3) == ["连接主机失败", "主机不可达,请检查地址端口", "代码:disconnected"])
        #expect(out.contains(.cancelTimer(.netTest)))
        h.press("CANCEL")
        #expect(h.screen == "config.menu")
        h.press("9")
        h.send(.device(.link(.connectFailed(HALError(.protocol, role: .link, "odd")))))
        #expect(h.frame.lines[1] == "连接失败")
    }

    @Test func timeoutFailsAndAbandonsTheConnection() {
        var h = Self.startTest()
        h.advance(ms: TerminalMachine.netTestTimeoutMilliseconds - 1)
        #expect(h.screen == "config.nettest")
        let before = h.effects.count
        h.advance(ms: 1)
        #expect(h.screen == "config.nettest.result")
        #expect(h.frame.lines.prefix(3) == ["连接主机失败", "主机无响应(超时)", "代码:timeout"])
        #expect(h.effects[before...].contains(.disconnectHost))
        // A connection that arrives after the timeout is ignored.
        #expect(h.send(.device(.link(.connected(Self.host)))).isEmpty)
    }

    @Test func networkLossWhileConnectingFails() {
        var h = Self.startTest()
        let out = h.send(.device(.link(.networkChanged(up: false))))
        #expect(h.frame.lines[1] == "网络未连接,请检查网线/信号")
        #expect(out.contains(.disconnectHost))
        #expect(out.contains(.cancelTimer(.netTest)))
    }

    @Test func cancelWhileConnecting() {
        var h = Self.startTest()
        for key in ["1", "ENTER", "UP", "CLEAR", "F1"] { h.press(key) }
        #expect(h.screen == "config.nettest")
        let out = h.press("CANCEL")
        #expect(h.screen == "config.menu")
        #expect(out.contains(.disconnectHost))
        #expect(out.contains(.cancelTimer(.netTest)))
        #expect(h.send(.device(.link(.connected(Self.host)))).isEmpty)
    }

    @Test func englishResult() {
        var h = ConfigurationTests.configMenu()
        h.press("7 2 ENTER 9")
        h.now = h.now.adding(milliseconds: 42)
        h.send(.device(.link(.connected(Self.host))))
        #expect(h.frame.title == "CONNECTIVITY TEST")
        #expect(h.frame.lines == ["Host connection OK", "Time 42 ms", "127.0.0.1:5800", "Press any key"])
    }
}

@Suite struct IdleTimeoutTests {
    @Test func timeoutMidEntryReturnsToTheMainMenuWithoutSaving() {
        var h = ConfigurationTests.configMenu()
        let groups = h.persistGroups.count
        h.press("1 CLEAR 9")
        h.advance(ms: 59_999)
        #expect(h.screen == "config.edit.terminal_id")
        h.press("9")
        h.advance(ms: 59_999)
        #expect(h.screen == "config.edit.terminal_id")
        h.advance(ms: 1)
        #expect(h.screen == "menu.main")
        #expect(h.persistGroups.count == groups)
        #expect(h.state.configuration.terminalID == "00000001")
    }

    @Test func timeoutWhileSignedOutReturnsToIdle() {
        var h = Harness.fresh()
        h.press("ENTER")
        h.type("99")
        h.press("ENTER")
        h.type("1234")
        h.advance(ms: 60_000)
        #expect(h.screen == "idle")
        #expect(h.state.signedInOperator == nil)
        #expect(h.audit.count == 2)
        h.press("ENTER")
        #expect(h.frame.lines.last == "")
    }

    @Test func homeScreensCancelTheTimer() {
        var h = Harness.fresh()
        #expect(h.timers[.idleTimeout] == nil)
        h.press("ENTER")
        #expect(h.timers[.idleTimeout] != nil)
        h.press("CANCEL")
        #expect(h.timers[.idleTimeout] == nil)
        #expect(h.lastEffects.contains(.cancelTimer(.idleTimeout)))
        h.signIn("99", "12345678")
        #expect(h.timers[.idleTimeout] == nil)
        h.advance(ms: 600_000)
        #expect(h.screen == "menu.main")
        h.press("DOWN")
        #expect(!h.lastEffects.contains { if case .startTimer(.idleTimeout, _) = $0 { return true } else { return false } })
    }

    @Test func configuredTimeoutIsUsedAndStaleFiringsAreIgnored() {
        var h = Harness()
        h.storedConfiguration = TerminalConfiguration(idleTimeoutSeconds: 5)
        h.boot()
        h.press("F1")
        #expect(h.lastEffects.contains(.startTimer(.idleTimeout, milliseconds: 5_000)))
        h.advance(ms: 5_000)
        #expect(h.screen == "idle")
        #expect(h.send(.timerFired(.idleTimeout)).isEmpty)
        #expect(h.send(.timerFired(TimerID(rawValue: "unknown"))).isEmpty)
    }

    @Test func timeoutDuringConnectivityCheckAbandonsTheConnection() {
        var h = Harness()
        h.storedConfiguration = TerminalConfiguration(idleTimeoutSeconds: 3)
        h.boot()
        h.signIn("99", "12345678")
        h.press("4 9")
        #expect(h.screen == "config.nettest")
        let before = h.effects.count
        h.advance(ms: 3_000)
        #expect(h.screen == "menu.main")
        #expect(h.effects[before...].contains(.disconnectHost))
        #expect(h.timers[.netTest] == nil)
        #expect(h.send(.device(.link(.connected(NetTestTests.host)))).isEmpty)
    }

    @Test func messagesTimeOutToo() {
        var h = Harness.fresh()
        h.press("ENTER")
        h.type("12")
        h.press("ENTER")
        #expect(h.screen == "message.error")
        h.advance(ms: 60_000)
        #expect(h.screen == "idle")
    }
}
