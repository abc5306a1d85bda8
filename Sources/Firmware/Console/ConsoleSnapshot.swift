import Foundation
import HAL
import Synchronization

/// What the console draws, copied off the loop thread in one go.
struct ConsoleSnapshot: Sendable {
    var frame: DisplayFrame?
    var poweredOn: Bool
    var printerStatus: PrinterStatus
    var linkUp: Bool
    var cardPresent: Bool
    var pinPadCollecting: Bool
    var lastPrinted: PrintedDocumentSummary?

    /// The newest printed document's kind and first lines.
    struct PrintedDocumentSummary: Sendable {
        var kind: String
        var text: String
    }

    /// Copies the runtime's observable state on its loop thread and waits for it.
    static func capture(_ runtime: TerminalRuntime) -> ConsoleSnapshot {
        let result = Mutex<ConsoleSnapshot?>(nil)
        let done = DispatchSemaphore(value: 0)
        runtime.loop.post {
            let mocks = runtime.devices.mocks
            let last = mocks.map(\.printer).flatMap { printer in
                printer.printed(since: printer.lastSequence > 0 ? printer.lastSequence - 1 : 0).last
            }
            let snapshot = ConsoleSnapshot(
                frame: runtime.currentFrame, poweredOn: runtime.isPoweredOn,
                printerStatus: runtime.devices.printer.status, linkUp: runtime.devices.link.isNetworkUp,
                cardPresent: mocks?.cardReader.cardPresent ?? false, pinPadCollecting: mocks?.pinPad.isCollecting ?? false,
                lastPrinted: last.map { PrintedDocumentSummary(kind: $0.kind.rawValue, text: $0.text) })
            result.withLock { $0 = snapshot }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 } ?? ConsoleSnapshot(frame: nil, poweredOn: false, printerStatus: .offline, linkUp: false,
                                                          cardPresent: false, pinPadCollecting: false, lastPrinted: nil)
    }
}
