import Foundation

/// Where ledger entries are kept: an append-only JSON Lines file (one `LedgerEntry` per line,
/// reloaded at start) or memory only.
public final class LedgerStore: @unchecked Sendable {
    // Unchecked: the engine calls `append` only while holding its state lock.
    private let handle: FileHandle?
    /// The file path, nil when in memory.
    public let path: String?

    /// A ledger in memory only.
    public init() {
        handle = nil
        path = nil
    }

    /// Opens (creating it if needed) the ledger file at `path` for appending and returns it with
    /// the entries already in it. A line that does not decode stops the load with its number.
    public static func open(path: String) throws(HostConfigurationError) -> (LedgerStore, [LedgerEntry]) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil) else {
                throw .unreadable(path: path, reason: "cannot create the ledger file")
            }
        }
        let data = try readFile(path)
        var entries: [LedgerEntry] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.isEmpty else { continue }
            do {
                entries.append(try decoder.decode(LedgerEntry.self, from: Data(line)))
            } catch {
                throw .invalidLedgerLine(line: lineNumber, reason: describe(error))
            }
        }
        // A crash mid-line would leave a partial last line; it fails the decode above rather
        // than being silently appended to.
        if let last = data.last, last != 0x0A {
            throw .invalidLedgerLine(line: lineNumber, reason: "last line is not terminated")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .unreadable(path: path, reason: "cannot open the ledger for appending")
        }
        do {
            try handle.seekToEnd()
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return (LedgerStore(handle: handle, path: path), entries)
    }

    private init(handle: FileHandle, path: String) {
        self.handle = handle
        self.path = path
    }

    /// Appends one entry as a line. Entries are written through to the file at once (no
    /// buffering in the process), so a killed host loses at most the line being written.
    func append(_ entry: LedgerEntry) throws(HostConfigurationError) {
        guard let handle else { return }
        do {
            try handle.write(contentsOf: entry.jsonLine)
        } catch {
            throw .unreadable(path: path ?? "ledger", reason: "append failed: \(error.localizedDescription)")
        }
    }

    deinit {
        try? handle?.close()
    }
}
