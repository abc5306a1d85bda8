/// The strict NOR flash emulator: the specification every other backend must match.
///
/// It enforces 1→0-only programming (strict mode refuses a program over any non-erased byte),
/// page-bounded granule-aligned programs and whole-sector erases; it counts erases per sector
/// with an endurance limit and a selectable wear-out behaviour; it charges every operation to a
/// ``FlashClock``; and it injects the faults of a ``FaultPlan`` (power cuts that tear programs
/// and erases, unstable cells, reordered unsynced writes, read bit flips and read errors).
public final class MemoryFlash: FlashDevice {
    /// The device geometry.
    public let geometry: FlashGeometry
    /// Refuse programs over non-erased bytes (otherwise AND them in and count them).
    public var strict: Bool
    /// Erase cycles a sector survives; `nil` means unlimited.
    public var endurance: UInt32?
    /// What a sector does past its endurance.
    public var wearOutBehaviour: WearOutBehaviour
    /// Receives the simulated cost of every operation.
    public var clock: (any FlashClock)?
    /// Durations charged to `clock`.
    public var timing: FlashTimingProfile
    /// Operation counts since creation.
    public private(set) var counters = FlashCounters()
    /// True after a power cut until ``powerOn()``.
    public private(set) var isPoweredOff = false

    private var cells: [UInt8]
    private var eraseCountsStorage: [UInt32]
    private var plan: FaultPlan?
    private var random = SeededRandom(seed: 0)
    private var mutationsSincePlan = 0
    private var readsSincePlan = 0
    /// Per sector: address → mask of bits that read back randomly until the sector is erased.
    private var unstable: [Int: [Int: UInt8]] = [:]
    /// Programs not yet made durable by `sync`: (address, previous bytes).
    private var unsynced: [(Int, [UInt8])] = []

    /// Creates an erased device.
    public init(geometry: FlashGeometry, strict: Bool = true, endurance: UInt32? = nil,
                wearOutBehaviour: WearOutBehaviour = .eraseFails,
                timing: FlashTimingProfile = .w25q128Typical, clock: (any FlashClock)? = nil) {
        self.geometry = geometry
        self.strict = strict
        self.endurance = endurance
        self.wearOutBehaviour = wearOutBehaviour
        self.timing = timing
        self.clock = clock
        cells = [UInt8](repeating: 0xFF, count: geometry.totalSize)
        eraseCountsStorage = [UInt32](repeating: 0, count: geometry.sectorCount)
    }

    /// Creates a device holding `image` (for example a file read into memory); every erase count
    /// starts at zero.
    public convenience init(geometry: FlashGeometry, image: [UInt8], strict: Bool = true) throws(FlashError) {
        guard image.count == geometry.totalSize else {
            throw .geometryMismatch("image holds \(image.count) bytes, geometry needs \(geometry.totalSize)")
        }
        self.init(geometry: geometry, strict: strict)
        cells = image
    }

    /// A copy of the whole medium as stored (unstable cells show their stored value).
    public var image: [UInt8] { cells }

    /// Erase cycles each sector has been through.
    public var eraseCounts: [UInt32] { eraseCountsStorage }

    /// An independent copy of the device (medium, wear, unstable cells, counters), without
    /// its fault plan: used to fork a run at a cut point.
    public func copy() -> MemoryFlash {
        let twin = MemoryFlash(geometry: geometry, strict: strict, endurance: endurance,
                               wearOutBehaviour: wearOutBehaviour, timing: timing, clock: clock)
        twin.cells = cells
        twin.eraseCountsStorage = eraseCountsStorage
        twin.unstable = unstable
        twin.counters = counters
        twin.random = random
        return twin
    }

    /// Installs a fault plan; operation numbers in it count from now.
    public func install(_ plan: FaultPlan?) {
        self.plan = plan
        random = SeededRandom(seed: plan?.seed ?? 0)
        mutationsSincePlan = 0
        readsSincePlan = 0
    }

    /// The installed fault plan.
    public var faultPlan: FaultPlan? { plan }

    /// Program and erase operations performed since the plan was installed.
    public var mutationsSinceInstall: Int { mutationsSincePlan }

    /// Restores power after a cut. Unstable cells stay unstable until their sector is erased.
    public func powerOn() {
        isPoweredOff = false
        unsynced.removeAll()
    }

    /// Sets a sector's erase count (to build worn or uneven devices in tests).
    public func setEraseCount(_ count: UInt32, sector: Int) {
        guard sector >= 0, sector < geometry.sectorCount else { return }
        eraseCountsStorage[sector] = count
    }

    /// Overwrites stored bytes directly, bypassing NOR rules: simulates bit rot and lets tests
    /// corrupt chosen bytes.
    public func corrupt(_ address: Int, _ bytes: [UInt8]) {
        for (i, b) in bytes.enumerated() where address + i >= 0 && address + i < cells.count {
            cells[address + i] = b
        }
    }

    /// Flips bit `bit` of the byte at `address` in place (bit rot).
    public func flipBit(_ address: Int, bit: Int) {
        guard address >= 0, address < cells.count else { return }
        cells[address] ^= UInt8(1) << UInt8(bit & 7)
    }

    /// Number of sectors holding unstable cells.
    public var unstableSectorCount: Int { unstable.count }

    private func wornOut(_ sector: Int) -> Bool {
        guard let endurance else { return false }
        return eraseCountsStorage[sector] >= endurance
    }

    // MARK: read

    /// Reads bytes; unstable cells return random values and a plan may flip a bit or fail.
    public func read(_ address: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError) {
        guard !isPoweredOff else { throw .powerCut }
        let count = buffer.count
        try geometry.checkRange(address, count)
        counters.reads += 1
        counters.bytesRead += count
        clock?.advance(nanoseconds: timing.readCost(count))
        if count == 0 { return }
        if plan != nil {
            readsSincePlan += 1
            if readsSincePlan == plan?.failReadAt { throw .readFailed(address: address) }
        }
        if endurance != nil && wearOutBehaviour == .readFails {
            let first = address / geometry.sectorSize, last = (address + count - 1) / geometry.sectorSize
            for s in first...last where wornOut(s) { throw .readFailed(address: max(address, s * geometry.sectorSize)) }
        }
        cells.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[address..<(address + count)]))
        }
        if !unstable.isEmpty {
            let first = address / geometry.sectorSize, last = (address + count - 1) / geometry.sectorSize
            for s in first...last {
                guard let masks = unstable[s] else { continue }
                for (cell, mask) in masks where cell >= address && cell < address + count {
                    let noise = UInt8(truncatingIfNeeded: random.next())
                    buffer[cell - address] = (buffer[cell - address] & ~mask) | (noise & mask)
                }
            }
        }
        if let plan, plan.readBitFlipsPerMillion > 0, random.chance(perMillion: plan.readBitFlipsPerMillion) {
            let bit = Int(random.next() % UInt64(count * 8))
            buffer[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
        }
    }

    // MARK: program

    /// Programs bytes with NOR semantics (`old AND new`), honouring strict mode, wear-out and
    /// any scheduled cut.
    public func program(_ address: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError) {
        guard !isPoweredOff else { throw .powerCut }
        let count = bytes.count
        try geometry.checkProgram(address, count)
        if count == 0 { return }
        let sector = address / geometry.sectorSize
        var overwrites = false
        for i in 0..<count where cells[address + i] != 0xFF {
            overwrites = true
            break
        }
        if overwrites {
            counters.programsOverNonErased += 1
            if strict { throw .notErased(address: address) }
        }
        let cut = try countMutation()
        counters.programs += 1
        counters.bytesProgrammed += count
        clock?.advance(nanoseconds: timing.programCost(count))
        if wornOut(sector) {
            switch wearOutBehaviour {
            case .programFails: throw .wornOut(sector: sector)
            case .programIgnored: return
            case .eraseFails, .readFails, .eraseIgnored: break
            }
        }
        if plan?.reorderUnsyncedWrites == true {
            unsynced.append((address, Array(cells[address..<(address + count)])))
        }
        guard let cut else {
            for i in 0..<count { cells[address + i] &= bytes[i] }
            return
        }
        // The power fails during or around this program.
        var landed = [UInt8](repeating: 0xFF, count: count)
        switch cut {
        case .beforeOperation:
            break
        case .afterOperation:
            for i in 0..<count { landed[i] = bytes[i] }
        case .tornPrefix:
            let granules = count / geometry.programGranule
            let keep = Int(random.next() % UInt64(granules + 1)) * geometry.programGranule
            for i in 0..<keep { landed[i] = bytes[i] }
        case .tornBits:
            for i in 0..<count { landed[i] = bytes[i] | UInt8(truncatingIfNeeded: random.next()) }
        }
        for i in 0..<count {
            let old = cells[address + i]
            cells[address + i] = old & landed[i]
            let intended = old & ~bytes[i]
            if cut != .afterOperation, plan?.unstableCells == true, intended != 0 {
                unstable[sector, default: [:]][address + i] = intended
            }
        }
        try powerFail()
    }

    // MARK: erase

    /// Erases a sector to `0xFF` (or part of it, when a cut interrupts the erase).
    public func erase(sector: Int) throws(FlashError) {
        guard !isPoweredOff else { throw .powerCut }
        try geometry.checkSector(sector)
        let cut = try countMutation()
        counters.erases += 1
        clock?.advance(nanoseconds: timing.sectorEraseNanoseconds)
        // An erase is a barrier: everything programmed before it has reached the medium.
        unsynced.removeAll()
        if wornOut(sector) {
            switch wearOutBehaviour {
            case .eraseFails: throw .wornOut(sector: sector)
            case .eraseIgnored: return
            case .programFails, .readFails, .programIgnored: break
            }
        }
        let base = sector * geometry.sectorSize
        let size = geometry.sectorSize
        guard let cut else {
            eraseCountsStorage[sector] &+= 1
            unstable[sector] = nil
            cells.withUnsafeMutableBytes { raw in
                _ = raw.baseAddress.map { $0.advanced(by: base).initializeMemory(as: UInt8.self, repeating: 0xFF, count: size) }
            }
            return
        }
        switch cut {
        case .beforeOperation:
            if plan?.unstableCells == true {
                // Just after an erase starts, the sector may already show 1s in places.
                var masks = unstable[sector] ?? [:]
                for i in 0..<size where cells[base + i] != 0xFF && random.chance(perMillion: 50_000) {
                    masks[base + i] = ~cells[base + i]
                }
                if !masks.isEmpty { unstable[sector] = masks }
            }
        case .afterOperation:
            eraseCountsStorage[sector] &+= 1
            unstable[sector] = nil
            for i in 0..<size { cells[base + i] = 0xFF }
        case .tornPrefix, .tornBits:
            eraseCountsStorage[sector] &+= 1
            var masks: [Int: UInt8] = [:]
            let prefix = Int(random.next() % UInt64(size + 1))
            for i in 0..<size {
                let old = cells[base + i]
                let lifted: UInt8 = cut == .tornPrefix ? (i < prefix ? 0xFF : 0) : UInt8(truncatingIfNeeded: random.next() | random.next())
                cells[base + i] = old | lifted
                let pending = ~(old | lifted)
                if plan?.unstableCells == true, pending != 0 { masks[base + i] = pending }
            }
            unstable[sector] = masks.isEmpty ? nil : masks
        }
        try powerFail()
    }

    /// Makes reordered programs durable.
    public func sync() throws(FlashError) {
        guard !isPoweredOff else { throw .powerCut }
        unsynced.removeAll()
    }

    /// Counts one program or erase; returns the cut style when this operation is the cut point.
    private func countMutation() throws(FlashError) -> CutStyle? {
        guard let plan else { return nil }
        mutationsSincePlan += 1
        guard let at = plan.cutAtOperation, mutationsSincePlan == at else { return nil }
        return plan.cutStyle
    }

    /// Cuts the power: unsynced programs land in a random subset, the device goes dark.
    private func powerFail() throws(FlashError) {
        if plan?.reorderUnsyncedWrites == true {
            for (address, previous) in unsynced.reversed() where random.next() & 1 == 0 {
                for (i, b) in previous.enumerated() { cells[address + i] = b }
            }
        }
        unsynced.removeAll()
        isPoweredOff = true
        throw .powerCut
    }
}
