import Foundation

/// The kinds of request the host recognises, as behaviour rules and the ledger name them.
public enum RequestKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 0800.
    case signOn
    /// 0820 `002`.
    case signOff
    /// 0820 `301`.
    case echo
    /// 0200 sale.
    case sale
    /// 0200 void.
    case void
    /// 0220 refund.
    case refund
    /// 0200 balance inquiry.
    case balanceInquiry
    /// 0200 QR payment.
    case qrPayment
    /// 0200 QR query.
    case qrQuery
    /// 0200 QR cancel.
    case qrCancel
    /// 0400.
    case reversal
    /// 0500.
    case settlement
    /// 0320.
    case batchUpload
}

/// A fault or override a test engineer sets on the host, for one terminal, one card, some
/// request kinds, or everything; optionally for the next `times` matching requests only.
///
/// The request is still processed (a sale behind `noReply` is booked, exactly as when a real
/// reply is lost); then the reply is delayed, withheld, sent with a corrupted MAC, or the
/// connection is dropped. `responseCode` answers with that code instead, without booking.
public struct BehaviourRule: Sendable, Hashable, Codable {
    /// Only requests from this terminal (field 41); nil for any.
    public var terminal: String?
    /// Only requests for this card, by its database name or PAN; nil for any.
    public var card: String?
    /// Only these request kinds; nil for any.
    public var kinds: [RequestKind]?
    /// Delay the reply by this many milliseconds.
    public var delayMilliseconds: Int?
    /// Withhold the reply.
    public var noReply: Bool?
    /// Close the connection instead of replying.
    public var dropConnection: Bool?
    /// Send the reply with a corrupted MAC.
    public var badMAC: Bool?
    /// Answer with this response code (two characters) instead of the decision.
    public var responseCode: String?
    /// Put this processing requirement digit (1-7) in the reply header (3 = sign on again).
    public var processingRequirement: Int?
    /// Apply to this many matching requests, then retire; nil for ever.
    public var times: Int?

    /// A rule from its parts.
    public init(terminal: String? = nil, card: String? = nil, kinds: [RequestKind]? = nil,
                delayMilliseconds: Int? = nil, noReply: Bool? = nil, dropConnection: Bool? = nil,
                badMAC: Bool? = nil, responseCode: String? = nil, processingRequirement: Int? = nil,
                times: Int? = nil) {
        self.terminal = terminal
        self.card = card
        self.kinds = kinds
        self.delayMilliseconds = delayMilliseconds
        self.noReply = noReply
        self.dropConnection = dropConnection
        self.badMAC = badMAC
        self.responseCode = responseCode
        self.processingRequirement = processingRequirement
        self.times = times
    }

    private enum CodingKeys: String, CodingKey {
        case terminal, card, kinds, delayMilliseconds = "delayMs", noReply, dropConnection = "drop", badMAC
        case responseCode, processingRequirement, times
    }

    /// Checks the values a file or the admin port supplied.
    public func validate() throws(HostConfigurationError) {
        if let delayMilliseconds, !(0...600_000).contains(delayMilliseconds) {
            throw .invalidBehaviour(reason: "delayMs must be 0-600000")
        }
        if let responseCode, responseCode.utf8.count != 2
            || !responseCode.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) {
            throw .invalidBehaviour(reason: "responseCode must be two digits or capital letters")
        }
        if let processingRequirement, !(0...9).contains(processingRequirement) {
            throw .invalidBehaviour(reason: "processingRequirement must be 0-9")
        }
        if let times, times < 1 { throw .invalidBehaviour(reason: "times must be at least 1") }
        if let terminal, terminal.utf8.count != 8 { throw .invalidBehaviour(reason: "terminal must be 8 characters") }
        if let kinds, kinds.isEmpty { throw .invalidBehaviour(reason: "kinds must not be empty") }
    }

    func matches(terminal: String, card: TestCard?, kind: RequestKind) -> Bool {
        if let wanted = self.terminal, wanted != terminal { return false }
        if let wanted = self.card, card?.name != wanted && card?.pan != wanted { return false }
        if let kinds, !kinds.contains(kind) { return false }
        return true
    }
}

/// Rules in the order they were set; the first that matches a request applies.
public struct BehaviourSet: Sendable, Hashable {
    /// The active rules.
    public private(set) var rules: [BehaviourRule]

    /// No rules.
    public init() { rules = [] }

    /// A set of rules, each validated.
    public init(rules: [BehaviourRule] = []) throws(HostConfigurationError) {
        for rule in rules { try rule.validate() }
        self.rules = rules
    }

    /// Loads rules from a JSON file: `{"behaviours": [rule, ...]}` (layout in
    /// `docs/host-simulator.md`).
    public static func load(path: String) throws(HostConfigurationError) -> BehaviourSet {
        try load(json: try readFile(path))
    }

    /// Loads rules from JSON text.
    public static func load(json: Data) throws(HostConfigurationError) -> BehaviourSet {
        struct File: Decodable { var behaviours: [BehaviourRule] }
        do {
            return try BehaviourSet(rules: try JSONDecoder().decode(File.self, from: json).behaviours)
        } catch let error as HostConfigurationError {
            throw error
        } catch {
            throw .malformed(what: "behaviour file", reason: describe(error))
        }
    }

    /// Adds a rule after the others.
    public mutating func add(_ rule: BehaviourRule) throws(HostConfigurationError) {
        try rule.validate()
        rules.append(rule)
    }

    /// Removes every rule.
    public mutating func removeAll() { rules.removeAll() }

    /// The rule for a request, counting down its `times` (and retiring it at zero).
    mutating func take(terminal: String, card: TestCard?, kind: RequestKind) -> BehaviourRule? {
        guard let index = rules.firstIndex(where: { $0.matches(terminal: terminal, card: card, kind: kind) }) else {
            return nil
        }
        let rule = rules[index]
        if let times = rule.times {
            if times <= 1 { rules.remove(at: index) } else { rules[index].times = times - 1 }
        }
        return rule
    }
}
