/// What an operator may do, and the least role that may do it. Roles are ordered
/// (cashier < supervisor < admin) and a higher role may do everything a lower one may.
///
/// | permission | least role |
/// |---|---|
/// | sign in / sign out, change own password, sale | cashier |
/// | unlock a locked operator | supervisor |
/// | manage operators (add, delete, reset password, list) | admin |
/// | configuration and connectivity check | admin |
public enum Permission: String, Sendable, Hashable, CaseIterable {
    /// Sign out (signing in needs only a valid number and password).
    case signOut = "signout"
    /// Change one's own password.
    case changeOwnPassword = "password.change"
    /// Unlock an operator locked by wrong passwords.
    case unlockOperator = "operator.unlock"
    /// Add, delete, list operators and reset their passwords.
    case manageOperators = "operators.manage"
    /// Change the configuration and run the connectivity check.
    case configure = "config"
    /// Run a sale (消费).
    case sale

    /// The least role that holds this permission.
    public var requiredRole: OperatorRole {
        switch self {
        case .signOut, .changeOwnPassword, .sale: return .cashier
        case .unlockOperator: return .supervisor
        case .manageOperators, .configure: return .admin
        }
    }

    /// Whether an operator in `role` holds this permission.
    public func isGranted(to role: OperatorRole) -> Bool { role >= requiredRole }
}
