/// SplitMix64: a small, fast, seedable generator. One 64-bit seed reproduces a whole run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `perMillion / 1_000_000`.
    public mutating func chance(perMillion: UInt32) -> Bool {
        perMillion > 0 && UInt32(truncatingIfNeeded: next() % 1_000_000) < perMillion
    }
}
