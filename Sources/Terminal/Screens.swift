import HAL

/// Builds the display frame of the current screen, in the configured language.
enum Screens {
    static func frame(for state: TerminalState) -> DisplayFrame {
        let language = state.language
        func s(_ text: LocalizedText) -> String { text.text(language) }
        func frame(_ title: LocalizedText, _ lines: [LocalizedText], highlighted: Int? = nil) -> DisplayFrame {
            DisplayFrame(screenID: state.screen.id, title: s(title), lines: lines.map(s), highlighted: highlighted)
        }
        func entry(_ title: LocalizedText, _ lines: [LocalizedText], _ field: InputField) -> DisplayFrame {
            var all = lines + [plain(field.display)]
            if let mode = field.modeHint { all.append(mode) }
            return frame(title, all)
        }
        func numbered(_ items: [LocalizedText]) -> [LocalizedText] {
            items.enumerated().map { index, label in
                LocalizedText(zh: "\(index + 1).\(label.zh)", en: "\(index + 1).\(label.en)")
            }
        }

        switch state.screen {
        case .off:
            return DisplayFrame(screenID: "off", title: "", lines: [])
        case .selfTest:
            return frame(Strings.selfTest, [Strings.checking, status(state)])
        case .idle:
            let civil = state.now.civil(utcOffsetMinutes: state.configuration.utcOffsetMinutes)
            return DisplayFrame(screenID: "idle", title: state.configuration.merchantName,
                                lines: ["\(civil.dateString) \(civil.timeString)", s(status(state)),
                                        s(Strings.pressEnterToSignIn), s(Strings.pressF1ToUnlock)])
        case let .signInOperator(field):
            return entry(Strings.signIn, [Strings.operatorNumberPrompt], field)
        case let .signInPassword(number, field):
            return entry(Strings.signIn, [Strings.operatorLabel(number), Strings.passwordPrompt], field)
        case let .menu(menu, cursor):
            var title = menu.title
            if menu == .main, let me = state.signedInOperator, let role = state.signedInRole {
                title = LocalizedText(zh: "\(title.zh) \(me) \(Strings.role(role).zh)", en: "\(title.en) \(me) \(Strings.role(role).en)")
            }
            return frame(title, numbered(menu.items.map(\.label)), highlighted: cursor)
        case let .choice(kind, cursor):
            return frame(kind.title, numbered(kind.options), highlighted: cursor)
        case let .message(kind, lines, _):
            return frame(kind == .error ? Strings.error : Strings.notice, lines + [Strings.anyKey])
        case .signOutConfirm:
            return frame(Strings.signOut, [Strings.signOutQuestion(state.signedInOperator ?? ""), Strings.yesNo])
        case let .unlockSupervisor(field):
            return entry(Strings.unlockTitle, [Strings.supervisorNumberPrompt], field)
        case let .unlockPassword(number, field):
            return entry(Strings.unlockTitle, [Strings.operatorLabel(number), Strings.supervisorPasswordPrompt], field)
        case let .unlockOperator(_, field):
            return entry(Strings.unlockTitle, [Strings.lockedNumberPrompt], field)
        case let .passwordOld(field):
            return entry(Strings.changePasswordTitle, [Strings.oldPasswordPrompt], field)
        case let .passwordNew(forced, field):
            let rule = Strings.passwordRule(state.signedInRole ?? .admin)
            return entry(Strings.changePasswordTitle, (forced ? [Strings.mustChangeNow] : []) + [Strings.newPasswordPrompt, rule], field)
        case let .passwordConfirm(_, _, field):
            return entry(Strings.changePasswordTitle, [Strings.confirmPasswordPrompt], field)
        case let .operatorAddNumber(field):
            return entry(Strings.addOperatorTitle, [Strings.operatorNumber2Prompt], field)
        case let .operatorAddPassword(number, role, field):
            return entry(Strings.addOperatorTitle, [operatorWithRole(number, role), Strings.initialPasswordPrompt,
                                                    Strings.passwordRule(role)], field)
        case let .operatorAddConfirm(number, role, _, field):
            return entry(Strings.addOperatorTitle, [operatorWithRole(number, role), Strings.confirmPasswordPrompt], field)
        case let .operatorDeleteNumber(field):
            return entry(Strings.deleteOperatorTitle, [Strings.operatorNumber2Prompt], field)
        case let .operatorDeleteConfirm(number):
            return frame(Strings.deleteOperatorTitle, [Strings.deleteQuestion(number, state.operators[number]?.role ?? .cashier),
                                                       Strings.yesNo])
        case let .operatorResetNumber(field):
            return entry(Strings.resetPasswordTitle, [Strings.operatorNumber2Prompt], field)
        case let .operatorResetPassword(number, field):
            let role = state.operators[number]?.role ?? .cashier
            return entry(Strings.resetPasswordTitle, [operatorWithRole(number, role), Strings.newPasswordPrompt,
                                                      Strings.passwordRule(role)], field)
        case let .operatorResetConfirm(number, _, field):
            return entry(Strings.resetPasswordTitle, [Strings.operatorLabel(number), Strings.confirmPasswordPrompt], field)
        case let .operatorList(cursor):
            let lines = state.operators.values.sorted { $0.number < $1.number }.map { record in
                var line = LocalizedText(zh: "\(record.number) \(Strings.role(record.role).zh)",
                                         en: "\(record.number) \(Strings.role(record.role).en)")
                if record.locked { line = LocalizedText(zh: line.zh + " " + Strings.lockedTag.zh, en: line.en + " " + Strings.lockedTag.en) }
                if record.mustChangePassword {
                    line = LocalizedText(zh: line.zh + " " + Strings.mustChangeTag.zh, en: line.en + " " + Strings.mustChangeTag.en)
                }
                return line
            }
            return frame(Strings.operatorsTitle(lines.count), lines, highlighted: lines.isEmpty ? nil : cursor)
        case let .configEdit(field, entryField):
            return entry(field.label, [field.hint], entryField)
        case .netTestConnecting:
            return frame(Strings.netTestTitle, [Strings.connecting, plain("\(state.configuration.host)"), Strings.cancelToStop])
        case let .netTestResult(_, lines):
            return frame(Strings.netTestTitle, lines + [Strings.anyKey])
        case .hostSignOn:
            return frame(PaymentStrings.signOnTitle, [PaymentStrings.signingOn, plain("\(state.configuration.host)"),
                                                      PaymentStrings.cancelToStop])
        case let .saleAmount(field):
            return entry(PaymentStrings.saleTitle, [PaymentStrings.enterAmount], field)
        case let .saleCard(amount, notice):
            return frame(PaymentStrings.saleTitle, [PaymentStrings.amountLine(amount), PaymentStrings.presentCard]
                         + (notice.map { [$0] } ?? []) + [PaymentStrings.cancelToStop])
        case let .saleConfirm(draft):
            return frame(PaymentStrings.saleTitle, [plain(draft.maskedPAN), PaymentStrings.amountLine(draft.amount),
                                                    PaymentStrings.confirmQuestion])
        case let .salePin(draft, digits):
            return frame(PaymentStrings.saleTitle, [PaymentStrings.amountLine(draft.amount), PaymentStrings.pinPrompt,
                                                    PaymentStrings.pinOnPad, PaymentStrings.pinStars(digits)])
        case let .saleOnline(draft):
            return frame(PaymentStrings.saleTitle, [PaymentStrings.amountLine(draft.amount), plain(draft.maskedPAN),
                                                    PaymentStrings.processing])
        case let .saleResult(_, lines):
            return frame(PaymentStrings.saleTitle, lines + [Strings.anyKey])
        }
    }

    private static func plain(_ text: String) -> LocalizedText { LocalizedText(zh: text, en: text) }

    private static func operatorWithRole(_ number: String, _ role: OperatorRole) -> LocalizedText {
        LocalizedText(zh: "操作员 \(number) \(Strings.role(role).zh)", en: "Operator \(number) \(Strings.role(role).en)")
    }

    /// The link and printer status line.
    private static func status(_ state: TerminalState) -> LocalizedText {
        let link = state.linkUp ? Strings.linkOK : Strings.linkDown
        let printer = Strings.printer(state.printerStatus)
        return LocalizedText(zh: "\(link.zh) \(printer.zh)", en: "\(link.en) \(printer.en)")
    }
}
