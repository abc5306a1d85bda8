import Foundation
import Testing

/// With --simulated-time and a seed, two runs of one script give byte-identical transcripts and
/// byte-identical flash images (the real binary, the real journal on a file image).
@Suite struct ReproducibilityTests {
    private static let script = """
    # admin adds cashier 05 and switches to English; the cashier signs in and times out
    {"op":"wait","screen":"idle","timeout_ms":1000}
    {"op":"keys","keys":["ENTER","9","9","ENTER","1","2","3","4","5","6","7","8","ENTER"]}
    {"op":"keys","keys":["3","1","0","5","ENTER","1","1","2","3","4","ENTER","1","2","3","4","ENTER"]}
    {"op":"screen"}
    {"op":"keys","keys":["ENTER","CANCEL","4","7","2"]}
    {"op":"screen"}
    {"op":"keys","keys":["ENTER","CANCEL","5","ENTER"]}
    {"op":"keys","keys":["ENTER","0","5","ENTER","1","2","3","4","ENTER"]}
    {"op":"wait","screen":"idle","timeout_ms":120000}
    {"op":"status"}
    {"op":"fault","device":"printer","fault":"paper_out","active":true}
    {"op":"advance","ms":3600000}
    {"op":"screen"}
    {"op":"printed","since":0}

    """

    private func run(binary: String, directory: String) throws -> (transcript: Data, image: Data) {
        let scriptPath = directory + "/script.jsonl"
        let imagePath = directory + "/flash.img"
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: scriptPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--simulated-time", "--seed", "42", "--flash", imagePath,
                             "--script", scriptPath, "--log-level", "error"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let transcript = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (transcript, try Data(contentsOf: URL(fileURLWithPath: imagePath)))
    }

    @Test func twoSeededRunsAreByteIdentical() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/posterm").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build posterm first (make test does)")
        var results: [(transcript: Data, image: Data)] = []
        for _ in 0..<2 {
            let directory = NSTemporaryDirectory() + "posterm-repro-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            results.append(try run(binary: binary, directory: directory))
        }
        #expect(results[0].transcript.count > 500)
        #expect(!String(decoding: results[0].transcript, as: UTF8.self).contains("\"ok\":false"))
        #expect(results[0].transcript == results[1].transcript)
        #expect(results[0].image == results[1].image)
    }
}
