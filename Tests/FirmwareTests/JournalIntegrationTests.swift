import Foundation
import Journal
import Logging
import Terminal
import Testing
@testable import Firmware

/// The terminal's state goes through the real journal on a real file image, and survives power
/// cuts and kill -9.
@Suite struct JournalIntegrationTests {
    private func temporaryImage() -> String {
        NSTemporaryDirectory() + "posterm-test-\(UUID().uuidString)/flash.img"
    }

    @Test func stateSurvivesAReopenOfTheImage() throws {
        let path = temporaryImage()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = JournalTerminalStore.fileBacked(path: path, logger: Logger(label: "test"))
        #expect(try first.load() == RecoveredState())
        var configuration = TerminalConfiguration()
        configuration.merchantName = "测试商户"
        let hash = PasswordHash(scheme: "test", salt: [1, 2], digest: [3, 4])
        try first.commit([.putConfiguration(configuration),
                          .putOperator(OperatorRecord(number: "01", role: .cashier, password: hash)),
                          .appendAudit(AuditEntry(sequence: 0, time: WallTime(millisecondsSinceEpoch: 5), operatorNumber: "99",
                                                  action: "operator.added", detail: "01"))])
        try first.commit([.putOperator(OperatorRecord(number: "02", role: .supervisor, password: hash)),
                          .removeOperator(number: "01")])
        let second = JournalTerminalStore.fileBacked(path: path, logger: Logger(label: "test"))
        let recovered = try second.load()
        #expect(recovered.configuration?.merchantName == "测试商户")
        #expect(recovered.operators.map(\.number) == ["02"])
        #expect(recovered.auditCount == 1)
        #expect(second.loadProblems.isEmpty)
    }

    @Test func aFileThatIsNotAnImageIsRefusedClearly() throws {
        let path = temporaryImage()
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("definitely not flash".utf8).write(to: URL(fileURLWithPath: path))
        let store = JournalTerminalStore.fileBacked(path: path, logger: Logger(label: "test"))
        #expect {
            _ = try store.load()
        } throws: { error in
            "\(error)".contains("not a posterm flash image")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("definitely not flash".utf8))
    }

    @Test func anUndecodableRecordIsReportedAndTheRestLoads() throws {
        let path = temporaryImage()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = JournalTerminalStore.fileBacked(path: path, logger: Logger(label: "test"))
        _ = try store.load()
        try store.commit([.putOperator(OperatorRecord(number: "01", role: .cashier, password: PasswordHash(scheme: "t", salt: [], digest: [1])))])
        // Write garbage under an operator key straight into the journal.
        let journal = try JournalStore(mounting: try FileFlash.open(path: path))
        _ = try journal.commit(JournalGroup([.put(key: "operator/07", value: Array("{broken".utf8))]))
        let reloaded = JournalTerminalStore.fileBacked(path: path, logger: Logger(label: "test"))
        let recovered = try reloaded.load()
        #expect(recovered.operators.map(\.number) == ["01"])
        #expect(reloaded.loadProblems == ["operator/07: not a valid OperatorRecord record"])
    }

    @Test func powerCutAndPowerOnKeepEverythingCommitted() throws {
        let terminal = try SimulatedTerminal()
        terminal.send(#"{"op":"power","action":"on"}"#)
        terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#)
        // Sign in as admin, set the language to English.
        terminal.send(#"{"op":"keys","keys":["ENTER","9","9","ENTER","1","2","3","4","5","6","7","8","ENTER"]}"#)
        terminal.send(#"{"op":"wait","screen":"menu.main","timeout_ms":5000}"#)
        terminal.send(#"{"op":"keys","keys":["4","7","2"]}"#)
        terminal.send(#"{"op":"power","action":"cut"}"#)
        terminal.send(#"{"op":"power","action":"on"}"#)
        terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#)
        #expect(terminal.send(#"{"op":"status"}"#)["language"] as? String == "en")
        #expect(terminal.send(#"{"op":"status"}"#)["operator"] is NSNull)
    }

    @Test func killMinusNineLeavesATerminalThatBootsBackToTheSameState() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/posterm").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build posterm first (make test does)")
        let path = temporaryImage()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let script = NSTemporaryDirectory() + "posterm-kill-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: script) }
        try Data("""
        {"op":"keys","keys":["ENTER","9","9","ENTER","1","2","3","4","5","6","7","8","ENTER"]}
        {"op":"wait","screen":"menu.main","timeout_ms":60000}
        {"op":"keys","keys":["4","7","2"]}
        {"op":"status"}

        """.utf8).write(to: URL(fileURLWithPath: script))
        // Run the script, then keep serving (so the process is alive) and kill it with SIGKILL.
        let first = Process()
        first.executableURL = URL(fileURLWithPath: binary)
        first.arguments = ["run", "--flash", path, "--script", script, "--control", "tcp:127.0.0.1:0", "--log-level", "error"]
        let output = Pipe()
        first.standardOutput = output
        first.standardError = FileHandle.nullDevice
        try first.run()
        let reader = output.fileHandleForReading
        var received = Data()
        while received.split(separator: UInt8(ascii: "\n")).count < 4 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        // posterm-flash finds the image consistent.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("posterm-flash")
        check.arguments = ["check", path]
        check.standardOutput = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        // Boot again from the same image.
        try Data(#"{"op":"status"}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: script))
        let second = Process()
        second.executableURL = URL(fileURLWithPath: binary)
        second.arguments = ["run", "--flash", path, "--script", script, "--log-level", "error"]
        let secondOutput = Pipe()
        second.standardOutput = secondOutput
        try second.run()
        let reply = secondOutput.fileHandleForReading.readDataToEndOfFile()
        second.waitUntilExit()
        #expect(String(decoding: reply, as: UTF8.self).contains("\"language\":\"en\""))
    }
}
