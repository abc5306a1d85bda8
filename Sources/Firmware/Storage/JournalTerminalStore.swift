import Acquirer
import Foundation
import Journal
import Logging
import Terminal

/// The terminal's store on the journaled flash: each `.persist` group becomes one atomic
/// `JournalGroup`, and `load()` re-mounts the flash (running recovery, exactly as a real boot
/// after a power cut would) and rebuilds the terminal's state from it.
///
/// Layout in the journal's key-value space (values are JSON, keys sorted):
/// `config` → `TerminalConfiguration`; `operator/NN` → `OperatorRecord` (password as a salted
/// PBKDF2 hash); `audit/000000000042` → `AuditEntry`; counter `audit` → entries so far;
/// `host` → `HostClientRecord` (trace counter, batch, sealed MAK, sealed write-ahead reversal);
/// the journal's log → one `TransactionRecord` per transaction (order number = its sequence,
/// trace number = its STAN), counter `transactions` → records so far.
///
/// Thread confinement: the runtime calls it on the loop thread only, hence `@unchecked Sendable`
/// around the non-Sendable `JournalStore`.
public final class JournalTerminalStore: TerminalStore, @unchecked Sendable {
    /// Opens the device for each mount: the file image is reopened, RAM flash is reused.
    private let openDevice: () throws -> any FlashDevice
    private let logger: Logger
    private var journal: JournalStore?
    /// Records that could not be read at the last load (damaged media or undecodable JSON); the
    /// terminal starts without them and `status` lists them.
    public private(set) var loadProblems: [String] = []

    /// A store over a device that `openDevice` returns (formatting it when it is blank).
    public init(logger: Logger, openDevice: @escaping () throws -> any FlashDevice) {
        self.openDevice = openDevice
        self.logger = logger
    }

    /// A store over a flash image file: created and formatted (4 MiB, W25Q128 geometry) when the
    /// file does not exist; refused with a clear error when it exists with another geometry or is
    /// not a posterm image.
    public static func fileBacked(path: String, logger: Logger) -> JournalTerminalStore {
        JournalTerminalStore(logger: logger) {
            let geometry = FlashGeometry.w25q128(sectors: 1024)
            if FileManager.default.fileExists(atPath: path) {
                return try FileFlash.open(path: path, expecting: geometry)
            }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // Build the image beside its final name and rename it into place, so a kill -9
            // while creating never leaves an unformatted image behind.
            let staging = path + ".new"
            try JournalStore.format(try FileFlash.create(path: staging, geometry: geometry))
            guard rename(staging, path) == 0 else {
                throw JournalError.invalidRequest("cannot move the new flash image to \(path) (errno \(errno))")
            }
            return try FileFlash.open(path: path, expecting: geometry)
        }
    }

    /// A store on emulated flash in RAM (survives a simulated power cut, not the process).
    public static func inMemory(logger: Logger, sectors: Int = 256) -> JournalTerminalStore {
        let flash = MemoryFlash(geometry: .w25q128(sectors: sectors))
        var formatted = false
        return JournalTerminalStore(logger: logger) {
            if !formatted {
                try JournalStore.format(flash)
                formatted = true
            }
            return flash
        }
    }

    /// Mounts the journal (recovery included) and reads the terminal's state out of it.
    public func load() throws -> RecoveredState {
        let journal = try JournalStore(mounting: try openDevice())
        self.journal = journal
        if let reason = journal.readOnlyReason {
            logger.error("journal mounted read-only: \(reason)")
        }
        var problems: [String] = []
        var state = RecoveredState()
        state.configuration = decode(TerminalConfiguration.self, key: StoreKeys.configuration, from: journal, problems: &problems)
        for key in journal.keys(withPrefix: StoreKeys.operatorPrefix) {
            if let record = decode(OperatorRecord.self, key: key, from: journal, problems: &problems) {
                state.operators.append(record)
            }
        }
        state.auditCount = journal.counter(StoreKeys.auditCounter)
        state.hostRecord = decode(HostClientRecord.self, key: StoreKeys.hostRecord, from: journal, problems: &problems)
        state.transactionCount = journal.counter(StoreKeys.transactionCounter)
        loadProblems = problems
        for problem in problems { logger.error("journal: \(problem)") }
        return state
    }

    /// Commits the group atomically and durably (the file image is synced before this returns).
    public func commit(_ changes: [StoreChange]) throws {
        guard let journal else { throw JournalError.invalidRequest("the journal is not mounted") }
        var group = JournalGroup()
        for change in changes {
            switch change {
            case let .putOperator(record):
                group.put(StoreKeys.operatorPrefix + record.number, try Self.encode(record))
            case let .removeOperator(number):
                group.delete(StoreKeys.operatorPrefix + number)
            case let .putConfiguration(configuration):
                group.put(StoreKeys.configuration, try Self.encode(configuration))
            case let .appendAudit(entry):
                group.put(StoreKeys.auditKey(entry.sequence), try Self.encode(entry))
                group.advance(StoreKeys.auditCounter, to: entry.sequence + 1)
            case let .putHostRecord(record):
                group.put(StoreKeys.hostRecord, try Self.encode(record))
            case let .appendTransaction(record):
                group.append(orderNumber: record.sequence, traceNumber: UInt64(max(0, record.stan)),
                             batch: UInt64(max(0, record.batch)), payload: try Self.encode(record))
                group.advance(StoreKeys.transactionCounter, to: record.sequence + 1)
            }
        }
        _ = try journal.commit(group)
    }

    private func decode<Value: Decodable>(_ type: Value.Type, key: String, from journal: JournalStore, problems: inout [String]) -> Value? {
        do {
            guard let bytes = try journal.value(forKey: key) else { return nil }
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch let error as JournalError {
            problems.append("\(key): \(error)")
        } catch {
            problems.append("\(key): not a valid \(Value.self) record")
        }
        return nil
    }

    private static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }
}

/// The keys and counters the terminal's state uses in the journal.
enum StoreKeys {
    static let configuration = "config"
    static let operatorPrefix = "operator/"
    static let auditCounter = "audit"
    static let hostRecord = "host"
    static let transactionCounter = "transactions"

    /// `audit/` and the sequence number zero-padded to 12 digits, so keys sort in order.
    static func auditKey(_ sequence: UInt64) -> String {
        let digits = String(sequence)
        return "audit/" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
