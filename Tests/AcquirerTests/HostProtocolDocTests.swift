import Foundation
import Testing
@testable import Acquirer

@Suite("docs/host-protocol.md")
struct HostProtocolDocTests {
    /// The response-code table in the document is the one the terminal shows: same codes,
    /// classes, actions and texts, row for row.
    @Test func responseCodeTableMatchesTheCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/host-protocol.md"), encoding: .utf8)
        let rows = document.split(separator: "\n").filter { $0.hasPrefix("| `") && $0.contains("` | ") }
            .filter { line in ResponseCodeTable.all.contains { line.hasPrefix("| `\($0.code)` ") } }
        #expect(rows.count == ResponseCodeTable.all.count)
        for (line, info) in zip(rows, ResponseCodeTable.all) {
            let expected = "| `\(info.code)` | \(info.actionClass.rawValue) | `\(info.action.rawValue)` | \(info.meaning) | "
                + "\(info.chinese) | \(info.english) |"
            #expect(String(line) == expected)
        }
    }
}
