import HAL

/// A document as the mock printer put it on paper, for tests, scripts and the `printed` op.
public struct PrintedDocument: Sendable, Hashable {
    /// Position on the paper roll: 1 for the first document printed, then 2, 3 …
    public var sequence: UInt64
    /// The firmware's job number.
    public var job: UInt64
    /// What the document is.
    public var kind: DocumentKind
    /// The text on the paper (`PrintDocument.plainText(width:)`, cut short if the job failed).
    public var text: String
    /// Whether the whole document printed (false when the paper ran out part way).
    public var complete: Bool

    /// Creates a record of a printed document.
    public init(sequence: UInt64, job: UInt64, kind: DocumentKind, text: String, complete: Bool) {
        self.sequence = sequence
        self.job = job
        self.kind = kind
        self.text = text
        self.complete = complete
    }
}
