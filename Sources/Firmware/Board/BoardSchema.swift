import HAL

/// The type of a board setting's value.
enum BoardValueType: Sendable {
    /// An integer in a closed range.
    case integer(ClosedRange<Int>)
    /// A non-empty string.
    case string
    /// One of a fixed set of words.
    case choice([String])
    /// A list whose items are each one of a fixed set of words (at least one).
    case choices([String])
}

/// A setting a backend accepts: its name, type and default.
struct BoardSettingSpec: Sendable {
    let key: String
    let type: BoardValueType
    let defaultValue: BoardValue
}

/// A parsed setting value.
enum BoardValue: Sendable, Hashable {
    case integer(Int)
    case string(String)
    case list([String])
}

/// Which backends each role has and which settings each backend takes. The one place a new
/// backend is declared; the loader validates board files against it.
enum BoardSchema {
    static let backends: [DeviceRole: [String: [BoardSettingSpec]]] = [
        .display: ["mock": [
            BoardSettingSpec(key: "columns", type: .integer(16...40), defaultValue: .integer(21)),
            BoardSettingSpec(key: "rows", type: .integer(4...16), defaultValue: .integer(8)),
        ]],
        .keypad: ["mock": []],
        .cardReader: ["mock": [
            BoardSettingSpec(key: "entry-modes", type: .choices(["swipe", "insert", "tap"]),
                             defaultValue: .list(["swipe", "insert", "tap"])),
        ]],
        .pinPad: ["mock": []],
        .printer: ["mock": [
            BoardSettingSpec(key: "width", type: .integer(24...64), defaultValue: .integer(32)),
        ]],
        .link: ["mock": [
            BoardSettingSpec(key: "host", type: .choice(["embedded", "none"]), defaultValue: .string("embedded")),
            BoardSettingSpec(key: "connect-latency-ms", type: .integer(0...60_000), defaultValue: .integer(20)),
            BoardSettingSpec(key: "signal-percent", type: .integer(0...100), defaultValue: .integer(80)),
        ]],
        .scanner: ["mock": []],
        .indicator: ["mock": []],
        .flash: [
            "file": [BoardSettingSpec(key: "path", type: .string, defaultValue: .string("default"))],
            "memory": [],
        ],
    ]

    /// Keys every backend accepts besides its own.
    static let commonKeys = ["backend"]
}
