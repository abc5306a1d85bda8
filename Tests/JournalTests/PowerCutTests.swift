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
    ])
    func exhaustive(seed: UInt64, granule: Int, steps: Int) throws {
        let scenario = Scenario(seed: seed, geometry: Geometries.small(granule: granule), steps: steps)
        let total = try Harness.mutationCount(scenario)
        print("power-cut exhaustive: seed 0x\(String(seed, radix: 16)) granule \(granule) steps \(steps): \(total) cut points")
        let styles = CutStyle.allCases
        for cut in 1...total {
            try Harness.cutPoint(scenario, cutAt: cut, style: styles[cut % styles.count])
        }
    }
}
