import Foundation
import Logging

/// Sets up swift-log for a run: standard error when headless, a file when the console owns the
/// screen (logs must never draw over the terminal's display).
public enum LogSetup {
    /// Bootstraps the logging system once and returns the firmware's logger.
    public static func bootstrap(_ options: FirmwareOptions) -> Logger {
        let path = options.logFile ?? (options.headless ? nil : defaultConsoleLogPath())
        let level = options.logLevel
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler
            if let path, let file = FileLogHandler(label: label, path: path) {
                handler = file
            } else {
                handler = StreamLogHandler.standardError(label: label)
            }
            handler.logLevel = level
            return handler
        }
        return Logger(label: "posterm")
    }

    private static func defaultConsoleLogPath() -> String {
        let flash = BoardWiring.defaultFlashImagePath()
        return (flash as NSString).deletingLastPathComponent + "/posterm.log"
    }
}

/// Appends log lines to a file (`time level label: message metadata`).
struct FileLogHandler: LogHandler {
    private let stream: FileStream
    private let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init?(label: String, path: String) {
        guard let stream = FileStream(path: path) else { return nil }
        self.stream = stream
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = ISO8601DateFormatter().string(from: Date())
        stream.append("\(time) \(event.level) \(label): \(event.message)\(details)\n")
    }
}

/// An append-only log file shared by every handler of a run.
final class FileStream: Sendable {
    private let handle: FileHandle

    init?(path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func append(_ line: String) {
        handle.write(Data(line.utf8))
    }
}
