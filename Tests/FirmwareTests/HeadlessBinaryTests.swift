import Foundation
import Testing

/// The real `posterm run --headless --control tcp:…` driven over a socket through every op, as a
/// hardware-in-loop rig would drive it.
@Suite struct HeadlessBinaryTests {
    @Test func everyOpOverTCPAgainstTheBinary() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/posterm").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build posterm first (make test does)")
        let directory = NSTemporaryDirectory() + "posterm-headless-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--headless", "--simulated-time", "--seed", "3", "--flash", directory + "/flash.img",
                             "--control", "tcp:127.0.0.1:0", "--log-level", "error"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        // The bound port is announced on standard error.
        var announced = ""
        while !announced.contains("\n") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            announced += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(announced.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        let client = try LineClient(tcpPort: port)

        func ask(_ line: String) -> [String: Any] {
            client.send(line + "\n")
            let reply = client.readLine() ?? ""
            return (try? JSONSerialization.jsonObject(with: Data(reply.utf8))) as? [String: Any] ?? ["raw": reply]
        }
        @discardableResult
        func ok(_ line: String) -> [String: Any] {
            let reply = ask(line)
            #expect(reply["ok"] as? Bool == true, "\(line) -> \(reply)")
            return reply
        }

        #expect(ok(#"{"op":"version"}"#)["protocol"] as? String != nil)
        ok(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#)
        ok(#"{"op":"keys","keys":["ENTER","9","9","ENTER","1","2","3","4","5","6","7","8","ENTER"]}"#)
        ok(#"{"op":"wait","screen":"menu.main","timeout_ms":60000}"#)
        #expect(ok(#"{"op":"status"}"#)["signed_on"] as? Bool == true)
        ok(#"{"op":"keys","keys":["6","1","0","0","ENTER"]}"#)
        ok(#"{"op":"card","action":"insert","card":{"pan":"6222021000000005","expiry":"3012"}}"#)
        ok(#"{"op":"wait","screen":"sale.confirm","timeout_ms":5000}"#)
        ok(#"{"op":"card","action":"remove"}"#)
        ok(#"{"op":"keys","keys":["CANCEL"]}"#)
        ok(#"{"op":"wait","screen":"menu.main","timeout_ms":5000}"#)
        ok(#"{"op":"keys","keys":["6","1","0","0","ENTER"]}"#)
        ok(#"{"op":"card","action":"swipe","track2":"6222021000000005=30122010000000000"}"#)
        ok(#"{"op":"wait","screen":"sale.confirm","timeout_ms":5000}"#)
        ok(#"{"op":"keys","keys":["ENTER"]}"#)
        ok(#"{"op":"wait","screen":"sale.pin","timeout_ms":5000}"#)
        ok(#"{"op":"pinpad","keys":["1","2","3","4","5","6","ENTER"]}"#)
        ok(#"{"op":"wait","screen":"sale.result","timeout_ms":60000}"#)
        let printed = ok(#"{"op":"printed","since":0}"#)
        let documents = printed["documents"] as? [[String: Any]] ?? []
        #expect(documents.map { $0["kind"] as? String } == ["merchant_copy", "customer_copy"])
        #expect(!documents.contains { ($0["text"] as? String ?? "").contains("6222021000000005") })
        ok(#"{"op":"scan","code":"134567890123456789"}"#)
        ok(#"{"op":"fault","device":"printer","fault":"paper_out","active":true}"#)
        ok(#"{"op":"advance","ms":61000}"#)
        #expect(ok(#"{"op":"screen"}"#)["screen"] as? String == "menu.main")
        ok(#"{"op":"host","action":"stats"}"#)
        ok(#"{"op":"power","action":"cut"}"#)
        #expect(ask(#"{"op":"keys","keys":["1"]}"#)["error"] as? String == "powered_off")
        ok(#"{"op":"power","action":"on"}"#)
        ok(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#)
        #expect(ok(#"{"op":"status"}"#)["transactions"] as? Int == 1)
        #expect(ask("{broken")["error"] as? String == "bad_json")
        ok(#"{"op":"screen"}"#)
    }
}
