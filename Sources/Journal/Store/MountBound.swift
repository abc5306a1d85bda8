/// The documented upper bound on the flash work of one mount, as a checkable property.
///
/// Mount reads every sector exactly once (`totalSize` bytes), then writes: it erases evacuated,
/// empty and header-less sectors (at most every sector once), copies the newest group to a
/// fresh sector (at most one sector of programs) and, only if fewer than the reserved number of
/// spare sectors remain, runs garbage collection over at most every data sector once. Nothing in
/// the bound depends on how many commits the device has seen; it depends on geometry only.
public struct MountBound: Sendable, Hashable {
    /// Most sector erases one mount may perform.
    public var erases: Int
    /// Most program operations one mount may perform.
    public var programs: Int
    /// Most bytes one mount may read.
    public var bytesRead: Int

    /// The bound for a geometry and options.
    public init(geometry g: FlashGeometry, options: JournalOptions = JournalOptions()) {
        let pagesPerSector = g.sectorSize / g.pageSize
        // Every sector erased once by recovery, plus once more for each GC step (one per data
        // sector) and the sectors those steps and the copy open.
        erases = 2 * g.sectorCount + options.reservedSectors + 2
        // Each erase writes header A; each opened sector header B; group data is at most one
        // sector per erase, split into pages (+2 for page-straddling records and the commit).
        programs = erases * (pagesPerSector + 4)
        // The scan, a verification read of each erased sector, and the erased-check and
        // read-back (twice on a mismatch) of every program.
        bytesRead = g.totalSize + erases * g.sectorSize + 3 * erases * (g.sectorSize + 4 * g.pageSize)
    }

    /// Simulated time the bound allows on a timing profile.
    public func nanoseconds(_ profile: FlashTimingProfile, pageSize: Int) -> UInt64 {
        UInt64(erases) * profile.sectorEraseNanoseconds + UInt64(programs) * profile.programCost(pageSize)
            + profile.readCost(bytesRead)
    }

    /// A description of how `report` exceeds the bound, or nil when it is within.
    public func violation(_ report: MountReport) -> String? {
        if report.work.erases > erases { return "\(report.work.erases) erases > \(erases)" }
        if report.work.programs > programs { return "\(report.work.programs) programs > \(programs)" }
        if report.work.bytesRead > bytesRead { return "\(report.work.bytesRead) bytes read > \(bytesRead)" }
        return nil
    }
}
