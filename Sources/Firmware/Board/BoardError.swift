/// A board file that cannot be used: which file, which line, and why.
public struct BoardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The board file's path (or `<command line>` for a bad `--port`).
    public var file: String
    /// The 1-based line the problem is on, when known.
    public var line: Int?
    /// What is wrong, in words a board author understands.
    public var reason: String

    /// Creates a board error.
    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`, the form compilers use so editors can jump to it.
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
