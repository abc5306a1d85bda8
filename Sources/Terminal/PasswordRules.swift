/// The rules a new operator password must meet.
///
/// Digits only; admins and supervisors 6-8 digits, cashiers 4-8; not all the same digit; and
/// (checked by the machine against the stored hash) not the same as the old password.
public enum PasswordRules {
    /// Longest password of any role.
    public static let maxLength = 8

    /// The shortest password allowed for `role`.
    public static func minLength(for role: OperatorRole) -> Int {
        role == .cashier ? 4 : 6
    }

    /// Why `password` is not allowed for `role`, or nil when it is.
    static func violation(_ password: String, role: OperatorRole) -> LocalizedText? {
        let min = minLength(for: role)
        guard password.allSatisfy(\.isASCIIDigit), (min...maxLength).contains(password.count) else {
            return Strings.errPasswordLength(min: min, max: maxLength)
        }
        if let first = password.first, password.allSatisfy({ $0 == first }) {
            return Strings.errPasswordSameDigit
        }
        return nil
    }
}
