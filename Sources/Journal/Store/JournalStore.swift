/// The journaled store: an atomic, power-loss-safe key-value space, transaction log and counter
/// set on NOR flash.
///
/// Lifecycle: ``format(_:)`` once, then ``init(mounting:options:)`` at every start. Mounting
/// recovers from any power cut (see docs/flash-format.md for the bound). After a
/// ``JournalError/powerLoss`` the instance is dead: power the device on and mount again.
///
/// Concurrency: a store is a non-`Sendable` reference owned by one isolation domain (the
/// firmware's event loop); move it between domains only as a whole (`sending`). Every value it
/// returns is `Sendable`.
public final class JournalStore {
    /// The device the store is mounted on.
    public let device: any FlashDevice
    /// Options given at mount.
    public let options: JournalOptions
    /// What the last mount did.
    public internal(set) var mountReport = MountReport()
    /// Flash work since mount (including the mount).
    public internal(set) var work = StoreWork()
    /// Read-only reason, or nil while writable.
    public internal(set) var readOnlyReason: ReadOnlyReason?

    let layout: Layout
    var sectors: [SectorInfo]
    /// Data sectors, oldest sequence first.
    var dataOrder: [Int] = []
    /// The sector open for appends (written in this session), if any.
    var head: Int?
    /// A closed head whose seal the next group in a new sector carries.
    var pendingSeal: (sequence: UInt64, end: Int)?
    var nextSequence: UInt64 = 1
    var nextGroupId: UInt64 = 1
    var nextLogId: UInt64 = 1
    var state: StoreState
    /// Set by a power loss; every later call fails.
    var dead = false

    /// The role of a physical sector.
    enum Role: Equatable {
        case data
        case spare(verified: Bool)
        case dirty
        case bad
    }

    struct SectorInfo {
        var role: Role
        var sequence: UInt64 = 0
        var eraseCount: UInt32?
        /// Data sectors: offset just past the last committed group.
        var end: Int = 0
    }

    init(device: any FlashDevice, options: JournalOptions, layout: Layout) {
        self.device = device
        self.options = options
        self.layout = layout
        sectors = Array(repeating: SectorInfo(role: .dirty), count: device.geometry.sectorCount)
        state = StoreState(sectorCount: device.geometry.sectorCount)
    }

    // MARK: reads

    /// The value of `key`, or nil. Throws ``JournalError/damagedValue(key:)`` when media damage
    /// destroyed it.
    public func value(forKey key: String) throws(JournalError) -> [UInt8]? {
        if state.snapshot.damagedKeys.contains(key) { throw .damagedValue(key: key) }
        return state.snapshot.values[key]
    }

    /// Keys starting with `prefix`, sorted.
    public func keys(withPrefix prefix: String) -> [String] {
        state.snapshot.values.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The current value of a counter (0 if never set).
    public func counter(_ name: String) -> UInt64 { state.snapshot.counters[name] ?? 0 }

    /// Every log record in commit order. Records whose payload was lost are included with an
    /// empty payload and listed in ``JournalSnapshot/damagedLogIds``.
    public func logRecords() -> [LogRecord] { state.snapshot.orderedLog }

    /// Log records of one batch in commit order.
    public func logRecords(batch: UInt64) -> [LogRecord] {
        (state.logIndex().byBatch[batch] ?? []).sorted().compactMap { state.snapshot.log[$0] }
    }

    /// The log record with this id. Throws ``JournalError/damagedLogRecord(id:)`` if lost.
    public func logRecord(id: UInt64) throws(JournalError) -> LogRecord? {
        if state.snapshot.damagedLogIds.contains(id) { throw .damagedLogRecord(id: id) }
        return state.snapshot.log[id]
    }

    /// Log records carrying this order number, in commit order.
    public func logRecords(orderNumber: UInt64) -> [LogRecord] {
        (state.logIndex().byOrder[orderNumber]?.ids ?? []).sorted().compactMap { state.snapshot.log[$0] }
    }

    /// Log records carrying this trace number, in commit order.
    public func logRecords(traceNumber: UInt64) -> [LogRecord] {
        (state.logIndex().byTrace[traceNumber]?.ids ?? []).sorted().compactMap { state.snapshot.log[$0] }
    }

    /// Batches marked settled and not yet dropped.
    public var settledBatches: Set<UInt64> { state.snapshot.settledBatches }

    /// A consistent copy of everything the store holds (for backup: ``JournalSnapshot/encoded()``).
    /// It reflects exactly the acknowledged commits.
    public func snapshot() -> JournalSnapshot { state.snapshot }

    /// True when commits are refused (end of life or inspection); reads keep working.
    public var isReadOnly: Bool { readOnlyReason != nil }

    // MARK: device access, counted

    func read(_ address: Int, count: Int) throws(JournalError) -> [UInt8] {
        work.reads += 1
        work.bytesRead += count
        do { return try device.read(address, count: count) } catch { throw map(error) }
    }

    /// Programs a span, split at page boundaries, after verifying it is erased.
    func programSpan(_ address: Int, _ bytes: [UInt8], sector: Int) throws(JournalError) {
        let existing = try read(address, count: bytes.count)
        guard existing.allSatisfy({ $0 == 0xFF }) else { throw .flash(.notErased(address: address)) }
        let page = device.geometry.pageSize
        var at = 0
        while at < bytes.count {
            let chunk = min(bytes.count - at, page - (address + at) % page)
            work.programs += 1
            work.bytesProgrammed += chunk
            var failure: FlashError?
            bytes.withUnsafeBytes { raw in
                do throws(FlashError) {
                    try device.program(address + at, UnsafeRawBufferPointer(rebasing: raw[at..<(at + chunk)]))
                } catch { failure = error }
            }
            if let failure { throw map(failure, sector: sector) }
            at += chunk
        }
        if options.verifyPrograms {
            // A worn cell may ignore a program silently; read back (twice on mismatch, to
            // tell a read disturbance from a failed program).
            if try read(address, count: bytes.count) != bytes, try read(address, count: bytes.count) != bytes {
                throw .readOnly(.wornOut(sector: sector))
            }
        }
    }

    func sync() throws(JournalError) {
        do { try device.sync() } catch { throw map(error) }
    }

    /// Erases a sector, checks it reads back erased and writes header A with the new count.
    func eraseAndFormat(_ sector: Int) throws(JournalError) {
        let count = (sectors[sector].eraseCount ?? estimatedEraseCount()) &+ 1
        work.erases += 1
        do { try device.erase(sector: sector) } catch { throw map(error, sector: sector) }
        let base = layout.address(sector: sector, offset: 0)
        let content = try read(base, count: layout.geometry.sectorSize)
        guard content.allSatisfy({ $0 == 0xFF }) else { throw .readOnly(.wornOut(sector: sector)) }
        sectors[sector] = SectorInfo(role: .dirty, eraseCount: count)
        try programSpan(base, SectorHeaders.encodeA(eraseCount: count, layout: layout), sector: sector)
        sectors[sector].role = .spare(verified: true)
    }

    func map(_ error: FlashError, sector: Int? = nil) -> JournalError {
        switch error {
        case .powerCut:
            dead = true
            return .powerLoss
        case .wornOut(let s):
            return .readOnly(.wornOut(sector: s))
        case .readFailed(let a):
            return .readOnly(.wornOut(sector: sector ?? a / max(1, layout.geometry.sectorSize)))
        default:
            return .flash(error)
        }
    }

    /// Mean erase count of sectors whose count is known (used when a header was lost).
    func estimatedEraseCount() -> UInt32 {
        let known = sectors.compactMap(\.eraseCount)
        guard !known.isEmpty else { return 0 }
        return UInt32(known.reduce(UInt64(0)) { $0 + UInt64($1) } / UInt64(known.count))
    }
}
