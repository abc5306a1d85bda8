/// A piece of screen text in both supported languages; the screen picks one by configuration.
public struct LocalizedText: Sendable, Hashable {
    /// Simplified Chinese.
    public var zh: String
    /// English.
    public var en: String

    /// Creates a text with its two translations.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        language == .chinese ? zh : en
    }
}
