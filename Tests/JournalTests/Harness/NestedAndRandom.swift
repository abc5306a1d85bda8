import Glibc
import Journal

extension Harness {
    /// Flash mutations a calm mount of `device` (a copy) performs: the nested cut range.
    static func recoveryMutations(_ device: MemoryFlash) throws -> Int {
        let probe = device.copy()
        probe.powerOn()
        probe.install(FaultPlan(seed: 1))
        _ = try JournalStore(mounting: probe)
        return probe.mutationsSinceInstall
    }

    /// Cuts at `cutAt`, then at every mutation of the recovery mount (two deep) and, for every
    /// `thirdEvery`-th of those, at every mutation of the following recovery (three deep).
    /// Returns the number of cut schedules checked.
    static func nestedCuts(_ scenario: Scenario, cutAt: Int, style: CutStyle, thirdEvery: Int) throws -> Int {
        let r = try run(scenario, cutAt: cutAt, style: style)
        guard r.cutHappened else { return 0 }
        var checked = 0
        let first = try recoveryMutations(r.device)
        for r1 in 1...max(1, first) {
            var fork = r
            fork.device = r.device.copy()
            try verifySchedule(scenario, fork, nested: [r1], style: style, cutAt: cutAt)
            checked += 1
            guard thirdEvery > 0, r1 % thirdEvery == 0 else { continue }
            // Find how much work the recovery after a cut at r1 does, then cut inside it too.
            let probe = r.device.copy()
            probe.powerOn()
            probe.install(FaultPlan(seed: scenario.seed, cutAtOperation: r1, cutStyle: style))
            guard (try? JournalStore(mounting: probe)) == nil else { continue }
            let second = try recoveryMutations(probe)
            for r2 in 1...max(1, second) {
                var fork3 = r
                fork3.device = r.device.copy()
                try verifySchedule(scenario, fork3, nested: [r1, r2], style: style, cutAt: cutAt)
                checked += 1
            }
        }
        return checked
    }

    static func verifySchedule(_ scenario: Scenario, _ run: CutRun, nested: [Int], style: CutStyle, cutAt: Int) throws {
        let context = "seed \(scenario.seed) cut \(cutAt) \(style) nested \(nested)"
        do {
            let (store, _) = try remount(run.device, nested: nested, seed: scenario.seed &+ UInt64(cutAt), style: style,
                                         base: scenario.faults)
            let model = try check(store, run, context: context)
            try continueAndVerify(store, model: model, run: run, steps: 3, context: context)
        } catch let error as HarnessFailure {
            throw error
        } catch {
            throw HarnessFailure(description: "\(context): \(error)")
        }
    }

    /// A random scenario for `seed`: geometry, granule, workload length, fault options.
    static func randomScenario(seed: UInt64) -> Scenario {
        var rng = SeededRandom(seed: seed)
        let granules = [1, 2, 4, 8, 16, 32, 64, 256]
        let granule = granules[Int(rng.next() % UInt64(granules.count))]
        let sectorSize = granule >= 64 ? 4096 : [1024, 2048][Int(rng.next() % 2)]
        let sectors = 6 + Int(rng.next() % 6)
        let geometry = (try? FlashGeometry(pageSize: 256, sectorSize: sectorSize, sectorCount: sectors,
                                           programGranule: granule)) ?? .w25q128(sectors: 8)
        var faults = FaultPlan(seed: seed)
        faults.unstableCells = rng.next() % 4 != 0
        faults.reorderUnsyncedWrites = rng.next() % 3 == 0
        let maxPayload = sectorSize == 1024 ? 160 : 400
        return Scenario(seed: seed, geometry: geometry, steps: 20 + Int(rng.next() % 50),
                        payloadSizes: 16...maxPayload, faults: faults)
    }

    /// One random run: random cut point and style, zero to two nested cuts.
    static func randomRun(seed: UInt64) throws {
        let scenario = randomScenario(seed: seed)
        var rng = SeededRandom(seed: seed ^ 0xC07)
        let total = try mutationCount(scenario)
        let cut = 1 + Int(rng.next() % UInt64(max(1, total)))
        let style = CutStyle.allCases[Int(rng.next() % 4)]
        let depth = Int(rng.next() % 3)
        let nested = (0..<depth).map { _ in 1 + Int(rng.next() % 12) }
        let r = try run(scenario, cutAt: cut, style: style)
        guard r.cutHappened else { return }
        try verifySchedule(scenario, r, nested: nested, style: style, cutAt: cut)
    }

    /// Number of random seeds: `JOURNAL_SOAK_SEEDS` when set (make soak-flash), else `fallback`.
    static func soakSeeds(fallback: Int) -> Int {
        guard let raw = getenv("JOURNAL_SOAK_SEEDS"), let n = Int(String(cString: raw)), n > 0 else { return fallback }
        return n
    }

    /// Base seed: `JOURNAL_SEED` when set (to replay), else `fallback`.
    static func baseSeed(fallback: UInt64) -> UInt64 {
        guard let raw = getenv("JOURNAL_SEED") else { return fallback }
        let text = String(cString: raw)
        return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) ?? fallback : UInt64(text) ?? fallback
    }
}
