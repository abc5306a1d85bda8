import HAL

/// The configuration menu's saves and the connectivity check.
extension TerminalMachine {
    mutating func saveConfigField(_ field: ConfigField, _ entry: InputField) {
        switch field.apply(entry, to: state.configuration) {
        case let .valid(new):
            saveConfiguration(new, change: "\(field.rawValue)=\(field.value(in: new))",
                              back: field.menu.screen(at: .edit(field)))
        case let .invalid(reason):
            showError([reason], next: .configEdit(field, entry))
        }
    }

    /// Persists `new` with an audit entry in one group (nothing when it did not change), then
    /// says so and leads to `back`. A language change shows in the new language at once.
    mutating func saveConfiguration(_ new: TerminalConfiguration, change: String, back: Screen) {
        guard new != state.configuration else {
            showInfo([Strings.unchanged], next: back, success: false)
            return
        }
        state.configuration = new
        step.changes.append(.putConfiguration(new))
        audit("config.changed", change, by: state.signedInOperator)
        showInfo([Strings.saved], next: back)
    }

    mutating func startNetTest() {
        guard !hostBusy else {
            netTestFailed(PaymentStrings.hostBusy, code: "busy")
            return
        }
        guard state.linkUp else {
            netTestFailed(Strings.reasonNetworkDown, code: "network_down")
            return
        }
        step.actions += [.connectHost(state.configuration.host),
                         .startTimer(.netTest, milliseconds: Self.netTestTimeoutMilliseconds)]
        state.screen = .netTestConnecting(startedAt: state.now)
    }

    mutating func netTestSucceeded(startedAt: WallTime) {
        let elapsed = state.now.millisecondsSinceEpoch - startedAt.millisecondsSinceEpoch
        step.actions += [.cancelTimer(.netTest), .disconnectHost]
        state.screen = .netTestResult(success: true, [Strings.netTestOK, Strings.elapsed(elapsed),
                                                       LocalizedText(zh: "\(state.configuration.host)", en: "\(state.configuration.host)")])
        step.beep = .success
    }

    mutating func netTestFailed(_ reason: LocalizedText, code: String) {
        state.screen = .netTestResult(success: false, [Strings.netTestFailed, reason, Strings.faultCode(code)])
        step.beep = .error
    }
}
