/// Why a card database, behaviour file or ledger could not be loaded. Never carries a PAN or PIN.
public enum HostConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not the documented JSON layout.
    case malformed(what: String, reason: String)
    /// A card is inconsistent.
    case invalidCard(name: String, reason: String)
    /// Two cards share a name or a PAN.
    case duplicateCard(name: String)
    /// A terminal entry is inconsistent.
    case invalidTerminal(id: String, reason: String)
    /// A behaviour rule is inconsistent.
    case invalidBehaviour(reason: String)
    /// A ledger line could not be decoded.
    case invalidLedgerLine(line: Int, reason: String)

    /// A one-line English description.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(what, reason): "\(what) is malformed: \(reason)"
        case let .invalidCard(name, reason): "card \(name): \(reason)"
        case let .duplicateCard(name): "card \(name) is defined twice (name or PAN)"
        case let .invalidTerminal(id, reason): "terminal \(id): \(reason)"
        case let .invalidBehaviour(reason): "behaviour: \(reason)"
        case let .invalidLedgerLine(line, reason): "ledger line \(line): \(reason)"
        }
    }
}
