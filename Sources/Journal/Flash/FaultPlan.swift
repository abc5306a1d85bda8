/// How a scheduled power cut treats the operation it interrupts.
public enum CutStyle: Sendable, Hashable, CaseIterable {
    /// The operation does not start.
    case beforeOperation
    /// The operation completes, then the power fails.
    case afterOperation
    /// A program lands only its first granules; an erase resets only some bytes.
    case tornPrefix
    /// A random subset of the intended bit changes lands (1→0 for a program, 0→1 for an erase).
    case tornBits
}

/// What a sector does once its erase count exceeds the endurance limit.
public enum WearOutBehaviour: Sendable, Hashable, CaseIterable {
    /// Erase reports an error.
    case eraseFails
    /// Program reports an error.
    case programFails
    /// Reads of the sector report an error.
    case readFails
    /// Programs silently do nothing.
    case programIgnored
    /// Erases silently do nothing.
    case eraseIgnored
}

/// The faults a ``MemoryFlash`` injects. Every random choice comes from `seed`.
public struct FaultPlan: Sendable, Hashable {
    /// Seed of every random decision (torn subsets, unstable reads, bit flips, reordering).
    public var seed: UInt64
    /// Cut the power at this program or erase (1 = the next one), counted from installation.
    public var cutAtOperation: Int?
    /// What the cut does to the operation it hits.
    public var cutStyle: CutStyle
    /// Cells touched by an interrupted operation read back random values until erased.
    public var unstableCells: Bool
    /// Programs since the last `sync` reach the medium in any subset when the power is cut.
    public var reorderUnsyncedWrites: Bool
    /// Probability (per million reads) that a read returns one flipped bit.
    public var readBitFlipsPerMillion: UInt32
    /// Fail this read operation (1 = the next one), counted from installation.
    public var failReadAt: Int?

    /// Creates a plan; by default it injects nothing.
    public init(seed: UInt64, cutAtOperation: Int? = nil, cutStyle: CutStyle = .tornBits,
                unstableCells: Bool = true, reorderUnsyncedWrites: Bool = false,
                readBitFlipsPerMillion: UInt32 = 0, failReadAt: Int? = nil) {
        self.seed = seed
        self.cutAtOperation = cutAtOperation
        self.cutStyle = cutStyle
        self.unstableCells = unstableCells
        self.reorderUnsyncedWrites = reorderUnsyncedWrites
        self.readBitFlipsPerMillion = readBitFlipsPerMillion
        self.failReadAt = failReadAt
    }
}

/// Counts of what a device has done, for cost assertions and statistics.
public struct FlashCounters: Sendable, Hashable {
    /// Read operations.
    public var reads = 0
    /// Bytes read.
    public var bytesRead = 0
    /// Program operations.
    public var programs = 0
    /// Bytes programmed.
    public var bytesProgrammed = 0
    /// Sector erases.
    public var erases = 0
    /// Programs that targeted at least one byte that was not erased (refused in strict mode,
    /// ANDed in lenient mode).
    public var programsOverNonErased = 0

    /// Creates zeroed counters.
    public init() {}

    /// Program and erase operations together (the operations a cut schedule counts).
    public var mutations: Int { programs + erases }
}
