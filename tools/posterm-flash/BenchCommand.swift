import ArgumentParser
import Foundation
import Journal

/// `posterm-flash bench`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Commits per second of a typical 300-byte transaction group on a file-backed image.")

    @Option(help: "Image file to create (overwritten).")
    var image: String

    @Option(help: "Number of commits.")
    var commits: Int = 10_000

    @Flag(help: "fdatasync every commit (durable against host crashes).")
    var sync = false

    @Option(help: "Sectors of 4 KiB in the image.")
    var sectors: Int = 1024

    func run() throws {
        let geometry = FlashGeometry.w25q128(sectors: sectors)
        let flash = try FileFlash.create(path: image, geometry: geometry)
        flash.durable = sync
        try JournalStore.format(flash)
        let store = try JournalStore(mounting: flash)
        // 104 payload bytes make the typical group (trace counter, log record, totals) 296 bytes.
        var payload = [UInt8](repeating: 0, count: 104)
        var group = JournalGroup()
        var typical = 0
        let clock = ContinuousClock()
        let start = clock.now
        for i in 0..<commits {
            payload[0] = UInt8(truncatingIfNeeded: i)
            group.operations = [
                .increment(counter: "trace", by: 1),
                .append(orderNumber: UInt64(i), traceNumber: UInt64(i), batch: UInt64(i / 500), payload: payload),
                .put(key: "batch/totals", value: [UInt8](repeating: UInt8(truncatingIfNeeded: i), count: 16)),
            ]
            if i % 500 == 499 {
                group.operations += [.settleBatch(UInt64(i / 500)), .dropSettledBatches(through: UInt64(i / 500))]
            }
            if i == 0 { typical = try store.encodedSize(of: group) }
            try store.commit(group)
        }
        let seconds = (clock.now - start) / .seconds(1)
        let size = typical
        print(String(format: "%d commits of %d-byte groups in %.3f s: %.0f commits/s (%@)", commits, size, seconds,
                     Double(commits) / seconds, sync ? "fdatasync per commit" : "no fdatasync"))
    }
}
