import HAL

extension TerminalMachine {
    /// Routes a keypad key to the current screen. Keys that mean nothing on a screen are ignored.
    mutating func key(_ key: KeypadKey) {
        switch state.screen {
        case .off, .selfTest:
            return
        case .idle:
            switch key {
            case .enter, .menu: state.screen = .signInOperator(Self.numberField)
            case .f1: state.screen = .unlockSupervisor(Self.numberField)
            default: return
            }
        case let .menu(menu, cursor):
            menuKey(menu, cursor: cursor, key)
        case let .choice(kind, cursor):
            choiceKey(kind, cursor: cursor, key)
        case let .message(_, _, next):
            state.screen = next
        case .signOutConfirm:
            switch key {
            case .enter:
                signOut(reason: "operator")
                state.screen = .idle
            case .cancel:
                state.screen = MenuID.main.screen(at: .signOut)
            default:
                return
            }
        case .netTestConnecting:
            guard key == .cancel else { return }
            step.actions += [.cancelTimer(.netTest), .disconnectHost]
            state.screen = MenuID.config.screen(at: .netTest)
        case .netTestResult:
            state.screen = MenuID.config.screen(at: .netTest)
        case .hostSignOn, .saleCard, .saleConfirm, .salePin, .saleOnline, .saleResult:
            saleKey(key)
        case let .operatorDeleteConfirm(number):
            switch key {
            case .enter: deleteOperator(number)
            case .cancel: state.screen = MenuID.operators.screen(at: .deleteOperator)
            default: return
            }
        case let .operatorList(cursor):
            let count = state.operators.count
            switch key {
            case .up: state.screen = .operatorList(cursor: (cursor + count - 1) % max(1, count))
            case .down: state.screen = .operatorList(cursor: (cursor + 1) % max(1, count))
            case .enter, .cancel: state.screen = MenuID.operators.screen(at: .listOperators)
            default: return
            }
        default:
            fieldKey(key)
        }
    }

    /// An empty two-digit operator number field.
    static var numberField: InputField { InputField(.digits(max: 2)) }
    /// An empty password field.
    static var passwordField: InputField { InputField(.password(max: PasswordRules.maxLength)) }

    /// Keys on the screens that have an entry field.
    private mutating func fieldKey(_ key: KeypadKey) {
        switch state.screen {
        case var .signInOperator(field):
            switch edit(&field, key) {
            case .submit: signInNumber(field.text)
            case .cancel: state.screen = .idle
            default: state.screen = .signInOperator(field)
            }
        case .signInPassword(let number, var field):
            switch edit(&field, key) {
            case .submit: signInPassword(number, field.text)
            case .cancel: state.screen = .signInOperator(Self.numberField)
            default: state.screen = .signInPassword(number: number, field)
            }
        case var .unlockSupervisor(field):
            switch edit(&field, key) {
            case .submit: unlockSupervisorNumber(field.text)
            case .cancel: state.screen = .idle
            default: state.screen = .unlockSupervisor(field)
            }
        case .unlockPassword(let number, var field):
            switch edit(&field, key) {
            case .submit: unlockSupervisorPassword(number, field.text)
            case .cancel: state.screen = .unlockSupervisor(Self.numberField)
            default: state.screen = .unlockPassword(number: number, field)
            }
        case .unlockOperator(let by, var field):
            switch edit(&field, key) {
            case .submit: unlock(field.text, by: by)
            case .cancel: state.screen = afterUnlock
            default: state.screen = .unlockOperator(by: by, field)
            }
        case var .passwordOld(field):
            switch edit(&field, key) {
            case .submit: checkOldPassword(field.text)
            case .cancel: state.screen = MenuID.main.screen(at: .changePassword)
            default: state.screen = .passwordOld(field)
            }
        case .passwordNew(let forced, var field):
            switch edit(&field, key) {
            case .submit: newPassword(field.text, forced: forced)
            case .cancel:
                if forced {
                    signOut(reason: "password change refused")
                    state.screen = .idle
                } else {
                    state.screen = MenuID.main.screen(at: .changePassword)
                }
            default: state.screen = .passwordNew(forced: forced, field)
            }
        case .passwordConfirm(let forced, let hash, var field):
            switch edit(&field, key) {
            case .submit: confirmPassword(field.text, hash: hash, forced: forced)
            case .cancel: state.screen = .passwordNew(forced: forced, Self.passwordField)
            default: state.screen = .passwordConfirm(forced: forced, hash: hash, field)
            }
        default:
            operatorFieldKey(key)
        }
    }

    /// Keys on the operator-management and configuration entry screens.
    private mutating func operatorFieldKey(_ key: KeypadKey) {
        switch state.screen {
        case var .operatorAddNumber(field):
            switch edit(&field, key) {
            case .submit: addOperatorNumber(field.text)
            case .cancel: state.screen = MenuID.operators.screen(at: .addOperator)
            default: state.screen = .operatorAddNumber(field)
            }
        case .operatorAddPassword(let number, let role, var field):
            switch edit(&field, key) {
            case .submit: addOperatorPassword(number, role: role, field.text)
            case .cancel: state.screen = .choice(.operatorRole(number: number), cursor: OperatorRole.allCases.firstIndex(of: role) ?? 0)
            default: state.screen = .operatorAddPassword(number: number, role: role, field)
            }
        case .operatorAddConfirm(let number, let role, let hash, var field):
            switch edit(&field, key) {
            case .submit: addOperator(number, role: role, hash: hash, confirmation: field.text)
            case .cancel: state.screen = .operatorAddPassword(number: number, role: role, Self.passwordField)
            default: state.screen = .operatorAddConfirm(number: number, role: role, hash: hash, field)
            }
        case var .operatorDeleteNumber(field):
            switch edit(&field, key) {
            case .submit: deleteOperatorNumber(field.text)
            case .cancel: state.screen = MenuID.operators.screen(at: .deleteOperator)
            default: state.screen = .operatorDeleteNumber(field)
            }
        case var .operatorResetNumber(field):
            switch edit(&field, key) {
            case .submit: resetOperatorNumber(field.text)
            case .cancel: state.screen = MenuID.operators.screen(at: .resetPassword)
            default: state.screen = .operatorResetNumber(field)
            }
        case .operatorResetPassword(let number, var field):
            switch edit(&field, key) {
            case .submit: resetPassword(number, field.text)
            case .cancel: state.screen = .operatorResetNumber(Self.numberField)
            default: state.screen = .operatorResetPassword(number: number, field)
            }
        case .operatorResetConfirm(let number, let hash, var field):
            switch edit(&field, key) {
            case .submit: confirmReset(number, hash: hash, confirmation: field.text)
            case .cancel: state.screen = .operatorResetPassword(number: number, Self.passwordField)
            default: state.screen = .operatorResetConfirm(number: number, hash: hash, field)
            }
        case .saleAmount:
            saleKey(key)
        case .configEdit(let configField, var field):
            switch edit(&field, key) {
            case .submit: saveConfigField(configField, field)
            case .cancel: state.screen = configField.menu.screen(at: .edit(configField))
            default: state.screen = .configEdit(configField, field)
            }
        default:
            return
        }
    }

    // MARK: menus and choices

    /// The 0-based item index a number key picks, if it is one of `count` items.
    private func pick(_ key: KeypadKey, count: Int) -> Int? {
        guard let digits = key.digits, digits.count == 1, let n = Int(digits), n >= 1, n <= count else { return nil }
        return n - 1
    }

    private mutating func menuKey(_ menu: MenuID, cursor: Int, _ key: KeypadKey) {
        let count = menu.items.count
        switch key {
        case .up: state.screen = .menu(menu, cursor: (cursor + count - 1) % count)
        case .down: state.screen = .menu(menu, cursor: (cursor + 1) % count)
        case .enter: choose(menu, index: cursor)
        case .cancel:
            guard let parent = menu.parent else { return }
            state.screen = parent.screen(at: .open(menu))
        default:
            guard let index = pick(key, count: count) else { return }
            choose(menu, index: index)
        }
    }

    private mutating func choose(_ menu: MenuID, index: Int) {
        let item = menu.items[index]
        guard let me = state.signedInOperator, let role = state.signedInRole, item.permission.isGranted(to: role) else {
            showError([Strings.errNoPermission], next: .menu(menu, cursor: index))
            return
        }
        switch item.action {
        case .changePassword: state.screen = .passwordOld(Self.passwordField)
        case .unlockOperator: state.screen = .unlockOperator(by: me, Self.numberField)
        case let .open(submenu): state.screen = .menu(submenu, cursor: 0)
        case .signOut: state.screen = .signOutConfirm
        case .addOperator: state.screen = .operatorAddNumber(Self.numberField)
        case .deleteOperator: state.screen = .operatorDeleteNumber(Self.numberField)
        case .resetPassword: state.screen = .operatorResetNumber(Self.numberField)
        case .listOperators: state.screen = .operatorList(cursor: 0)
        case let .edit(field): state.screen = .configEdit(field, field.field(for: state.configuration))
        case let .choose(kind): state.screen = .choice(kind, cursor: kind.currentIndex(state.configuration))
        case .netTest: startNetTest()
        case .sale: beginSale()
        }
    }

    private mutating func choiceKey(_ kind: ChoiceKind, cursor: Int, _ key: KeypadKey) {
        let count = kind.options.count
        switch key {
        case .up: state.screen = .choice(kind, cursor: (cursor + count - 1) % count)
        case .down: state.screen = .choice(kind, cursor: (cursor + 1) % count)
        case .enter: chosen(kind, index: cursor)
        case .cancel:
            switch kind {
            case .operatorRole: state.screen = .operatorAddNumber(Self.numberField)
            case .dhcp: state.screen = MenuID.network.screen(at: .choose(.dhcp))
            case .language: state.screen = MenuID.config.screen(at: .choose(.language))
            }
        default:
            guard let index = pick(key, count: count) else { return }
            chosen(kind, index: index)
        }
    }

    private mutating func chosen(_ kind: ChoiceKind, index: Int) {
        switch kind {
        case let .operatorRole(number):
            state.screen = .operatorAddPassword(number: number, role: OperatorRole.allCases[index], Self.passwordField)
        case .dhcp:
            var new = state.configuration
            new.network.dhcp = index == 0
            saveConfiguration(new, change: "dhcp=\(new.network.dhcp ? "on" : "off")",
                              back: MenuID.network.screen(at: .choose(.dhcp)))
        case .language:
            var new = state.configuration
            new.language = Language.allCases[index]
            saveConfiguration(new, change: "language=\(new.language.rawValue)",
                              back: MenuID.config.screen(at: .choose(.language)))
        }
    }
}

extension ChoiceKind {
    /// The values to choose from, in order (number key `n` picks the `n`th).
    var options: [LocalizedText] {
        switch self {
        case .operatorRole: return OperatorRole.allCases.map(Strings.role)
        case .dhcp: return [Strings.on, Strings.off]
        case .language: return Language.allCases.map(Strings.languageName)
        }
    }

    /// The option in force now (where the cursor starts).
    func currentIndex(_ config: TerminalConfiguration) -> Int {
        switch self {
        case .operatorRole: return 0
        case .dhcp: return config.network.dhcp ? 0 : 1
        case .language: return Language.allCases.firstIndex(of: config.language) ?? 0
        }
    }

    var title: LocalizedText {
        switch self {
        case .operatorRole: return Strings.chooseRole
        case .dhcp: return Strings.itemDHCP
        case .language: return Strings.itemLanguage
        }
    }
}

extension Screen {
    /// Whether this is (or a message leads back to) the password change forced at sign-in.
    var isForcedPasswordChange: Bool {
        switch self {
        case .passwordNew(forced: true, _), .passwordConfirm(forced: true, _, _): return true
        case let .message(_, _, next): return next.isForcedPasswordChange
        default: return false
        }
    }
}
