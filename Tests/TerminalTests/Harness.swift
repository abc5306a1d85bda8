import Acquirer
import HAL
@testable import Terminal

/// A deterministic password hasher for tests: the salt is derived from a counter the test owns
/// through the input, the digest is FNV-1a over salt and password. Never the clear password.
struct TestHasher: PasswordHashing {
    func hash(password: String) -> PasswordHash {
        let salt = Self.fnv(Array("salt:\(password.count)".utf8))
        return PasswordHash(scheme: "test-fnv", salt: salt, digest: Self.fnv(salt + Array(password.utf8)))
    }

    func verify(password: String, against stored: PasswordHash) -> Bool {
        stored.scheme == "test-fnv" && Self.fnv(stored.salt + Array(password.utf8)) == stored.digest
    }

    static func fnv(_ bytes: [UInt8]) -> [UInt8] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return (0..<8).map { UInt8(truncatingIfNeeded: h >> (8 * $0)) }
    }
}

/// Drives a `TerminalMachine` the way the firmware loop does: a virtual clock, a timer table,
/// and a store that applies each `.persist` group.
struct Harness {
    var machine = TerminalMachine(services: TerminalServices(passwords: TestHasher()))
    /// 2026-11-21T02:00:00Z (10:00 in Beijing).
    var now = WallTime(millisecondsSinceEpoch: 1_795_226_400_000)
    var timers: [TimerID: WallTime] = [:]
    var effects: [TerminalEffect] = []
    var lastEffects: [TerminalEffect] = []
    // The simulated journal.
    var storedOperators: [String: OperatorRecord] = [:]
    var storedConfiguration: TerminalConfiguration?
    var audit: [AuditEntry] = []
    var persistGroups: [[StoreChange]] = []
    var storedHostRecord: HostClientRecord?
    var transactions: [TransactionRecord] = []
    /// The host link, when the test wires one (`PaymentHarness`); nil: host effects go nowhere.
    var wire: HostWire?

    var state: TerminalState { machine.state }
    var screen: String { machine.state.screenID }
    var frame: DisplayFrame { machine.state.frame }
    var text: String { ([frame.title] + frame.lines).joined(separator: "\n") }

    /// Powers on from what the store holds (factory-fresh the first time).
    mutating func boot(finishSelfTest: Bool = true) {
        timers = [:]
        let recovered = RecoveredState(operators: Array(storedOperators.values), configuration: storedConfiguration,
                                       auditCount: UInt64(audit.count), hostRecord: storedHostRecord,
                                       transactionCount: UInt64(transactions.count))
        send(.powerOn(recovered))
        if finishSelfTest { advance(ms: TerminalMachine.selfTestMilliseconds) }
    }

    /// Sends an event at the current time and runs its effects.
    @discardableResult
    mutating func send(_ event: TerminalEvent) -> [TerminalEffect] {
        let out = machine.handle(event, at: now)
        lastEffects = out
        effects += out
        for effect in out {
            switch effect {
            case let .startTimer(id, ms): timers[id] = now.adding(milliseconds: ms)
            case let .cancelTimer(id): timers[id] = nil
            case let .persist(changes):
                persistGroups.append(changes)
                for change in changes {
                    switch change {
                    case let .putOperator(record): storedOperators[record.number] = record
                    case let .removeOperator(number): storedOperators[number] = nil
                    case let .putConfiguration(config): storedConfiguration = config
                    case let .appendAudit(entry): audit.append(entry)
                    case let .putHostRecord(record): storedHostRecord = record
                    case let .appendTransaction(record): transactions.append(record)
                    }
                }
            default:
                wire?.execute(effect, now: now)
            }
        }
        // What the host link answered comes back as device events, after this step's effects.
        while let event = wire?.takeEvent() {
            send(.device(event))
        }
        return out
    }

    /// Presses keys by their control-protocol names, separated by spaces.
    @discardableResult
    mutating func press(_ keys: String) -> [TerminalEffect] {
        var all: [TerminalEffect] = []
        for name in keys.split(separator: " ") {
            guard let key = KeypadKey(rawValue: String(name)) else { fatalError("no key \(name)") }
            all += send(.device(.key(key)))
        }
        return all
    }

    /// Types a string of digits one key at a time.
    @discardableResult
    mutating func type(_ digits: String) -> [TerminalEffect] {
        press(digits.map(String.init).joined(separator: " "))
    }

    /// Lets `ms` of virtual time pass, firing due timers in order.
    mutating func advance(ms: Int64) {
        let end = now.adding(milliseconds: ms)
        while let (id, due) = timers.filter({ $0.value <= end }).min(by: { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }) {
            now = due
            timers[id] = nil
            send(.timerFired(id))
        }
        now = end
    }

    /// Signs in from the idle screen.
    mutating func signIn(_ number: String, _ password: String) {
        press("ENTER")
        type(number)
        press("ENTER")
        type(password)
        press("ENTER")
    }

    var beeps: [BeepPattern] {
        lastEffects.compactMap { if case let .beep(b) = $0 { return b } else { return nil } }
    }

    var lastPersist: [StoreChange]? {
        lastEffects.compactMap { if case let .persist(c) = $0 { return c } else { return nil } }.first
    }

    /// The audit actions recorded so far.
    var auditActions: [String] { audit.map(\.action) }

    /// A booted, factory-fresh terminal on the idle screen.
    static func fresh() -> Harness {
        var h = Harness()
        h.boot()
        return h
    }

    /// A fresh terminal with the admin signed in, on the main menu.
    static func admin() -> Harness {
        var h = fresh()
        h.signIn("99", "12345678")
        return h
    }

    /// Adds operator `number` with `role` and `password` as the signed-in admin, then signs out
    /// and signs in as `number` and changes its password to `newPassword` if given.
    mutating func addOperator(_ number: String, role: OperatorRole, password: String) {
        press("3 1")  // operators menu, add
        type(number)
        press("ENTER")
        press(String((OperatorRole.allCases.firstIndex(of: role) ?? 0) + 1))
        type(password)
        press("ENTER")
        type(password)
        press("ENTER")
        press("ENTER CANCEL")  // dismiss the message, back to main menu
    }

    mutating func signOut() {
        press("5 ENTER")
    }
}
