import Foundation
import Security

/// A terminal the host knows: its merchant and, when it has its own, its master key.
public struct RegisteredTerminal: Sendable, Hashable {
    /// Field 41.
    public var terminalID: String
    /// Field 42 the terminal must send.
    public var merchantID: String
    /// The terminal's master key (TMK); nil means the documented test TMK.
    public var masterKey: [UInt8]?

    /// A terminal from its parts.
    public init(terminalID: String, merchantID: String, masterKey: [UInt8]? = nil) {
        self.terminalID = terminalID
        self.merchantID = merchantID
        self.masterKey = masterKey
    }
}

/// The simulated issuer's cards and the acquirer's terminals, loaded from the JSON file
/// documented in `docs/test-cards.md`, with the built-in set as the default.
public struct CardDatabase: Sendable {
    /// Every card, in file order.
    public let cards: [TestCard]
    /// Registered terminals by terminal id.
    public let terminals: [String: RegisteredTerminal]
    /// Whether a terminal missing from `terminals` may sign on (with the test TMK). When false
    /// such terminals get `97`.
    public let acceptsAnyTerminal: Bool
    /// QR payments above this amount (fen) first answer "customer paying" (the wallet asks for a
    /// password) and are paid at the first query.
    public let qrPasswordThreshold: Int64
    private let byPAN: [String: Int]
    private let byName: [String: Int]

    /// A database from its parts; checks every card and that names and PANs are unique.
    public init(cards: [TestCard], terminals: [RegisteredTerminal] = [], acceptsAnyTerminal: Bool = true,
                qrPasswordThreshold: Int64 = 100_000) throws(HostConfigurationError) {
        var byPAN: [String: Int] = [:]
        var byName: [String: Int] = [:]
        for (index, card) in cards.enumerated() {
            try card.validate()
            guard byPAN.updateValue(index, forKey: card.pan) == nil,
                  byName.updateValue(index, forKey: card.name) == nil else { throw .duplicateCard(name: card.name) }
        }
        var terminalTable: [String: RegisteredTerminal] = [:]
        for terminal in terminals {
            guard terminal.terminalID.utf8.count == 8 else {
                throw .invalidTerminal(id: terminal.terminalID, reason: "terminal id must be 8 characters")
            }
            guard terminal.merchantID.utf8.count == 15 else {
                throw .invalidTerminal(id: terminal.terminalID, reason: "merchant id must be 15 characters")
            }
            if let key = terminal.masterKey, key.count != 16 {
                throw .invalidTerminal(id: terminal.terminalID, reason: "master key must be 16 bytes")
            }
            guard terminalTable.updateValue(terminal, forKey: terminal.terminalID) == nil else {
                throw .invalidTerminal(id: terminal.terminalID, reason: "defined twice")
            }
        }
        guard qrPasswordThreshold >= 0 else { throw .malformed(what: "card database", reason: "negative qrPasswordThreshold") }
        self.cards = cards
        self.terminals = terminalTable
        self.acceptsAnyTerminal = acceptsAnyTerminal
        self.qrPasswordThreshold = qrPasswordThreshold
        self.byPAN = byPAN
        self.byName = byName
    }

    /// The card with this PAN.
    public func card(pan: String) -> TestCard? { byPAN[pan].map { cards[$0] } }

    /// The card with this name.
    public func card(named name: String) -> TestCard? { byName[name].map { cards[$0] } }

    /// The built-in cards (documented in `docs/test-cards.md`); every terminal is accepted.
    public static let builtIn: CardDatabase = {
        let cards = [
            TestCard(name: "approve", pan: "6222021000000005", pin: "123456", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012"),
            TestCard(name: "low-balance", pan: "6222021000000013", pin: "123456", balance: 1_000,
                     limit: 5_000_000, expiry: "3012"),
            TestCard(name: "low-limit", pan: "6222021000000021", pin: "123456", balance: 100_000_000,
                     limit: 10_000, expiry: "3012"),
            TestCard(name: "expired", pan: "6222021000000039", pin: "123456", balance: 100_000_000,
                     limit: 5_000_000, expiry: "2001"),
            TestCard(name: "lost", pan: "6222021000000047", pin: "123456", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", status: .lost),
            TestCard(name: "stolen", pan: "6222021000000054", pin: "123456", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", status: .stolen),
            TestCard(name: "restricted", pan: "6222021000000062", pin: "123456", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", status: .restricted),
            TestCard(name: "not-activated", pan: "6222021000000070", pin: "123456", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", status: .notActivated),
            TestCard(name: "fraud", pan: "6222021000000088", pin: "123456", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", status: .fraud),
            TestCard(name: "no-pin", pan: "6222021000000096", pin: "1234", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", pinRequired: false),
            TestCard(name: "foreign", pan: "4761730000000011", pin: "1234", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", scheme: "VISA"),
            TestCard(name: "pin-tries", pan: "6222021000000104", pin: "888888", balance: 100_000_000,
                     limit: 5_000_000, expiry: "3012", pinTries: 2),
        ]
        // The built-in set is valid by construction: a failure here is a programming error.
        guard let database = try? CardDatabase(cards: cards) else { preconditionFailure("built-in cards invalid") }
        return database
    }()

    /// Loads a database from the JSON file at `path` (layout in `docs/test-cards.md`).
    public static func load(path: String) throws(HostConfigurationError) -> CardDatabase {
        try load(json: try readFile(path))
    }

    /// Loads a database from JSON text. A file without `cards` keeps the built-in cards.
    public static func load(json: Data) throws(HostConfigurationError) -> CardDatabase {
        let file: CardFile
        do {
            file = try JSONDecoder().decode(CardFile.self, from: json)
        } catch {
            throw .malformed(what: "card database", reason: describe(error))
        }
        var terminals: [RegisteredTerminal] = []
        for entry in file.terminals ?? [] {
            var key: [UInt8]?
            if let hex = entry.masterKey {
                guard let bytes = Hex.decode(hex) else {
                    throw .invalidTerminal(id: entry.id, reason: "master key is not hex")
                }
                key = bytes
            }
            terminals.append(RegisteredTerminal(terminalID: entry.id, merchantID: entry.merchant, masterKey: key))
        }
        return try CardDatabase(cards: file.cards ?? builtIn.cards, terminals: terminals,
                                acceptsAnyTerminal: file.acceptAnyTerminal ?? terminals.isEmpty,
                                qrPasswordThreshold: file.qrPasswordThreshold ?? 100_000)
    }

    /// The terminal master key the host uses for `terminalID`.
    func masterKey(for terminalID: String) -> SecretKey {
        terminals[terminalID]?.masterKey.map(SecretKey.init) ?? TestKeys.terminalMasterKey
    }
}

private struct CardFile: Decodable {
    struct Terminal: Decodable {
        var id: String
        var merchant: String
        var masterKey: String?
    }

    var cards: [TestCard]?
    var terminals: [Terminal]?
    var acceptAnyTerminal: Bool?
    var qrPasswordThreshold: Int64?
}

/// Reads a whole file as a typed configuration error.
func readFile(_ path: String) throws(HostConfigurationError) -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw .unreadable(path: path, reason: error.localizedDescription)
    }
}

/// A decoding error in one line, naming the JSON path but no values.
func describe(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        return keys.isEmpty ? "top level" : keys.joined(separator: ".")
    }
    switch decoding {
    case .typeMismatch(_, let context): return "wrong type at \(path(context))"
    case .valueNotFound(_, let context): return "missing value at \(path(context))"
    case .keyNotFound(let key, let context): return "missing key \(key.stringValue) at \(path(context))"
    case .dataCorrupted(let context): return "invalid JSON at \(path(context))"
    @unknown default: return "undecodable"
    }
}
