import ArgumentParser
import Foundation
import Journal

/// `posterm-flash dump`.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every committed record as JSON Lines (values as opaque hex, never decoded).")

    @Argument(help: "Path of the flash image.")
    var image: String

    @Flag(help: "Omit value bytes entirely (lengths only).")
    var noValues = false

    struct Line: Encodable {
        var sector: Int
        var sequence: UInt64
        var group: UInt64
        var kind: String
        var key: String?
        var numbers: [String: UInt64]?
        var valueLength: Int?
        var value: String?
        var damaged: Bool?
        var superseded: Bool?
    }

    func run() throws {
        let flash = try FileFlash.open(path: image, readOnly: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for r in try JournalStore.records(on: flash) {
            let line = Line(sector: r.sector, sequence: r.sequence, group: r.groupId, kind: r.kind, key: r.key,
                            numbers: r.numbers.isEmpty ? nil : r.numbers, valueLength: r.value?.count,
                            value: noValues ? nil : r.value.map { hexString($0) },
                            damaged: r.damaged ? true : nil, superseded: r.superseded ? true : nil)
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
    }
}
