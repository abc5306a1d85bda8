/// One frame for the terminal's display: the screen's stable id and its text lines.
///
/// The id is what tests and rigs wait for (`{"op":"wait","screen":"idle"}`); the lines are
/// already in the configured language.
public struct DisplayFrame: Sendable, Hashable {
    /// The screen's stable id, e.g. `idle`, `signin.password`.
    public var screenID: String
    /// The title line.
    public var title: String
    /// The body lines, top to bottom.
    public var lines: [String]
    /// A highlighted line index (the menu cursor), if any.
    public var highlighted: Int?

    /// Creates a frame.
    public init(screenID: String, title: String, lines: [String], highlighted: Int? = nil) {
        self.screenID = screenID
        self.title = title
        self.lines = lines
        self.highlighted = highlighted
    }
}

/// A sound the buzzer makes.
public enum BeepPattern: String, Sendable, Hashable, Codable {
    /// Key click.
    case click
    /// Success (approved, saved).
    case success
    /// Error (declined, wrong password, fault).
    case error
}

/// A status LED colour.
public enum IndicatorLight: String, Sendable, Hashable, Codable, CaseIterable {
    /// Blue: contactless field active.
    case blue
    /// Yellow: processing.
    case yellow
    /// Green: approved.
    case green
    /// Red: error.
    case red
}
