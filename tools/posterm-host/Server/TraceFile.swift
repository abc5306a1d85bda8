import AcquirerHost
import Foundation

/// The `--trace` file: one `TraceRecord` per line (JSON Lines), appended as frames pass.
public final class TraceFile: @unchecked Sendable {
    // Unchecked: every access to the handle and encoder happens under `lock`.
    private let lock = NSLock()
    private let handle: FileHandle
    private let encoder: JSONEncoder

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Appends one record; a failed write is dropped (tracing never stops the host).
    public func write(_ record: TraceRecord) {
        lock.lock()
        defer { lock.unlock() }
        guard var line = try? encoder.encode(record) else { return }
        line.append(0x0A)
        try? handle.write(contentsOf: line)
    }

    deinit {
        try? handle.close()
    }
}
