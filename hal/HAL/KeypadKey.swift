/// A key on the terminal's own keypad (not the PIN pad).
///
/// The raw value is the key's name in the control protocol (`"0"`…`"9"`, `"00"`, `"."`,
/// `"ENTER"`, `"CANCEL"`, `"CLEAR"`, `"UP"`, `"DOWN"`, `"MENU"`, `"F1"`…`"F4"`).
public enum KeypadKey: String, Sendable, Hashable, CaseIterable, Codable {
    case digit0 = "0", digit1 = "1", digit2 = "2", digit3 = "3", digit4 = "4"
    case digit5 = "5", digit6 = "6", digit7 = "7", digit8 = "8", digit9 = "9"
    case doubleZero = "00"
    case dot = "."
    case enter = "ENTER"
    case cancel = "CANCEL"
    case clear = "CLEAR"
    case up = "UP"
    case down = "DOWN"
    case menu = "MENU"
    case f1 = "F1", f2 = "F2", f3 = "F3", f4 = "F4"

    /// The digits this key types into a numeric field (`"00"` types two zeros), or nil for a
    /// function key.
    public var digits: String? {
        switch self {
        case .digit0, .digit1, .digit2, .digit3, .digit4, .digit5, .digit6, .digit7, .digit8, .digit9,
             .doubleZero:
            return rawValue
        default:
            return nil
        }
    }
}
