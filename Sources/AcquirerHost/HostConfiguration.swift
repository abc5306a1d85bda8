import Acquirer
import Foundation
import Security

/// Where the host's working keys come from.
public enum KeySource: Sendable, Hashable {
    /// OpenSSL's random generator (the default).
    case random
    /// A deterministic generator seeded with this value, for reproducible runs and traces.
    /// Never for anything but tests.
    case seeded(UInt64)
}

/// How the host engine behaves; every acquirer-specific detail is a value here.
public struct HostConfiguration: Sendable {
    /// Cards and terminals.
    public var cards: CardDatabase
    /// Behaviour rules in force at start.
    public var behaviours: BehaviourSet
    /// The field-64 MAC scheme (CUP ECB by default).
    public var macScheme: MACScheme
    /// Message layout choices (QR fields and codes, currency).
    public var profile: CUPProfile
    /// Field 32 of responses.
    public var acquirerID: String
    /// Field 44 of approvals: issuer id (8) + acquirer id (8).
    public var additionalResponse: String
    /// Time zone for fields 12, 13 and 15 and for card expiry.
    public var timeZone: TimeZone
    /// Host time; the mock board passes its simulated clock.
    public var clock: @Sendable () -> Date
    /// Where working keys come from.
    public var keySource: KeySource
    /// Called with every frame in and out (for `--trace`); nil for none.
    public var trace: (@Sendable (TraceRecord) -> Void)?

    /// The defaults: built-in cards, no behaviours, CUP ECB MAC, Beijing time, random keys.
    public init(cards: CardDatabase = .builtIn, behaviours: BehaviourSet = BehaviourSet(),
                macScheme: MACScheme = .cupECB(tripleDES: false), profile: CUPProfile = .standard,
                acquirerID: String = "48020000", additionalResponse: String = "0102000048020000",
                timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt,
                clock: @escaping @Sendable () -> Date = { Date() }, keySource: KeySource = .random,
                trace: (@Sendable (TraceRecord) -> Void)? = nil) {
        self.cards = cards
        self.behaviours = behaviours
        self.macScheme = macScheme
        self.profile = profile
        self.acquirerID = acquirerID
        self.additionalResponse = additionalResponse
        self.timeZone = timeZone
        self.clock = clock
        self.keySource = keySource
        self.trace = trace
    }
}

/// A deterministic key generator (SplitMix64) for `KeySource.seeded`.
struct SeededKeys: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            for shift in stride(from: 56, through: 0, by: -8) where out.count < count {
                out.append(UInt8(truncatingIfNeeded: z >> UInt64(shift)))
            }
        }
        return out
    }
}
