/// Operator management by an admin: add, delete, reset a password.
extension TerminalMachine {
    mutating func addOperatorNumber(_ number: String) {
        guard number.count == 2 else {
            showError([Strings.errOperatorNumber], next: .operatorAddNumber(Self.numberField))
            return
        }
        guard state.operators[number] == nil else {
            showError([Strings.errOperatorExists(number)], next: .operatorAddNumber(Self.numberField))
            return
        }
        state.screen = .choice(.operatorRole(number: number), cursor: 0)
    }

    mutating func addOperatorPassword(_ number: String, role: OperatorRole, _ password: String) {
        if let violation = PasswordRules.violation(password, role: role) {
            showError([violation], next: .operatorAddPassword(number: number, role: role, Self.passwordField))
            return
        }
        state.screen = .operatorAddConfirm(number: number, role: role, hash: services.passwords.hash(password: password),
                                           Self.passwordField)
    }

    mutating func addOperator(_ number: String, role: OperatorRole, hash: PasswordHash, confirmation: String) {
        guard services.passwords.verify(password: confirmation, against: hash) else {
            showError([Strings.errMismatch], next: .operatorAddPassword(number: number, role: role, Self.passwordField))
            return
        }
        save(OperatorRecord(number: number, role: role, password: hash, mustChangePassword: true))
        audit("operator.added", "\(number) \(role.rawValue)", by: state.signedInOperator)
        showInfo([Strings.operatorAdded(number), Strings.mustChangeHint], next: MenuID.operators.screen(at: .addOperator))
    }

    mutating func deleteOperatorNumber(_ number: String) {
        guard let record = state.operators[number] else {
            showError([Strings.errNoSuchOperator(number)], next: .operatorDeleteNumber(Self.numberField))
            return
        }
        let admins = state.operators.values.filter { $0.role == .admin }.count
        if record.role == .admin && admins <= 1 {
            showError([Strings.errLastAdmin], next: MenuID.operators.screen(at: .deleteOperator))
        } else if number == state.signedInOperator {
            showError([Strings.errDeleteSelf], next: MenuID.operators.screen(at: .deleteOperator))
        } else {
            state.screen = .operatorDeleteConfirm(number: number)
        }
    }

    mutating func deleteOperator(_ number: String) {
        guard let record = state.operators[number] else {
            state.screen = MenuID.operators.screen(at: .deleteOperator)
            return
        }
        state.operators[number] = nil
        step.changes.append(.removeOperator(number: number))
        audit("operator.removed", "\(number) \(record.role.rawValue)", by: state.signedInOperator)
        showInfo([Strings.operatorRemoved(number)], next: MenuID.operators.screen(at: .deleteOperator))
    }

    mutating func resetOperatorNumber(_ number: String) {
        guard state.operators[number] != nil else {
            showError([Strings.errNoSuchOperator(number)], next: .operatorResetNumber(Self.numberField))
            return
        }
        guard number != state.signedInOperator else {
            showError([Strings.errResetSelf], next: MenuID.operators.screen(at: .resetPassword))
            return
        }
        state.screen = .operatorResetPassword(number: number, Self.passwordField)
    }

    mutating func resetPassword(_ number: String, _ password: String) {
        guard let record = state.operators[number] else {
            state.screen = MenuID.operators.screen(at: .resetPassword)
            return
        }
        if let violation = PasswordRules.violation(password, role: record.role) {
            showError([violation], next: .operatorResetPassword(number: number, Self.passwordField))
        } else if services.passwords.verify(password: password, against: record.password) {
            showError([Strings.errSameAsOld], next: .operatorResetPassword(number: number, Self.passwordField))
        } else {
            state.screen = .operatorResetConfirm(number: number, hash: services.passwords.hash(password: password),
                                                 Self.passwordField)
        }
    }

    mutating func confirmReset(_ number: String, hash: PasswordHash, confirmation: String) {
        guard var record = state.operators[number] else {
            state.screen = MenuID.operators.screen(at: .resetPassword)
            return
        }
        guard services.passwords.verify(password: confirmation, against: hash) else {
            showError([Strings.errMismatch], next: .operatorResetPassword(number: number, Self.passwordField))
            return
        }
        // A reset also clears a lock: the admin hands over a fresh password.
        record.password = hash
        record.mustChangePassword = true
        record.failedAttempts = 0
        record.locked = false
        save(record)
        audit("password.reset", "operator \(number)", by: state.signedInOperator)
        showInfo([Strings.passwordReset(number), Strings.mustChangeHint], next: MenuID.operators.screen(at: .resetPassword))
    }
}
