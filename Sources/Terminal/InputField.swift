import HAL

/// An entry field on a screen: what may be typed, what has been typed, and how it is shown.
///
/// ENTER and CANCEL belong to the screen; the field handles the editing keys only.
struct InputField: Sendable, Hashable {
    /// What the field accepts.
    enum Kind: Sendable, Hashable {
        /// Digits only, shown as typed.
        case digits(max: Int)
        /// Digits only, shown as `*`.
        case password(max: Int)
        /// An IPv4 address: digits and `.`, at most 15 characters.
        case ipv4
        /// An amount in minor units; digits shift in from the right (`1`,`2`,`3` -> 1.23).
        case amount(maxDigits: Int)
        /// Upper-case letters, digits and a few signs by multi-tap (see `MultiTap`).
        case text(max: Int)
    }

    /// The result of pressing a key in the field.
    enum Action: Sendable, Hashable {
        /// The text changed (or the input mode did).
        case edited
        /// ENTER: the screen should take the text.
        case submit
        /// CANCEL: the screen should go back.
        case cancel
        /// The key would make the field too long (or is not allowed here): beep.
        case rejected
        /// The key means nothing in this field.
        case ignored
    }

    /// What the field accepts.
    var kind: Kind
    /// What has been typed (for amounts: the digits of the minor units, without leading zeros).
    var text: String
    /// For `.text` fields: whether digit keys type letters (multi-tap) or digits. F1 switches.
    var lettersMode = true
    /// For `.text` fields: the last key typed and when, to cycle its letters.
    var lastTap: KeypadKey?
    var lastTapTime = WallTime(millisecondsSinceEpoch: 0)

    /// Creates a field, optionally filled with `text`.
    init(_ kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }

    private var maxLength: Int {
        switch kind {
        case let .digits(max), let .password(max), let .text(max): return max
        case .ipv4: return 15
        case let .amount(maxDigits): return maxDigits
        }
    }

    /// Applies `key`, pressed at `now`.
    mutating func press(_ key: KeypadKey, at now: WallTime) -> Action {
        switch key {
        case .enter: return .submit
        case .cancel: return .cancel
        case .clear:
            lastTap = nil
            guard !text.isEmpty else { return .ignored }
            text.removeLast()
            return .edited
        default:
            break
        }
        if case .text = kind { return pressText(key, at: now) }
        if key == .dot {
            guard case .ipv4 = kind else { return .ignored }
            return append(".")
        }
        guard let digits = key.digits else { return .ignored }
        if case .amount = kind, text.isEmpty {
            // Leading zeros of an amount are not digits of it.
            let significant = String(digits.drop(while: { $0 == "0" }))
            return significant.isEmpty ? .ignored : append(significant)
        }
        return append(digits)
    }

    private mutating func append(_ characters: String) -> Action {
        guard text.count + characters.count <= maxLength else { return .rejected }
        text += characters
        return .edited
    }

    private mutating func pressText(_ key: KeypadKey, at now: WallTime) -> Action {
        if key == .f1 {
            lettersMode.toggle()
            lastTap = nil
            return .edited
        }
        if key == .dot {
            lastTap = nil
            return append(".")
        }
        guard let digits = key.digits else { return .ignored }
        guard lettersMode, let cycle = MultiTap.letters(for: key) else {
            lastTap = nil
            return append(digits)
        }
        let sinceLast = now.millisecondsSinceEpoch - lastTapTime.millisecondsSinceEpoch
        if lastTap == key, sinceLast < MultiTap.cycleMilliseconds, let last = text.last,
           let index = cycle.firstIndex(of: last) {
            let next = cycle.index(after: index) == cycle.endIndex ? cycle.startIndex : cycle.index(after: index)
            text.removeLast()
            text.append(cycle[next])
            lastTapTime = now
            return .edited
        }
        let action = append(String(cycle[cycle.startIndex]))
        if action == .edited {
            lastTap = key
            lastTapTime = now
        }
        return action
    }

    /// The field as shown on screen.
    var display: String {
        switch kind {
        case .password: return String(repeating: "*", count: text.count)
        case .amount: return Amount.format(minor: Int64(text) ?? 0)
        case .digits, .ipv4, .text: return text
        }
    }

    /// The amount typed, in minor units (amount fields).
    var amountMinor: Int64 { Int64(text) ?? 0 }

    /// The input mode line of a `.text` field, nil for other kinds.
    var modeHint: LocalizedText? {
        guard case .text = kind else { return nil }
        return lettersMode ? Strings.modeLetters : Strings.modeDigits
    }
}

/// The multi-tap letter layout of the keypad, as on a phone: pressing a key again within
/// `cycleMilliseconds` replaces the last character with the next one of the key's cycle.
enum MultiTap {
    /// How long after a tap the same key still cycles the last character.
    static let cycleMilliseconds: Int64 = 1_000

    /// The characters `key` cycles through in letters mode (ending with its own digit).
    static func letters(for key: KeypadKey) -> String? {
        switch key {
        case .digit0: return " 0"
        case .digit1: return "-&'1"
        case .digit2: return "ABC2"
        case .digit3: return "DEF3"
        case .digit4: return "GHI4"
        case .digit5: return "JKL5"
        case .digit6: return "MNO6"
        case .digit7: return "PQRS7"
        case .digit8: return "TUV8"
        case .digit9: return "WXYZ9"
        default: return nil
        }
    }
}

/// Formatting of amounts in minor units (fen), without floating point.
public enum Amount {
    /// `1234` -> `"12.34"`, `5` -> `"0.05"`, `-150` -> `"-1.50"`.
    public static func format(minor: Int64) -> String {
        let magnitude = minor.magnitude
        let cents = magnitude % 100
        return (minor < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }
}

/// Printing or dumping a field (or the state holding it) shows what the screen shows: a
/// password being typed never appears in a log.
extension InputField: CustomStringConvertible, CustomReflectable {
    var description: String { "InputField(\(display))" }
    var customMirror: Mirror { Mirror(self, children: ["display": display], displayStyle: .struct) }
}
