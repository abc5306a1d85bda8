import Acquirer
/// What the issuer thinks of a card, beyond PIN, funds and expiry.
public enum CardStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// In use.
    case active
    /// Reported lost: `41`, retain the card.
    case lost
    /// Reported stolen: `43`, retain the card.
    case stolen
    /// Restricted by the issuer: `62`.
    case restricted
    /// Issued but never activated: `21`.
    case notActivated
    /// Suspected fraud: `34`, retain the card.
    case fraud

    /// The response code a non-active status earns, nil when active.
    var declineCode: String? {
        switch self {
        case .active: nil
        case .lost: "41"
        case .stolen: "43"
        case .restricted: "62"
        case .notActivated: "21"
        case .fraud: "34"
        }
    }
}

/// One test card the simulated issuer knows.
public struct TestCard: Sendable, Hashable, Codable {
    /// A short unique name used in the ledger and in behaviours (`approve`, `lost`...).
    public var name: String
    /// Primary account number, 13-19 digits.
    public var pan: String
    /// The PIN digits (4-12). Test data only: a real issuer keeps a PIN verification value.
    public var pin: String
    /// Opening balance in minor units (fen); the ledger's effects are applied on top.
    public var balance: Int64
    /// Largest single authorisation in minor units (`61` above it).
    public var limit: Int64
    /// Expiry, YYMM (`54` once the host date is past the month).
    public var expiry: String
    /// Issuer status.
    public var status: CardStatus
    /// Card scheme: `CUP` cards count as domestic in settlement, anything else as foreign.
    public var scheme: String
    /// Wrong PINs in a row before the card is blocked (`75`).
    public var pinTries: Int
    /// Whether purchases must carry a PIN (`55` without one).
    public var pinRequired: Bool

    /// A card from its parts; `scheme` defaults to CUP, three PIN tries, PIN required.
    public init(name: String, pan: String, pin: String, balance: Int64, limit: Int64, expiry: String,
                status: CardStatus = .active, scheme: String = "CUP", pinTries: Int = 3, pinRequired: Bool = true) {
        self.name = name
        self.pan = pan
        self.pin = pin
        self.balance = balance
        self.limit = limit
        self.expiry = expiry
        self.status = status
        self.scheme = scheme
        self.pinTries = pinTries
        self.pinRequired = pinRequired
    }

    private enum CodingKeys: String, CodingKey {
        case name, pan, pin, balance, limit, expiry, status, scheme, pinTries, pinRequired
    }

    /// Decodes a card; `status`, `scheme`, `pinTries` and `pinRequired` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name),
                  pan: try container.decode(String.self, forKey: .pan),
                  pin: try container.decode(String.self, forKey: .pin),
                  balance: try container.decode(Int64.self, forKey: .balance),
                  limit: try container.decode(Int64.self, forKey: .limit),
                  expiry: try container.decode(String.self, forKey: .expiry),
                  status: try container.decodeIfPresent(CardStatus.self, forKey: .status) ?? .active,
                  scheme: try container.decodeIfPresent(String.self, forKey: .scheme) ?? "CUP",
                  pinTries: try container.decodeIfPresent(Int.self, forKey: .pinTries) ?? 3,
                  pinRequired: try container.decodeIfPresent(Bool.self, forKey: .pinRequired) ?? true)
    }

    /// Whether the card counts as domestic (内卡) in settlement totals.
    public var isDomestic: Bool { scheme == "CUP" }

    /// The PAN masked as receipts show it: first 6, last 4.
    public var maskedPAN: String { Acquirer.maskedPAN(pan) }

    /// The PIN as digit values for ISO 9564.
    var pinDigits: [UInt8] { pin.utf8.map { $0 &- 0x30 } }

    /// Checks the card's own consistency; the reason names the field, never the PAN or PIN.
    func validate() throws(HostConfigurationError) {
        func fail(_ reason: String) -> HostConfigurationError { .invalidCard(name: name, reason: reason) }
        guard !name.isEmpty else { throw fail("empty name") }
        guard (13...19).contains(pan.utf8.count), pan.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else {
            throw fail("pan must be 13-19 digits")
        }
        guard (4...12).contains(pin.utf8.count), pin.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else {
            throw fail("pin must be 4-12 digits")
        }
        guard balance >= 0, balance <= 999_999_999_999 else { throw fail("balance out of range") }
        guard limit >= 0, limit <= 999_999_999_999 else { throw fail("limit out of range") }
        guard expiry.utf8.count == 4, expiry.utf8.allSatisfy({ $0 &- 0x30 < 10 }),
              let month = Int(expiry.suffix(2)), (1...12).contains(month) else { throw fail("expiry must be YYMM") }
        guard pinTries >= 1 else { throw fail("pinTries must be at least 1") }
        guard !scheme.isEmpty else { throw fail("empty scheme") }
    }
}
