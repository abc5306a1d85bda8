import AcquirerHost
import Foundation
import Testing

@Suite struct LedgerLineTests {
    @Test func handWrittenLinesDecodeBackToTheSameEntry() throws {
        var entry = LedgerEntry(sequence: 42, time: "2026-05-28T20:26:40.123Z", kind: .void, terminal: "a\"b\\c\u{01}",
                                batch: 7, stan: 999_999, code: "00")
        entry.amount = 999_999_999_999
        entry.card = "名字 with spaces"
        entry.maskedPAN = "622202******0005"
        entry.domestic = false
        entry.originalBatch = 6
        entry.originalStan = 1
        entry.originalRRN = "000000000001"
        entry.pinFailure = true
        entry.balanced = true
        entry.records = 8
        let line = entry.jsonLine
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A))
        #expect(try JSONDecoder().decode(LedgerEntry.self, from: Data(line)) == entry)
        let minimal = LedgerEntry(sequence: 1, time: "t", kind: .echo, terminal: "20000001", batch: 1, stan: 1, code: "00")
        #expect(try JSONDecoder().decode(LedgerEntry.self, from: Data(minimal.jsonLine)) == minimal)
    }

    @Test(arguments: [0.0, 1_780_000_000.125, 951_782_400.5, 4_107_542_399.75, -86_400.25])
    func traceTimesMatchFoundation(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let expected = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let recorder = TraceRecorder()
        var configuration = HostConfiguration(trace: { recorder.append($0) })
        configuration.clock = { date }
        let traced = try AcquirerHost(configuration: configuration)
        var session = HostConnectionSession(host: traced)
        var terminal = TerminalFrames()
        _ = session.receive(try terminal.signOn())
        #expect(recorder.records.first?.time == expected)
    }
}

/// Collects trace records from any thread.
final class TraceRecorder: @unchecked Sendable {
    // Unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: [TraceRecord] = []

    func append(_ record: TraceRecord) {
        lock.withLock { stored.append(record) }
    }

    var records: [TraceRecord] { lock.withLock { stored } }
}
