/// The originating (terminal) side of DUKPT, shared by TDES and AES: the future-key registers of
/// ANSI X9.24. Register `b` holds the key for the current counter prefix with bit `b` set. The
/// initial key is used once to fill the registers and then dropped, and each used key is erased
/// after it has produced the registers below it, so a captured device cannot recompute past keys.
struct FutureKeyRegisters: Sendable {
    /// Derives the key for `counter` from its parent key (the non-reversible step).
    typealias Derive = @Sendable (_ parent: SecretKey, _ counter: UInt32) throws(SecurityError) -> SecretKey

    let counterBits: Int
    let maxOneBits: Int
    private(set) var registers: [SecretKey?]
    /// The counter the next transaction uses; `nil` once every counter is spent.
    private(set) var nextCounter: UInt32?

    /// Fills all registers from the initial key (counter 0) and points at counter 1.
    init(initialKey: SecretKey, counterBits: Int, maxOneBits: Int, derive: Derive) throws(SecurityError) {
        self.counterBits = counterBits
        self.maxOneBits = maxOneBits
        var registers: [SecretKey?] = []
        for bit in 0..<counterBits {
            registers.append(try derive(initialKey, UInt32(1) << UInt32(bit)))
        }
        self.registers = registers
        self.nextCounter = 1
    }

    /// Restores registers saved by `state` (sealed storage of a secure element).
    init(counterBits: Int, maxOneBits: Int, registers: [SecretKey?], nextCounter: UInt32?) {
        self.counterBits = counterBits
        self.maxOneBits = maxOneBits
        self.registers = registers
        self.nextCounter = nextCounter
    }

    /// Returns the counter and key for this transaction and advances: the used key first derives
    /// the registers below its lowest set bit (unless the counter already has the maximum number
    /// of one-bits, in which case the counter skips ahead by its lowest set bit), then is erased.
    mutating func next(derive: Derive) throws(SecurityError) -> (counter: UInt32, key: SecretKey) {
        guard let counter = nextCounter else { throw .ksnExhausted }
        let lowest = counter.trailingZeroBitCount
        guard lowest < counterBits, let key = registers[lowest] else { throw .ksnExhausted }
        var updated = registers
        let advanced: UInt64
        if counter.nonzeroBitCount < maxOneBits {
            for bit in 0..<lowest {
                updated[bit] = try derive(key, counter | UInt32(1) << UInt32(bit))
            }
            advanced = UInt64(counter) + 1
        } else {
            advanced = UInt64(counter) + (UInt64(1) << UInt64(lowest))
        }
        updated[lowest] = nil
        registers = updated
        nextCounter = advanced < (UInt64(1) << UInt64(counterBits)) ? UInt32(advanced) : nil
        return (counter, key)
    }
}
