import Foundation
import Testing

/// Runs an independent Python implementation (psec, pydukpt) as a cross-check. When the module is
/// missing the check is skipped with a printed reason, unless the `CI` environment variable is set,
/// in which case the missing module is a test failure.
enum PythonCheck {
    /// Runs `script` under `python3 -W ignore` with the path of a file holding `input` as its
    /// only argument, and returns its standard output; nil when `module` cannot be imported.
    static func run(module: String, script: String, input: String) throws -> String? {
        guard try execute(["-c", "import \(module)"], stdinFile: nil).status == 0 else {
            let reason = "Python module \(module) is not importable (pip install \(module))"
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("\(reason), and CI is set")
            } else {
                print("skipped cross-check: \(reason)")
            }
            return nil
        }
        let directory = FileManager.default.temporaryDirectory
        let inputURL = directory.appendingPathComponent("posterm-security-\(UUID().uuidString).txt")
        try input.write(to: inputURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let result = try execute(["-c", script, inputURL.path], stdinFile: nil)
        guard result.status == 0 else {
            Issue.record("python3 failed (\(result.status)): \(result.stderr)")
            return nil
        }
        return result.stdout
    }

    private static func execute(_ arguments: [String], stdinFile: URL?) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore"] + arguments
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("posterm-security-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errorURL.path, contents: nil) else {
            return (126, "", "cannot create \(errorURL.path)")
        }
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            // No python3 at all counts as a missing module.
            return (127, "", "\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let stderr = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), stderr)
    }
}
