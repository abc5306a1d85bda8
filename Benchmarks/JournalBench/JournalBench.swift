import Benchmark
import Journal

/// A typical 296-byte transaction group: trace counter, log record, batch totals.
func saleGroup(_ i: Int, payload: [UInt8]) -> JournalGroup {
    var g = JournalGroup([
        .increment(counter: "trace", by: 1),
        .append(orderNumber: UInt64(i), traceNumber: UInt64(i), batch: UInt64(i / 500), payload: payload),
        .put(key: "batch/totals", value: [UInt8](repeating: UInt8(truncatingIfNeeded: i), count: 16)),
    ])
    if i % 500 == 499 {
        g.settleBatch(UInt64(i / 500))
        g.dropSettledBatches(through: UInt64(i / 500))
    }
    return g
}

/// A 4 MiB device that has seen `commits` sales, with about `liveRecords` log records live.
func agedDevice(commits: Int, liveRecords: Int) throws -> MemoryFlash {
    let device = MemoryFlash(geometry: .w25q128(sectors: 1024))
    try JournalStore.format(device)
    let store = try JournalStore(mounting: device)
    let payload = [UInt8](repeating: 0x5A, count: 104)
    for i in 0..<commits {
        var g = JournalGroup([.append(orderNumber: UInt64(i), traceNumber: UInt64(i), batch: UInt64(i / 1000), payload: payload),
                              .increment(counter: "trace", by: 1)])
        if i % 1000 == 999, i / 1000 >= liveRecords / 1000 {
            g.settleBatch(UInt64(i / 1000 - liveRecords / 1000))
            g.dropSettledBatches(through: UInt64(i / 1000 - liveRecords / 1000))
        }
        try store.commit(g)
    }
    return device
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3), maxIterations: 1000)

    Benchmark("Commit 296-byte group, in-memory W25Q128 4 MiB",
              configuration: .init(metrics: [.throughput, .wallClock], scalingFactor: .kilo)) { benchmark in
        let device = MemoryFlash(geometry: .w25q128(sectors: 1024))
        try JournalStore.format(device)
        let store = try JournalStore(mounting: device)
        let payload = [UInt8](repeating: 0xA5, count: 104)
        var i = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try store.commit(saleGroup(i, payload: payload))
            i += 1
        }
        benchmark.stopMeasurement()
    }

    // Mount of a full 4 MiB image (about 13,000 live log records) after 1x, 10x and 100x as
    // many writes as the image holds: the cost must not grow with history.
    for (label, history) in [("1x", 13_000), ("10x", 130_000), ("100x", 1_300_000)] {
        Benchmark("Mount full 4 MiB image, \(label) history",
                  configuration: .init(metrics: [.wallClock], maxDuration: .seconds(120), maxIterations: 20)) { benchmark in
            let aged = try agedDevice(commits: history, liveRecords: 12_000)
            for _ in benchmark.scaledIterations {
                let copy = aged.copy()
                benchmark.startMeasurement()
                let store = try JournalStore(mounting: copy)
                benchmark.stopMeasurement()
                blackHole(store)
            }
        }
    }

    // Write amplification (flash bytes programmed per committed byte, x100) with half the
    // usable space live, and erase-count spread after 1,000,000 commits (% of the mean, x100).
    Benchmark("Wear: 1,000,000 commits at 50% live",
              configuration: .init(metrics: [.wallClock, .custom("write amplification x100"), .custom("erase spread % of mean x100")],
                                   maxDuration: .seconds(600), maxIterations: 1)) { benchmark in
        let device = MemoryFlash(geometry: .w25q128(sectors: 64))
        try JournalStore.format(device)
        let store = try JournalStore(mounting: device)
        let keys = 480 // about 50% of the 62 usable sectors with 296-byte puts
        var committed = 0
        let programmedBefore = device.counters.bytesProgrammed
        var rng = SeededRandom(seed: 2026)
        for i in 0..<1_000_000 {
            let g = JournalGroup([.put(key: "k\(rng.next() % UInt64(keys))", value: [UInt8](repeating: UInt8(truncatingIfNeeded: i), count: 256))])
            committed += try store.encodedSize(of: g)
            try store.commit(g)
        }
        let amplification = Double(device.counters.bytesProgrammed - programmedBefore) / Double(committed)
        let counts = device.eraseCounts
        let mean = Double(counts.reduce(0) { $0 + Int($1) }) / Double(counts.count)
        let spread = Double((counts.max() ?? 0) - (counts.min() ?? 0)) / mean
        benchmark.measurement(.custom("write amplification x100"), Int(amplification * 100))
        benchmark.measurement(.custom("erase spread % of mean x100"), Int(spread * 10_000))
        print("wear: write amplification \(amplification), erase spread \(spread * 100)% of mean \(mean)")
    }
}
