/// Sign-in, sign-out, lockout and unlock, and the signed-in operator's password change.
extension TerminalMachine {
    /// The result of checking an operator's password.
    enum AuthOutcome {
        /// The password is right; the record is as saved (failed attempts reset).
        case success(OperatorRecord)
        /// The password is wrong; this many attempts are left before the lock.
        case wrong(remaining: Int)
        /// The operator is locked (now, or was already).
        case locked
    }

    /// Checks `password` for `record`, counting wrong attempts and locking at the limit. The
    /// changes join this step's persist group.
    mutating func authenticate(_ record: OperatorRecord, _ password: String) -> AuthOutcome {
        var record = record
        guard !record.locked else { return .locked }
        if services.passwords.verify(password: password, against: record.password) {
            if record.failedAttempts != 0 {
                record.failedAttempts = 0
                save(record)
            }
            return .success(record)
        }
        record.failedAttempts += 1
        let remaining = Self.maxPasswordAttempts - record.failedAttempts
        if remaining <= 0 { record.locked = true }
        save(record)
        audit("signin.failed", "attempt \(record.failedAttempts)", by: record.number)
        if record.locked {
            audit("operator.locked", "\(Self.maxPasswordAttempts) wrong passwords", by: record.number)
            return .locked
        }
        return .wrong(remaining: remaining)
    }

    mutating func signInNumber(_ number: String) {
        guard let record = state.operators[number] else {
            showError([Strings.errNoSuchOperator(number)], next: .signInOperator(Self.numberField))
            return
        }
        guard !record.locked else {
            showError([Strings.errLocked(number), Strings.hintUnlock], next: .idle)
            return
        }
        state.screen = .signInPassword(number: number, Self.passwordField)
    }

    mutating func signInPassword(_ number: String, _ password: String) {
        guard let record = state.operators[number] else {
            state.screen = .idle
            return
        }
        switch authenticate(record, password) {
        case let .success(record):
            state.signedInOperator = number
            audit("signin", record.role.rawValue, by: number)
            step.beep = .success
            if record.mustChangePassword {
                state.screen = .passwordNew(forced: true, Self.passwordField)
            } else if needsSignOn {
                beginSignOn(then: .mainMenu)
            } else {
                state.screen = .menu(.main, cursor: 0)
            }
        case let .wrong(remaining):
            showError([Strings.errWrongPassword, Strings.attemptsLeft(remaining)],
                      next: .signInPassword(number: number, Self.passwordField))
        case .locked:
            showError([Strings.errLocked(number), Strings.hintUnlock], next: .idle)
        }
    }

    /// Signs the current operator out (audited); the caller chooses the next screen.
    mutating func signOut(reason: String) {
        guard let me = state.signedInOperator else { return }
        audit("signout", reason, by: me)
        state.signedInOperator = nil
    }

    // MARK: unlock

    /// Where the unlock flow ends: the main menu for a signed-in supervisor, else idle.
    var afterUnlock: Screen {
        state.signedInOperator == nil ? .idle : MenuID.main.screen(at: .unlockOperator)
    }

    mutating func unlockSupervisorNumber(_ number: String) {
        guard let record = state.operators[number] else {
            showError([Strings.errNoSuchOperator(number)], next: .unlockSupervisor(Self.numberField))
            return
        }
        guard Permission.unlockOperator.isGranted(to: record.role) else {
            showError([Strings.errNotSupervisor], next: .unlockSupervisor(Self.numberField))
            return
        }
        guard !record.locked else {
            showError([Strings.errLocked(number)], next: .idle)
            return
        }
        state.screen = .unlockPassword(number: number, Self.passwordField)
    }

    mutating func unlockSupervisorPassword(_ number: String, _ password: String) {
        guard let record = state.operators[number] else {
            state.screen = .idle
            return
        }
        switch authenticate(record, password) {
        case .success:
            state.screen = .unlockOperator(by: number, Self.numberField)
        case let .wrong(remaining):
            showError([Strings.errWrongPassword, Strings.attemptsLeft(remaining)],
                      next: .unlockPassword(number: number, Self.passwordField))
        case .locked:
            showError([Strings.errLocked(number)], next: .idle)
        }
    }

    mutating func unlock(_ number: String, by supervisor: String) {
        guard var record = state.operators[number] else {
            showError([Strings.errNoSuchOperator(number)], next: .unlockOperator(by: supervisor, Self.numberField))
            return
        }
        guard record.locked else {
            showInfo([Strings.notLocked(number)], next: afterUnlock, success: false)
            return
        }
        record.locked = false
        record.failedAttempts = 0
        save(record)
        audit("operator.unlocked", "operator \(number)", by: supervisor)
        showInfo([Strings.unlocked(number)], next: afterUnlock)
    }

    // MARK: password change

    mutating func checkOldPassword(_ password: String) {
        guard let me = state.signedInOperator, let record = state.operators[me] else {
            state.screen = .idle
            return
        }
        switch authenticate(record, password) {
        case .success:
            state.screen = .passwordNew(forced: false, Self.passwordField)
        case let .wrong(remaining):
            showError([Strings.errWrongPassword, Strings.attemptsLeft(remaining)], next: .passwordOld(Self.passwordField))
        case .locked:
            signOut(reason: "locked")
            showError([Strings.errLocked(me), Strings.hintUnlock], next: .idle)
        }
    }

    mutating func newPassword(_ password: String, forced: Bool) {
        guard let me = state.signedInOperator, let record = state.operators[me] else {
            state.screen = .idle
            return
        }
        if let violation = PasswordRules.violation(password, role: record.role) {
            showError([violation], next: .passwordNew(forced: forced, Self.passwordField))
        } else if services.passwords.verify(password: password, against: record.password) {
            showError([Strings.errSameAsOld], next: .passwordNew(forced: forced, Self.passwordField))
        } else {
            // Only the hash is kept between the two entries.
            state.screen = .passwordConfirm(forced: forced, hash: services.passwords.hash(password: password), Self.passwordField)
        }
    }

    mutating func confirmPassword(_ confirmation: String, hash: PasswordHash, forced: Bool) {
        guard let me = state.signedInOperator, var record = state.operators[me] else {
            state.screen = .idle
            return
        }
        guard services.passwords.verify(password: confirmation, against: hash) else {
            showError([Strings.errMismatch], next: .passwordNew(forced: forced, Self.passwordField))
            return
        }
        record.password = hash
        record.mustChangePassword = false
        save(record)
        audit("password.changed", forced ? "first sign-in" : "by operator", by: me)
        showInfo([Strings.passwordChanged], next: forced ? .menu(.main, cursor: 0) : MenuID.main.screen(at: .changePassword))
    }
}
