/// What an operator may do. Higher roles include the permissions of lower ones where the
/// permission table says so.
public enum OperatorRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Cashier (收银员): sales and queries.
    case cashier
    /// Supervisor (主管): voids, refunds, settlement, unlocking operators.
    case supervisor
    /// Administrator (系统管理员): configuration and operator management.
    case admin

    private var rank: Int {
        switch self {
        case .cashier: return 0
        case .supervisor: return 1
        case .admin: return 2
        }
    }

    /// Orders roles by authority.
    public static func < (lhs: OperatorRole, rhs: OperatorRole) -> Bool { lhs.rank < rhs.rank }
}

/// A salted, slow password hash as stored in the journal. The password itself is never stored.
public struct PasswordHash: Sendable, Hashable, Codable {
    /// The hash algorithm's name and parameters, e.g. `pbkdf2-sha256:100000`.
    public var scheme: String
    /// The random salt.
    public var salt: [UInt8]
    /// The derived hash.
    public var digest: [UInt8]

    /// Wraps a computed hash.
    public init(scheme: String, salt: [UInt8], digest: [UInt8]) {
        self.scheme = scheme
        self.salt = salt
        self.digest = digest
    }
}

/// Derives password hashes. The firmware supplies the real (slow, salted) implementation; the
/// terminal never sees a clock or a random source, so salts come from `makeSalt`.
public protocol PasswordHashing: Sendable {
    /// Hashes `password` with a fresh salt.
    func hash(password: String) -> PasswordHash
    /// Whether `password` matches `stored` (recomputed with the stored salt and scheme; the
    /// comparison takes the same time whatever matches).
    func verify(password: String, against stored: PasswordHash) -> Bool
}

/// An operator as stored in the journal.
public struct OperatorRecord: Sendable, Hashable, Codable {
    /// The operator number typed at sign-in (two digits, e.g. `01`; `99` is the admin).
    public var number: String
    /// The operator's role.
    public var role: OperatorRole
    /// The password hash.
    public var password: PasswordHash
    /// Consecutive wrong passwords since the last successful sign-in.
    public var failedAttempts: Int
    /// Locked after too many wrong passwords, until a supervisor unlocks.
    public var locked: Bool
    /// Whether the operator must change the password at next sign-in (new or reset accounts).
    public var mustChangePassword: Bool

    /// Creates an operator record.
    public init(number: String, role: OperatorRole, password: PasswordHash,
                failedAttempts: Int = 0, locked: Bool = false, mustChangePassword: Bool = false) {
        self.number = number
        self.role = role
        self.password = password
        self.failedAttempts = failedAttempts
        self.locked = locked
        self.mustChangePassword = mustChangePassword
    }
}
