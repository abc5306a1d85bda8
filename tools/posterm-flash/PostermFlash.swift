import ArgumentParser
import Foundation
import Journal

/// `posterm-flash`: inspect and benchmark posterm flash images.
@main
struct PostermFlash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posterm-flash",
        abstract: "Inspect posterm journal flash images: check, dump, stats, bench.",
        subcommands: [Check.self, Dump.self, Stats.self, Bench.self])
}

/// Opens an image read-only and mounts it without writing.
func inspect(_ path: String) throws -> JournalStore {
    let flash = try FileFlash.open(path: path, readOnly: true)
    return try JournalStore(mounting: flash, options: JournalOptions(readOnly: true))
}
