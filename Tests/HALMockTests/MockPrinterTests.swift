import HAL
import HALMock
import Testing

@Suite struct MockPrinterTests {
    let slip = PrintDocument(kind: .merchantCopy, elements: [
        .text("POSTERM", alignment: .center, bold: true),
        .rule,
        .columns(left: "CARD", right: "622588******7890"),
        .columns(left: "AMOUNT", right: "CNY 123.45"),
    ])

    func makePrinter() -> (MockPrinter, EventLog) {
        let printer = MockPrinter(width: 32)
        let log = EventLog()
        printer.start(events: log.sink)
        return (printer, log)
    }

    @Test func recordsEachJobAsPlainTextWithSequenceNumbers() throws {
        let (printer, log) = makePrinter()
        #expect(printer.role == .printer)
        #expect(printer.status == .ok)
        #expect(printer.lastSequence == 0)
        try printer.print(slip, job: 7)
        try printer.print(PrintDocument(kind: .testPage, elements: [.text("TEST")]), job: 8)
        #expect(log.take() == [.printer(.finished(job: 7)), .printer(.finished(job: 8))])
        #expect(printer.lastSequence == 2)
        let all = printer.printed(since: 0)
        #expect(all == [
            PrintedDocument(sequence: 1, job: 7, kind: .merchantCopy, text: slip.plainText(width: 32), complete: true),
            PrintedDocument(sequence: 2, job: 8, kind: .testPage, text: "TEST", complete: true),
        ])
        #expect(printer.printed(since: 1).map(\.job) == [8])
        #expect(printer.printed(since: 2).isEmpty)
        #expect(printer.printed(since: 99).isEmpty)
    }

    @Test func usesTheConfiguredWidth() throws {
        let printer = MockPrinter(width: 48)
        try printer.print(slip, job: 1)
        #expect(printer.printed(since: 0).first?.text == slip.plainText(width: 48))
        #expect(printer.printed(since: 0).first?.text.contains(String(repeating: "-", count: 48)) == true)
    }

    @Test(arguments: [
        ("paper_out", PrinterStatus.paperOut, HALError.Kind.hardwareFault),
        ("cover_open", .coverOpen, .hardwareFault),
        ("offline", .offline, .disconnected),
    ])
    func statusFaultsRefuseJobs(fault: String, status: PrinterStatus, kind: HALError.Kind) throws {
        let (printer, log) = makePrinter()
        try printer.setFault(fault, active: true)
        #expect(printer.status == status)
        #expect(log.take() == [.printer(.status(status))])
        #expect(halError { () throws(HALError) in try printer.print(slip, job: 1) }?.kind == kind)
        #expect(printer.lastSequence == 0)
        try printer.setFault(fault, active: true)
        try printer.setFault(fault, active: false)
        #expect(log.take() == [.printer(.status(.ok))])
        try printer.print(slip, job: 2)
        #expect(log.take() == [.printer(.finished(job: 2))])
    }

    @Test func statusFollowsTheMostSeriousFault() throws {
        let (printer, log) = makePrinter()
        try printer.setFault("paper_out", active: true)
        try printer.setFault("cover_open", active: true)
        try printer.setFault("offline", active: true)
        try printer.setFault("paper_out", active: false)
        try printer.setFault("offline", active: false)
        try printer.setFault("cover_open", active: false)
        #expect(log.take() == [
            .printer(.status(.paperOut)), .printer(.status(.coverOpen)), .printer(.status(.offline)),
            .printer(.status(.coverOpen)), .printer(.status(.ok)),
        ])
    }

    @Test func paperOutMidJobPrintsHalfAndFailsTheJob() throws {
        let (printer, log) = makePrinter()
        try printer.setFault("paper_out_mid_job", active: true)
        #expect(log.take().isEmpty)
        #expect(printer.status == .ok)
        try printer.print(slip, job: 3)
        #expect(log.take() == [
            .printer(.status(.paperOut)),
            .printer(.failed(job: 3, HALError(.hardwareFault, role: .printer, "paper ran out during the job"))),
        ])
        let lines = slip.plainText(width: 32).split(separator: "\n", omittingEmptySubsequences: false)
        let partial = printer.printed(since: 0)
        #expect(partial.count == 1)
        #expect(partial.first?.complete == false)
        #expect(partial.first?.text == lines.prefix(2).joined(separator: "\n"))
        #expect(printer.activeFaults == ["paper_out"])
        #expect(halError { () throws(HALError) in try printer.print(slip, job: 4) }?.kind == .hardwareFault)
        // Loading paper lets the job be printed again, completely.
        try printer.setFault("paper_out", active: false)
        try printer.print(slip, job: 3)
        #expect(log.take() == [.printer(.status(.ok)), .printer(.finished(job: 3))])
        #expect(printer.printed(since: 1).first?.complete == true)
    }

    @Test func keepsOnlyTheLatestDocuments() throws {
        let printer = MockPrinter(retainedDocuments: 3)
        for job in 1...5 { try printer.print(PrintDocument(kind: .report, elements: [.text("\(job)")]), job: UInt64(job)) }
        #expect(printer.printed(since: 0).map(\.sequence) == [3, 4, 5])
        #expect(printer.lastSequence == 5)
    }

    @Test func reportsANonOkStatusAtStartAndRejectsUnknownFaults() throws {
        let printer = MockPrinter()
        try printer.setFault("cover_open", active: true)
        let log = EventLog()
        printer.start(events: log.sink)
        #expect(log.take() == [.printer(.status(.coverOpen))])
        printer.stop()
        try printer.setFault("cover_open", active: false)
        #expect(log.take().isEmpty)
        #expect(printer.supportedFaults == ["paper_out", "cover_open", "offline", "paper_out_mid_job"])
        #expect(controlErrorCode { () throws(MockControlError) in try printer.setFault("unplugged", active: true) } == "unknown_fault")
    }
}
