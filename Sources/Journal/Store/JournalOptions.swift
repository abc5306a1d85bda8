/// Tuning of a ``JournalStore``.
public struct JournalOptions: Sendable, Hashable {
    /// Free sectors kept back from ordinary commits for garbage collection and recovery (≥ 2).
    public var reservedSectors: Int
    /// Read every program back and compare (detects silently failing, worn-out cells).
    public var verifyPrograms: Bool
    /// Mount without writing anything (inspection tools); commits fail with ``JournalError/readOnly(_:)``.
    public var readOnly: Bool

    /// Creates options.
    public init(reservedSectors: Int = 2, verifyPrograms: Bool = true, readOnly: Bool = false) {
        self.reservedSectors = max(2, reservedSectors)
        self.verifyPrograms = verifyPrograms
        self.readOnly = readOnly
    }
}

/// Flash work done by the store, counted by the store itself (any backend).
public struct StoreWork: Sendable, Hashable {
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
    /// Creates zeroed counters.
    public init() {}
}

/// One finding of mount or check: something on flash that is not a clean, committed state.
public struct DamageNote: Sendable, Hashable, CustomStringConvertible {
    /// Physical sector.
    public var sector: Int
    /// Byte offset inside the sector.
    public var offset: Int
    /// What was found.
    public var what: String
    /// True when committed data was lost (a damaged value, a truncated sealed sector); false
    /// for the expected debris of a power cut (a torn tail, a half-erased sector).
    public var lostData: Bool

    /// Creates a note.
    public init(sector: Int, offset: Int, what: String, lostData: Bool) {
        self.sector = sector
        self.offset = offset
        self.what = what
        self.lostData = lostData
    }

    /// `sector S +O: what`.
    public var description: String { "sector \(sector) +\(offset): \(what)" }
}

/// What mounting did: the recovery work, to check it against the documented bound.
public struct MountReport: Sendable, Hashable {
    /// Flash work of the whole mount, recovery writes included.
    public var work = StoreWork()
    /// Committed groups replayed.
    public var groupsReplayed = 0
    /// Data sectors found.
    public var dataSectors = 0
    /// Sectors erased by recovery (evacuated, empty or unreadable-header sectors).
    public var sectorsErased = 0
    /// Garbage-collection steps recovery had to run to restore the spare reserve.
    public var collections = 0
    /// Findings (torn tails, damaged records, ...).
    public var notes: [DamageNote] = []
    /// Creates an empty report.
    public init() {}
}
