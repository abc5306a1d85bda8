/// A key on the terminal's own keypad (not the PIN pad).
///
/// The raw value is the key's name in the control protocol (`"0"`…`"9"`, `"00"`, `"."`,
/// `"ENTER"`, `"CANCEL"`, `"CLEAR"`, `"UP"`, `"DOWN"`, `"MENU"`, `"F1"`…`"F4"`).
public enum KeypadKey: String, Sendable, Hashable, CaseIterable, Codable {
    /// Digit keys 0 to 4.
    case digit0 = "0", digit1 = "1", digit2 = "2", digit3 = "3", digit4 = "4"
    /// Digit keys 5 to 9.
    case digit5 = "5", digit6 = "6", digit7 = "7", digit8 = "8", digit9 = "9"
    /// Types two zeros (amount entry).
    case doubleZero = "00"
    /// The decimal point.
    case dot = "."
    /// Confirms (green key).
    case enter = "ENTER"
    /// Cancels / goes back (red key).
    case cancel = "CANCEL"
    /// Erases (yellow key).
    case clear = "CLEAR"
    /// Moves the menu cursor up.
    case up = "UP"
    /// Moves the menu cursor down.
    case down = "DOWN"
    /// Opens the menu.
    case menu = "MENU"
    /// Function keys F1 to F4.
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
