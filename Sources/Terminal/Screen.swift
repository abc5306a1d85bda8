/// What the terminal is showing and the state of its entry, if any. Internal: clear digits of a
/// password being typed live here and never leave the machine (the frame shows `*`).
indirect enum Screen: Sendable, Hashable {
    case off
    case selfTest
    case idle
    case signInOperator(InputField)
    case signInPassword(number: String, InputField)
    case menu(MenuID, cursor: Int)
    case choice(ChoiceKind, cursor: Int)
    case message(MessageKind, [LocalizedText], next: Screen)
    case signOutConfirm
    case unlockSupervisor(InputField)
    case unlockPassword(number: String, InputField)
    case unlockOperator(by: String, InputField)
    case passwordOld(InputField)
    case passwordNew(forced: Bool, InputField)
    case passwordConfirm(forced: Bool, hash: PasswordHash, InputField)
    case operatorAddNumber(InputField)
    case operatorAddPassword(number: String, role: OperatorRole, InputField)
    case operatorAddConfirm(number: String, role: OperatorRole, hash: PasswordHash, InputField)
    case operatorDeleteNumber(InputField)
    case operatorDeleteConfirm(number: String)
    case operatorResetNumber(InputField)
    case operatorResetPassword(number: String, InputField)
    case operatorResetConfirm(number: String, hash: PasswordHash, InputField)
    case operatorList(cursor: Int)
    case configEdit(ConfigField, InputField)
    case netTestConnecting(startedAt: WallTime)
    case netTestResult(success: Bool, [LocalizedText])
    case hostSignOn(then: AfterSignOn)
    case saleAmount(InputField)
    case saleCard(amount: Int64, notice: LocalizedText?)
    case saleConfirm(SaleDraft)
    case salePin(SaleDraft, digits: Int)
    case saleOnline(SaleDraft)
    case saleResult(approved: Bool, [LocalizedText])

    /// The stable screen id tests and rigs wait for.
    var id: String {
        switch self {
        case .off: return "off"
        case .selfTest: return "self_test"
        case .idle: return "idle"
        case .signInOperator: return "signin.operator"
        case .signInPassword: return "signin.password"
        case let .menu(menu, _): return menu.rawValue
        case let .choice(kind, _): return kind.screenID
        case let .message(kind, _, _): return kind.rawValue
        case .signOutConfirm: return "signout.confirm"
        case .unlockSupervisor: return "unlock.supervisor"
        case .unlockPassword: return "unlock.password"
        case .unlockOperator: return "unlock.operator"
        case .passwordOld: return "password.old"
        case .passwordNew: return "password.new"
        case .passwordConfirm: return "password.confirm"
        case .operatorAddNumber: return "operators.add.number"
        case .operatorAddPassword: return "operators.add.password"
        case .operatorAddConfirm: return "operators.add.confirm"
        case .operatorDeleteNumber: return "operators.delete.number"
        case .operatorDeleteConfirm: return "operators.delete.confirm"
        case .operatorResetNumber: return "operators.reset.number"
        case .operatorResetPassword: return "operators.reset.password"
        case .operatorResetConfirm: return "operators.reset.confirm"
        case .operatorList: return "operators.list"
        case let .configEdit(field, _): return field.screenID
        case .netTestConnecting: return "config.nettest"
        case .netTestResult: return "config.nettest.result"
        case .hostSignOn: return "host.signon"
        case .saleAmount: return "sale.amount"
        case .saleCard: return "sale.card"
        case .saleConfirm: return "sale.confirm"
        case .salePin: return "sale.pin"
        case .saleOnline: return "sale.online"
        case .saleResult: return "sale.result"
        }
    }

    /// Home screens have no idle timeout: the idle screen, the signed-in main menu, and the
    /// screens before the terminal is up.
    var isHome: Bool {
        switch self {
        case .off, .selfTest, .idle: return true
        case .menu(.main, _): return true
        default: return false
        }
    }
}

/// A message screen's kind; the raw value is its screen id.
enum MessageKind: String, Sendable, Hashable {
    /// Something went wrong or was refused (with an error beep).
    case error = "message.error"
    /// Something was done or needs saying.
    case info = "message.info"
}

/// The single-choice screens (pick one of a few values).
enum ChoiceKind: Sendable, Hashable {
    /// The role of an operator being added.
    case operatorRole(number: String)
    /// DHCP on or off.
    case dhcp
    /// The screen language.
    case language

    var screenID: String {
        switch self {
        case .operatorRole: return "operators.add.role"
        case .dhcp: return "config.edit.dhcp"
        case .language: return "config.edit.language"
        }
    }
}

extension TerminalMachine {
    /// Every screen id the terminal can show, for the control protocol's `wait` and for docs.
    public static var screenIDs: [String] {
        ["off", "self_test", "idle", "signin.operator", "signin.password", "signout.confirm",
         MessageKind.error.rawValue, MessageKind.info.rawValue,
         "unlock.supervisor", "unlock.password", "unlock.operator",
         "password.old", "password.new", "password.confirm",
         "operators.add.number", ChoiceKind.operatorRole(number: "").screenID, "operators.add.password", "operators.add.confirm",
         "operators.delete.number", "operators.delete.confirm",
         "operators.reset.number", "operators.reset.password", "operators.reset.confirm", "operators.list",
         ChoiceKind.dhcp.screenID, ChoiceKind.language.screenID, "config.nettest", "config.nettest.result",
         "host.signon", "sale.amount", "sale.card", "sale.confirm", "sale.pin", "sale.online", "sale.result"]
            + MenuID.allCases.map(\.rawValue) + ConfigField.allCases.map(\.screenID)
    }
}
