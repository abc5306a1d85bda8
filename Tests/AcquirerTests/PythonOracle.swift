import Foundation

/// Runs a Python script with input lines; the way tests reach pyiso8583 as an independent oracle.
enum PythonOracle {
    /// Why a Python-backed test could not run.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Whether `module` imports. Without it a test is skipped with a printed reason, unless the
    /// environment variable `CI` is set, where the missing module is a failure.
    static func require(module: String, pipPackage: String) throws -> Bool {
        let (status, _, _) = try run(arguments: ["-c", "import \(module)"], input: "")
        if status == 0 { return true }
        let reason = "Python module \(module) is missing (pip install \(pipPackage))"
        if ProcessInfo.processInfo.environment["CI"] != nil { throw Unavailable(description: reason) }
        print("skipped: \(reason)")
        return false
    }

    /// Runs `python3 -c script` with `input` on standard input; returns status, stdout, stderr.
    static func run(script: String, input: String) throws -> (Int32, String, String) {
        try run(arguments: ["-c", script], input: input)
    }

    private static func run(arguments: [String], input: String) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both pipes concurrently with the write, so no pipe can fill up and block Python.
        let out = OutputBox(), err = OutputBox()
        Thread { out.set(stdout.fileHandleForReading.readDataToEndOfFile()) }.start()
        Thread { err.set(stderr.fileHandleForReading.readDataToEndOfFile()) }.start()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out.wait(), as: UTF8.self),
                String(decoding: err.wait(), as: UTF8.self))
    }
}

/// Hands a reader thread's output to the test thread (guarded by its condition).
private final class OutputBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Data?

    func set(_ data: Data) {
        condition.lock()
        result = data
        condition.signal()
        condition.unlock()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result ?? Data()
    }
}
