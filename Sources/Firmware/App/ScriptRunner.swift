import Foundation
import Synchronization

/// Runs a control-protocol script: one request per line (blank lines and lines starting with
/// `#` are skipped), each answered before the next is sent; replies go to `output`.
public enum ScriptRunner {
    /// The outcome of a script.
    public struct Outcome: Sendable, Equatable {
        /// Requests sent.
        public var requests: Int
        /// Requests answered with `"ok":false`.
        public var errors: Int
        /// The line number of the `wait` that failed (the script stops there), if any.
        public var failedWaitLine: Int?
    }

    /// Runs `text` against `dispatcher`, writing each reply line to `output`.
    public static func run(_ text: String, dispatcher: ControlDispatcher, output: (String) -> Void) -> Outcome {
        var outcome = Outcome(requests: 0, errors: 0, failedWaitLine: nil)
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let reply = send(line, to: dispatcher)
            output(reply)
            outcome.requests += 1
            guard reply.contains("\"ok\":false") else { continue }
            outcome.errors += 1
            if isWait(line) {
                outcome.failedWaitLine = index + 1
                return outcome
            }
        }
        return outcome
    }

    /// Sends one line and blocks until its reply.
    static func send(_ line: String, to dispatcher: ControlDispatcher) -> String {
        let done = DispatchSemaphore(value: 0)
        let box = ReplyBox()
        dispatcher.handle(line: line) { reply in
            box.set(reply)
            done.signal()
        }
        done.wait()
        return box.value
    }

    private static func isWait(_ line: String) -> Bool {
        (try? ControlRequest(line: line))?.op == "wait"
    }
}

/// Carries a reply from the loop thread to the waiting script thread.
private final class ReplyBox: Sendable {
    private let stored = Mutex("")

    func set(_ value: String) {
        stored.withLock { $0 = value }
    }

    var value: String { stored.withLock { $0 } }
}
