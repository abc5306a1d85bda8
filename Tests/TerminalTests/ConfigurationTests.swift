import HAL
import Testing
@testable import Terminal

@Suite struct ConfigurationTests {
    static func configMenu() -> Harness {
        var h = Harness.admin()
        h.press("4")
        #expect(h.screen == "config.menu")
        return h
    }

    /// Opens item `item` of the config menu, clears its entry and types `text` (digits and `.`).
    static func enter(_ h: inout Harness, item: String, _ text: String) {
        h.press(item)
        for _ in 0..<20 { h.press("CLEAR") }
        h.press(text.map(String.init).joined(separator: " "))
        h.press("ENTER")
    }

    @Test func menuListsEveryItem() {
        let h = Self.configMenu()
        #expect(h.frame.lines == ["1.终端号", "2.商户号", "3.商户名称", "4.主机地址", "5.主机端口", "6.网络设置",
                                  "7.语言", "8.单笔限额", "9.联网测试"])
    }

    @Test func terminalIDSavesWithAuditInOneGroup() {
        var h = Self.configMenu()
        h.press("1")
        #expect(h.screen == "config.edit.terminal_id")
        #expect(h.frame.lines == ["8位数字", "00000001"])
        Self.enter(&h, item: "", "1234567")
        #expect(h.screen == "message.error")
        #expect(h.frame.lines.first == "终端号须为8位数字")
        h.press("ENTER")
        // The entry is kept for correction.
        #expect(h.screen == "config.edit.terminal_id")
        #expect(h.frame.lines.last == "1234567")
        h.press("8 9")
        #expect(h.beeps == [.error])
        h.press("ENTER")
        #expect(h.frame.lines.first == "已保存")
        var expected = TerminalConfiguration()
        expected.terminalID = "12345678"
        let group = h.lastPersist ?? []
        #expect(group.first == .putConfiguration(expected))
        guard case let .appendAudit(entry)? = group.last, group.count == 2 else {
            Issue.record("bad group \(group)")
            return
        }
        #expect(entry.action == "config.changed" && entry.detail == "terminal_id=12345678" && entry.operatorNumber == "99")
        #expect(h.storedConfiguration == expected)
        h.press("ENTER")
        #expect(h.screen == "config.menu")
        #expect(h.frame.highlighted == 0)
    }

    @Test func unchangedValueIsNotPersisted() {
        var h = Self.configMenu()
        let groups = h.persistGroups.count
        h.press("1 ENTER")
        #expect(h.frame.lines.first == "未修改")
        #expect(h.persistGroups.count == groups)
    }

    @Test func merchantIDIsFifteenDigits() {
        var h = Self.configMenu()
        Self.enter(&h, item: "2", "12345678901234")
        #expect(h.frame.lines.first == "商户号须为15位数字")
        h.press("ENTER 5 6")
        #expect(h.frame.lines.last == "123456789012345")
        h.press("ENTER")
        #expect(h.storedConfiguration?.merchantID == "123456789012345")
    }

    @Test func merchantNameByMultiTap() {
        var h = Self.configMenu()
        h.press("3")
        #expect(h.screen == "config.edit.merchant_name")
        #expect(h.frame.lines.last == "[字母] F1切换")
        for _ in 0..<20 { h.press("CLEAR") }
        h.press("ENTER")
        #expect(h.beeps == [.error])
        // "BAKERY 7": 2 2 (B), pause, 2 (A), 5 5 (K), 3 3 (E), 7 7 7 (R), 9 9 9 (Y), 0 (space), F1, 7.
        h.press("2 2")
        h.now = h.now.adding(milliseconds: 1_000)
        h.press("2 5 5 3 3 7 7 7 9 9 9 0 F1 7")
        #expect(h.frame.lines[1] == "BAKERY 7")
        #expect(h.frame.lines.last == "[数字] F1切换")
        h.press("ENTER")
        #expect(h.storedConfiguration?.merchantName == "BAKERY 7")
        h.press("ENTER CANCEL CANCEL")
        #expect(h.screen == "menu.main")
        h.press("5 ENTER")
        #expect(h.frame.title == "BAKERY 7")
    }

    @Test func merchantNameOfSpacesIsRefusedAndMaxLengthHolds() {
        var h = Self.configMenu()
        h.press("3")
        for _ in 0..<20 { h.press("CLEAR") }
        h.press("0")
        h.now = h.now.adding(milliseconds: 2_000)
        h.press("0 ENTER")
        #expect(h.frame.lines.first == "商户名称不能为空")
        h.press("ENTER F1")
        for _ in 0..<25 { h.press("8") }
        #expect(h.frame.lines[1] == "  " + String(repeating: "8", count: 18))
        #expect(h.beeps == [.error])
        h.press("ENTER")
        #expect(h.storedConfiguration?.merchantName == String(repeating: "8", count: 18))
    }

    @Test func hostAddressAndPort() {
        var h = Self.configMenu()
        Self.enter(&h, item: "4", "10.0.0.256")
        #expect(h.frame.lines.first == "IP地址格式错误")
        h.press("ENTER CLEAR CLEAR CLEAR 5 4 ENTER")
        #expect(h.storedConfiguration?.host.host == "10.0.0.54")
        h.press("ENTER")
        Self.enter(&h, item: "5", "0")
        #expect(h.frame.lines.first == "端口须为1-65535")
        h.press("ENTER")
        Self.enter(&h, item: "", "65536")
        #expect(h.frame.lines.first == "端口须为1-65535")
        h.press("ENTER")
        Self.enter(&h, item: "", "8583")
        #expect(h.storedConfiguration?.host == HostEndpoint(host: "10.0.0.54", port: 8583))
    }

    @Test func networkSubmenu() {
        var h = Self.configMenu()
        h.press("6")
        #expect(h.screen == "config.network")
        #expect(h.frame.lines == ["1.DHCP自动获取", "2.本机IP", "3.子网掩码", "4.网关", "5.DNS服务器", "6.4G APN"])
        h.press("1")
        #expect(h.screen == "config.edit.dhcp")
        #expect(h.frame.highlighted == 0)
        h.press("2")
        #expect(h.storedConfiguration?.network.dhcp == false)
        #expect(h.audit.last?.detail == "dhcp=off")
        h.press("ENTER")
        #expect(h.screen == "config.network")
        Self.enter(&h, item: "2", "192.168.10.20")
        #expect(h.storedConfiguration?.network.address == "192.168.10.20")
        h.press("ENTER")
        Self.enter(&h, item: "3", "255.0.255.0")
        #expect(h.frame.lines.first == "子网掩码无效")
        h.press("ENTER")
        Self.enter(&h, item: "", "255.255.252.0")
        #expect(h.storedConfiguration?.network.netmask == "255.255.252.0")
        h.press("ENTER")
        Self.enter(&h, item: "4", "0.0.0.0")
        #expect(h.frame.lines.first == "IP地址格式错误")
        h.press("ENTER")
        Self.enter(&h, item: "", "192.168.10.1")
        h.press("ENTER")
        Self.enter(&h, item: "5", "8.8.8.8")
        #expect(h.storedConfiguration?.network.dns == "8.8.8.8")
        h.press("ENTER")
        #expect(h.frame.highlighted == 4)
        h.press("6")
        #expect(h.screen == "config.edit.apn")
        #expect(h.frame.lines[1] == "CMNET")
        for _ in 0..<5 { h.press("CLEAR") }
        h.press("ENTER")
        #expect(h.beeps == [.error])
        h.press("3 F1 4 F1 6 6 . 6")
        #expect(h.frame.lines[1] == "D4N.M")
        h.press("ENTER")
        #expect(h.storedConfiguration?.network.apn == "D4N.M")
        h.press("ENTER CANCEL")
        #expect(h.screen == "config.menu")
        #expect(h.frame.highlighted == 5)
    }

    @Test func languageSwitchRedrawsAtOnce() {
        var h = Self.configMenu()
        h.press("7")
        #expect(h.screen == "config.edit.language")
        #expect(h.frame.lines == ["1.简体中文", "2.English 英文"])
        h.press("DOWN ENTER")
        #expect(h.state.language == .english)
        #expect(h.frame.title == "NOTICE")
        #expect(h.frame.lines == ["Saved", "Press any key"])
        #expect(h.storedConfiguration?.language == .english)
        h.press("ENTER")
        #expect(h.frame.title == "Configuration")
        #expect(h.frame.highlighted == 6)
        h.press("CANCEL")
        #expect(h.frame.title == "MAIN MENU 99 Admin")
        #expect(h.frame.lines.first == "1.Change password")
        h.press("4 7 1")
        #expect(h.frame.lines.first == "已保存")
    }

    @Test func limitIsAnAmountEntry() {
        var h = Self.configMenu()
        h.press("8")
        #expect(h.screen == "config.edit.limit")
        #expect(h.frame.lines.last == "50000.00")
        for _ in 0..<12 { h.press("CLEAR") }
        #expect(h.frame.lines.last == "0.00")
        h.press("ENTER")
        #expect(h.beeps == [.error])
        h.press("0 0 00 1")
        #expect(h.frame.lines.last == "0.01")
        h.press("2 3")
        #expect(h.frame.lines.last == "1.23")
        h.press("00")
        #expect(h.frame.lines.last == "123.00")
        h.press("ENTER")
        #expect(h.storedConfiguration?.perTransactionLimitMinor == 12_300)
        #expect(h.audit.last?.detail == "limit=123.00")
    }

    @Test func cashierAndSupervisorCannotConfigure() {
        var h = Harness.fresh()
        h.signIn("00", "123456")
        h.press("4")
        #expect(h.screen == "message.error")
        #expect(h.frame.lines.first == "权限不足")
    }

    @Test func cancelFromEveryConfigScreenGoesBackToItsMenu() {
        var h = Self.configMenu()
        for item in ["1", "2", "3", "4", "5", "7", "8"] {
            h.press(item)
            h.press("CANCEL")
            #expect(h.screen == "config.menu")
            #expect(h.frame.highlighted == Int(item)! - 1)
        }
        h.press("6")
        for item in ["1", "2", "3", "4", "5", "6"] {
            h.press(item)
            h.press("CANCEL")
            #expect(h.screen == "config.network")
        }
        h.press("CANCEL CANCEL")
        #expect(h.screen == "menu.main")
        #expect(h.persistGroups.count == 2)
    }

    @Test func validators() {
        #expect(IPv4.parse("0.0.0.0") == 0)
        #expect(IPv4.parse("255.255.255.255") == .max)
        #expect(IPv4.parse("1.2.3") == nil)
        #expect(IPv4.parse("1.2.3.4.5") == nil)
        #expect(IPv4.parse("01.2.3.4") == nil)
        #expect(IPv4.parse("1..3.4") == nil)
        #expect(IPv4.parse("1.2.3.4.") == nil)
        #expect(IPv4.parse("1000.2.3.4") == nil)
        #expect(IPv4.isContiguousMask(0xFFFF_FF00))
        #expect(IPv4.isContiguousMask(0xFFFF_FFFF))
        #expect(!IPv4.isContiguousMask(0))
        #expect(!IPv4.isContiguousMask(0xFF00_FF00))
    }
}
