import Foundation
import Testing

/// Runs an independent Python implementation (pyiso8583, psec, pydukpt) as a cross-check for the
/// test targets. When a module is missing the check is skipped with a printed reason, unless the
/// `CI` environment variable is set, in which case the missing module is a test failure.
public enum PythonCheck {
    /// Runs `script` under `python3 -W ignore` with `arguments` and `input` on standard input, and
    /// returns its standard output. Returns nil when a module in `modules` cannot be imported
    /// (skipped, or recorded as an issue under CI) or when the script fails (recorded as an issue).
    public static func run(modules: [String], script: String, arguments: [String] = [],
                           input: String = "") throws -> String? {
        for module in modules where try execute(["-c", "import \(module)"], input: "").status != 0 {
            let reason = "Python module \(module) is not importable (pip install \(pipPackage(module)))"
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("\(reason), and CI is set")
            } else {
                print("skipped cross-check: \(reason)")
            }
            return nil
        }
        let result = try execute(["-c", script] + arguments, input: input)
        guard result.status == 0 else {
            Issue.record("python3 failed (\(result.status)): \(result.stderr)")
            return nil
        }
        return result.stdout
    }

    /// The PyPI name that installs `module`, where it differs from the import name.
    private static func pipPackage(_ module: String) -> String {
        module == "iso8583" ? "pyiso8583" : module
    }

    /// Runs python3 with standard input and standard error in temporary files, so only standard
    /// output goes through a pipe and draining it cannot block on the other two.
    private static func execute(_ arguments: [String], input: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory
        let stem = "posterm-crosscheck-\(UUID().uuidString)"
        let inputURL = directory.appendingPathComponent("\(stem).in")
        let errorURL = directory.appendingPathComponent("\(stem).err")
        guard FileManager.default.createFile(atPath: inputURL.path, contents: Data(input.utf8)),
              FileManager.default.createFile(atPath: errorURL.path, contents: nil) else {
            return (126, "", "cannot create temporary files in \(directory.path)")
        }
        defer {
            try? FileManager.default.removeItem(at: inputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let inputHandle = try FileHandle(forReadingFrom: inputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = inputHandle
        do {
            try process.run()
        } catch {
            // No python3 at all counts as a missing module.
            return (127, "", "\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try inputHandle.close()
        try errorHandle.close()
        let stderr = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), stderr)
    }
}
