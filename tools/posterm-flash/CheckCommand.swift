import ArgumentParser
import Foundation
import Journal

/// `posterm-flash check`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an image: exit 0 if consistent, 1 if damaged (with what and where).")

    @Argument(help: "Path of the flash image.")
    var image: String

    func run() throws {
        let store: JournalStore
        do { store = try inspect(image) } catch {
            print("DAMAGED \(image): \(error)")
            throw ExitCode(1)
        }
        let report = store.mountReport
        let lost = report.notes.filter(\.lostData)
        for note in report.notes { print("\(note.lostData ? "damage" : "debris"): \(note)") }
        let status = store.sectorStatus()
        print("\(status.filter { $0.role == .data }.count) data sectors, \(report.groupsReplayed) committed groups, "
              + "\(store.logRecords().count) log records, \(store.keys(withPrefix: "").count) keys")
        if lost.isEmpty {
            print("OK \(image): consistent")
        } else {
            print("DAMAGED \(image): \(lost.count) finding(s) with lost data")
            throw ExitCode(1)
        }
    }
}
