import Journal
import Testing

/// Small strict devices where garbage collection, sector switches and recovery all happen
/// within a few dozen commits.
enum Geometries {
    static func small(granule: Int = 1, sectors: Int = 8, sectorSize: Int = 1024) -> FlashGeometry {
        (try? FlashGeometry(pageSize: 256, sectorSize: sectorSize, sectorCount: sectors, programGranule: granule))
            ?? .w25q128(sectors: sectors)
    }
}

@Suite("Power-cut harness")
struct PowerCutTests {
    /// Exhaustive single cuts: every program and erase of each scenario, cycling the cut style.
    @Test("exhaustive cuts at every program and erase", arguments: [
        (UInt64(0xA11CE), 1, 28), (UInt64(0xB0B), 8, 28), (UInt64(0xC0FFEE), 16, 24), (UInt64(0xD00D), 1, 36),
        (UInt64(0xE66), 2, 40), (UInt64(0xF00D), 4, 40), (UInt64(0x1234), 1, 60), (UInt64(0x5678), 32, 30),
    ])
    func exhaustive(seed: UInt64, granule: Int, steps: Int) throws {
        let scenario = Scenario(seed: seed, geometry: Geometries.small(granule: granule), steps: steps)
        let total = try Harness.mutationCount(scenario)
        print("power-cut exhaustive: seed 0x\(String(seed, radix: 16)) granule \(granule) steps \(steps): \(total) cut points")
        let styles = CutStyle.allCases
        for cut in 1...total {
            try Harness.cutPoint(scenario, cutAt: cut, style: styles[cut % styles.count])
        }
        #expect(total > 100)
    }

    /// Exhaustive cuts with out-of-order (unsynced) writes landing in random subsets.
    @Test("exhaustive cuts with reordered unsynced writes")
    func reordered() throws {
        var faults = FaultPlan(seed: 0)
        faults.reorderUnsyncedWrites = true
        let scenario = Scenario(seed: 0x0DD, geometry: Geometries.small(granule: 1), steps: 40, faults: faults)
        let total = try Harness.mutationCount(scenario)
        print("power-cut reordered: seed 0xdd: \(total) cut points")
        for cut in 1...total {
            try Harness.cutPoint(scenario, cutAt: cut, style: cut % 2 == 0 ? .afterOperation : .tornBits)
        }
    }

    /// Cuts during recovery: every mutation of the recovery after each sampled cut (two deep),
    /// and every mutation of the recovery after that (three deep) for a subset.
    @Test("nested cuts during recovery, two and three deep", arguments: [UInt64(0x2DEE9), UInt64(0x3DEE9)])
    func nested(seed: UInt64) throws {
        let scenario = Scenario(seed: seed, geometry: Geometries.small(granule: 8), steps: 30)
        let total = try Harness.mutationCount(scenario)
        print("power-cut nested: seed 0x\(String(seed, radix: 16)): \(total) first-level points, sampled every 9th")
        var schedules = 0
        for cut in stride(from: 1, through: total, by: 9) {
            schedules += try Harness.nestedCuts(scenario, cutAt: cut, style: CutStyle.allCases[cut % 4], thirdEvery: 3)
        }
        print("power-cut nested: seed 0x\(String(seed, radix: 16)): \(schedules) nested schedules checked")
        #expect(schedules > 300)
    }

    /// Random seeds at scale (random geometry, granule, fill, cut style, nesting, fault options).
    @Test("random seeded runs")
    func randomSeeds() throws {
        let base = Harness.baseSeed(fallback: 0x5EED_2026)
        let count = Harness.soakSeeds(fallback: 300)
        print("power-cut random: base seed 0x\(String(base, radix: 16)), \(count) seeds (JOURNAL_SEED / JOURNAL_SOAK_SEEDS)")
        for i in 0..<UInt64(count) {
            let seed = base &+ i &* 0x9E37_79B9
            do { try Harness.randomRun(seed: seed) } catch {
                Issue.record("seed 0x\(String(seed, radix: 16)): \(error)")
                return
            }
        }
    }

    /// 300 consecutive cuts during recovery (ZMS #84874): sequence numbers never wrap or
    /// collide, and the data survives.
    @Test("three hundred consecutive cuts during recovery")
    func repeatedRecoveryCuts() throws {
        let scenario = Scenario(seed: 0x300, geometry: Geometries.small(granule: 1), steps: 30)
        let r = try Harness.run(scenario, cutAt: 90, style: .tornBits)
        #expect(r.cutHappened)
        var rng = SeededRandom(seed: 0x300)
        let nested = (0..<300).map { _ in 1 + Int(rng.next() % 4) }
        let (store, fired) = try Harness.remount(r.device, nested: nested, seed: 0x300, style: .tornBits, base: scenario.faults)
        #expect(fired == 300)
        let model = try Harness.check(store, r, context: "300 cuts")
        try Harness.continueAndVerify(store, model: model, run: r, steps: 10, context: "300 cuts")
    }
}
