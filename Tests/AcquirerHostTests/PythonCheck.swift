import Foundation
import Testing

/// Runs an independent Python implementation as a cross-check. When a module is missing the
/// check is skipped with a printed reason, unless `CI` is set, in which case it fails.
enum PythonCheck {
    /// Runs `script` under `python3 -W ignore` with `argument` and returns its standard output;
    /// nil when a module cannot be imported (or the script failed, which is recorded).
    static func run(modules: [String], script: String, argument: String) throws -> String? {
        for module in modules where try execute(["-c", "import \(module)"]).status != 0 {
            let package = module == "iso8583" ? "pyiso8583" : module
            let reason = "Python module \(module) is not importable (pip install \(package))"
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("\(reason), and CI is set")
            } else {
                print("skipped cross-check: \(reason)")
            }
            return nil
        }
        let result = try execute(["-c", script, argument])
        guard result.status == 0 else {
            Issue.record("python3 failed (\(result.status)): \(result.stderr)")
            return nil
        }
        return result.stdout
    }

    private static func execute(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore"] + arguments
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("posterm-host-\(UUID().uuidString).err")
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
            return (127, "", "\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let stderr = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), stderr)
    }
}
