import Journal
import Security
import Synchronization
import Terminal

/// The terminal's password hashing: PBKDF2-HMAC-SHA256 (libcrypto) with a 16-byte random salt.
/// With a seed, salts come from a seeded generator so a seeded run replays byte for byte.
public final class PasswordHasher: PasswordHashing {
    /// PBKDF2 iterations for new hashes; stored in each hash's scheme so it can grow later.
    public let iterations: Int
    private let random: Mutex<SeededRandom>
    private let seeded: Bool

    /// Creates a hasher; `seed` nil draws salts from the system's generator.
    public init(seed: UInt64?, iterations: Int = 60_000) {
        self.iterations = iterations
        self.seeded = seed != nil
        self.random = Mutex(SeededRandom(seed: seed ?? 0))
    }

    /// Hashes `password` with a fresh salt.
    public func hash(password: String) -> PasswordHash {
        let salt = makeSalt()
        let digest = (try? PBKDF2.sha256(password: Array(password.utf8), salt: salt, iterations: iterations, length: 32)) ?? []
        return PasswordHash(scheme: "pbkdf2-sha256:\(iterations)", salt: salt, digest: digest)
    }

    /// Recomputes with the stored salt and iteration count and compares in constant time.
    public func verify(password: String, against stored: PasswordHash) -> Bool {
        let parts = stored.scheme.split(separator: ":")
        guard parts.count == 2, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), (1...10_000_000).contains(rounds),
              !stored.digest.isEmpty,
              let digest = try? PBKDF2.sha256(password: Array(password.utf8), salt: stored.salt, iterations: rounds, length: stored.digest.count)
        else { return false }
        return zip(digest, stored.digest).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func makeSalt() -> [UInt8] {
        if seeded {
            return random.withLock { generator in (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) } }
        }
        var system = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &system) }
    }
}
