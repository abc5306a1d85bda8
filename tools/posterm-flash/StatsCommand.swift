import ArgumentParser
import Foundation
import Journal

/// `posterm-flash stats`.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill, live versus dead bytes, erase-count spread and a wear map.")

    @Argument(help: "Path of the flash image.")
    var image: String

    func run() throws {
        let store = try inspect(image)
        let status = store.sectorStatus()
        let g = store.device.geometry
        let data = status.filter { $0.role == .data }
        let used = data.reduce(0) { $0 + $1.usedBytes }
        let live = status.reduce(0) { $0 + $1.liveBytes }
        let counts = status.compactMap(\.eraseCount)
        let minEC = counts.min() ?? 0, maxEC = counts.max() ?? 0
        let mean = counts.isEmpty ? 0 : Double(counts.reduce(0) { $0 + Int($1) }) / Double(counts.count)
        print("geometry: \(g)")
        print("sectors: \(data.count) data, \(status.filter { $0.role == .spare }.count) spare, "
              + "\(status.filter { $0.role == .dirty }.count) dirty, \(status.filter { $0.role == .bad }.count) bad")
        print(String(format: "fill: %d of %d bytes (%.1f%%)", used, g.totalSize, 100 * Double(used) / Double(g.totalSize)))
        print(String(format: "live: %d bytes, dead: %d bytes (%.1f%% of written data is live)", live, max(0, used - live),
                     used == 0 ? 0 : 100 * Double(live) / Double(used)))
        print(String(format: "erase counts: min %u, max %u, mean %.1f, spread %u (%.1f%% of mean)", minEC, maxEC, mean,
                     maxEC - minEC, mean == 0 ? 0 : 100 * Double(maxEC - minEC) / mean))
        print("wear map (0-9 = erase count relative to the max, . = unknown, x = bad):")
        let symbols = Array("0123456789")
        var row = ""
        for s in status {
            if s.role == .bad { row.append("x") } else if let ec = s.eraseCount {
                row.append(maxEC == 0 ? "0" : symbols[min(9, Int(ec) * 9 / Int(maxEC))])
            } else { row.append(".") }
            if row.count == 64 { print("  " + row); row = "" }
        }
        if !row.isEmpty { print("  " + row) }
    }
}
