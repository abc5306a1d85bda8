import HAL

/// The text table of the terminal's screens, Simplified Chinese and English side by side.
enum Strings {
    private static func t(_ zh: String, _ en: String) -> LocalizedText { LocalizedText(zh: zh, en: en) }

    // MARK: titles and screen lines
    static let selfTest = t("开机自检", "SELF TEST")
    static let checking = t("正在检测设备...", "Checking devices...")
    static let pressEnterToSignIn = t("确认键:签到", "ENTER: sign in")
    static let pressF1ToUnlock = t("F1:解锁操作员", "F1: unlock operator")
    static let signIn = t("操作员签到", "SIGN IN")
    static let operatorNumberPrompt = t("操作员号:", "Operator no.:")
    static let passwordPrompt = t("密码:", "Password:")
    static let signOut = t("签退", "SIGN OUT")
    static let yesNo = t("确认=是 取消=否", "ENTER=yes CANCEL=no")
    static let unlockTitle = t("解锁操作员", "UNLOCK OPERATOR")
    static let supervisorNumberPrompt = t("主管操作员号:", "Supervisor no.:")
    static let supervisorPasswordPrompt = t("主管密码:", "Supervisor password:")
    static let lockedNumberPrompt = t("被锁操作员号:", "Operator to unlock:")
    static let changePasswordTitle = t("修改密码", "CHANGE PASSWORD")
    static let oldPasswordPrompt = t("原密码:", "Old password:")
    static let newPasswordPrompt = t("新密码:", "New password:")
    static let confirmPasswordPrompt = t("再次输入新密码:", "Confirm password:")
    static let mustChangeNow = t("首次签到,请修改密码", "Set a new password")
    static let addOperatorTitle = t("添加操作员", "ADD OPERATOR")
    static let operatorNumber2Prompt = t("操作员号(2位):", "Operator no. (2 digits):")
    static let initialPasswordPrompt = t("初始密码:", "Initial password:")
    static let deleteOperatorTitle = t("删除操作员", "DELETE OPERATOR")
    static let resetPasswordTitle = t("重置密码", "RESET PASSWORD")
    static let error = t("错误", "ERROR")
    static let notice = t("提示", "NOTICE")
    static let anyKey = t("按任意键继续", "Press any key")
    static let netTestTitle = t("联网测试", "CONNECTIVITY TEST")
    static let connecting = t("正在连接主机...", "Connecting to host...")
    static let cancelToStop = t("取消键:停止", "CANCEL: stop")
    static let modeLetters = t("[字母] F1切换", "[ABC] F1: mode")
    static let modeDigits = t("[数字] F1切换", "[123] F1: mode")

    // MARK: menus
    static let mainMenu = t("主菜单", "MAIN MENU")
    static let configMenu = t("参数设置", "Configuration")
    static let networkMenu = t("网络设置", "Network")
    static let operatorsMenu = t("操作员管理", "Operators")
    static let itemChangePassword = t("修改密码", "Change password")
    static let itemUnlock = t("解锁操作员", "Unlock operator")
    static let itemSignOut = t("签退", "Sign out")
    static let itemLanguage = t("语言", "Language")
    static let itemNetTest = t("联网测试", "Connectivity test")
    static let itemDHCP = t("DHCP自动获取", "DHCP")
    static let itemAddOperator = t("添加操作员", "Add operator")
    static let itemDeleteOperator = t("删除操作员", "Delete operator")
    static let itemResetPassword = t("重置密码", "Reset password")
    static let itemListOperators = t("操作员列表", "List operators")
    static let chooseRole = t("选择角色", "CHOOSE ROLE")
    static let on = t("开启", "On")
    static let off = t("关闭", "Off")

    static func role(_ role: OperatorRole) -> LocalizedText {
        switch role {
        case .cashier: return t("收银员", "Cashier")
        case .supervisor: return t("主管", "Supervisor")
        case .admin: return t("系统管理员", "Admin")
        }
    }

    static func languageName(_ language: Language) -> LocalizedText {
        switch language {
        case .chinese: return t("简体中文", "简体中文 Chinese")
        case .english: return t("English 英文", "English")
        }
    }

    static func operatorsTitle(_ count: Int) -> LocalizedText { t("操作员列表(\(count))", "OPERATORS (\(count))") }
    static func operatorLabel(_ number: String) -> LocalizedText { t("操作员 \(number)", "Operator \(number)") }
    static let lockedTag = t("[已锁定]", "[locked]")
    static let mustChangeTag = t("[待改密]", "[new pw]")
    static func signOutQuestion(_ number: String) -> LocalizedText { t("操作员\(number)确认签退?", "Sign out operator \(number)?") }
    static func deleteQuestion(_ number: String, _ role: OperatorRole) -> LocalizedText {
        t("删除操作员\(number)(\(Self.role(role).zh))?", "Delete operator \(number) (\(Self.role(role).en))?")
    }
    static func passwordRule(_ role: OperatorRole) -> LocalizedText {
        let min = PasswordRules.minLength(for: role), max = PasswordRules.maxLength
        return t("\(min)-\(max)位数字", "\(min)-\(max) digits")
    }

    // MARK: idle status
    static let linkOK = t("网络:正常", "LINK:OK")
    static let linkDown = t("网络:断开", "LINK:DOWN")
    static func printer(_ status: PrinterStatus) -> LocalizedText {
        switch status {
        case .ok: return t("打印:正常", "PRN:OK")
        case .paperOut: return t("打印:缺纸", "PRN:NO PAPER")
        case .offline: return t("打印:离线", "PRN:OFFLINE")
        case .coverOpen: return t("打印:开盖", "PRN:COVER OPEN")
        }
    }

    // MARK: results
    static let saved = t("已保存", "Saved")
    static let unchanged = t("未修改", "Not changed")
    static let passwordChanged = t("密码已修改", "Password changed")
    static let mustChangeHint = t("首次签到须修改密码", "Must change it at sign-in")
    static func operatorAdded(_ n: String) -> LocalizedText { t("操作员\(n)已添加", "Operator \(n) added") }
    static func operatorRemoved(_ n: String) -> LocalizedText { t("操作员\(n)已删除", "Operator \(n) deleted") }
    static func passwordReset(_ n: String) -> LocalizedText { t("操作员\(n)密码已重置", "Operator \(n) password reset") }
    static func unlocked(_ n: String) -> LocalizedText { t("操作员\(n)已解锁", "Operator \(n) unlocked") }
    static func notLocked(_ n: String) -> LocalizedText { t("操作员\(n)未被锁定", "Operator \(n) is not locked") }
    static let netTestOK = t("连接主机成功", "Host connection OK")
    static let netTestFailed = t("连接主机失败", "Host connection failed")
    static func elapsed(_ ms: Int64) -> LocalizedText { t("耗时\(ms)毫秒", "Time \(ms) ms") }
    static func faultCode(_ code: String) -> LocalizedText { t("代码:\(code)", "Code: \(code)") }

    // MARK: errors
    static let errNoPermission = t("权限不足", "Permission denied")
    static func errNoSuchOperator(_ n: String) -> LocalizedText { t("操作员\(n)不存在", "No operator \(n)") }
    static func errLocked(_ n: String) -> LocalizedText { t("操作员\(n)已锁定", "Operator \(n) is locked") }
    static let hintUnlock = t("请主管解锁(待机界面按F1)", "Supervisor unlocks: F1 at idle")
    static let errWrongPassword = t("密码错误", "Wrong password")
    static func attemptsLeft(_ n: Int) -> LocalizedText { t("还可尝试\(n)次", "\(n) attempt(s) left") }
    static let errNotSupervisor = t("须主管或管理员", "Supervisor or admin only")
    static func errPasswordLength(min: Int, max: Int) -> LocalizedText {
        t("密码须为\(min)-\(max)位数字", "Password must be \(min)-\(max) digits")
    }
    static let errPasswordSameDigit = t("密码不能全为相同数字", "Not all the same digit")
    static let errSameAsOld = t("新密码不能与原密码相同", "Must differ from old password")
    static let errMismatch = t("两次输入的密码不一致", "Passwords do not match")
    static let errOperatorNumber = t("操作员号须为2位数字", "Operator no. is 2 digits")
    static func errOperatorExists(_ n: String) -> LocalizedText { t("操作员\(n)已存在", "Operator \(n) exists") }
    static let errLastAdmin = t("不能删除最后一个管理员", "Cannot delete the last admin")
    static let errDeleteSelf = t("不能删除自己", "Cannot delete yourself")
    static let errResetSelf = t("请用修改密码功能", "Use Change password")
    static let errTerminalID = t("终端号须为8位数字", "Terminal ID is 8 digits")
    static let errMerchantID = t("商户号须为15位数字", "Merchant ID is 15 digits")
    static let errMerchantName = t("商户名称不能为空", "Merchant name is empty")
    static let errIPAddress = t("IP地址格式错误", "Invalid IP address")
    static let errNetmask = t("子网掩码无效", "Invalid netmask")
    static let errPort = t("端口须为1-65535", "Port must be 1-65535")
    static let errAPN = t("APN格式错误", "Invalid APN")
    static let errLimit = t("限额须大于0", "Limit must be above 0")

    // MARK: connectivity failures
    static let reasonNetworkDown = t("网络未连接,请检查网线/信号", "Network down: check cable/signal")
    static let reasonTimeout = t("主机无响应(超时)", "Host did not answer (timeout)")
    static func reason(_ kind: HALError.Kind) -> LocalizedText {
        switch kind {
        case .disconnected: return t("主机不可达,请检查地址端口", "Host unreachable: check address/port")
        case .timeout: return reasonTimeout
        default: return t("连接失败", "Connection failed")
        }
    }
}
