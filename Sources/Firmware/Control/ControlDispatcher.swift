import Foundation
import HAL
import HALMock
import Terminal

/// Executes control-protocol requests against a running terminal. Every request runs on the
/// loop thread; `handle` posts it there and calls `reply` (from the loop thread) with one JSON
/// line when it completes — at once for most ops, later for `wait` and `advance`.
public final class ControlDispatcher: Sendable {
    /// The terminal under control.
    public let runtime: TerminalRuntime

    /// Creates a dispatcher for `runtime`.
    public init(runtime: TerminalRuntime) {
        self.runtime = runtime
    }

    /// Parses `line`, runs it on the loop once the loop has nothing else to do at this instant,
    /// and answers through `reply` exactly once.
    public func handle(line: String, reply: @escaping @Sendable (String) -> Void) {
        let request: ControlRequest
        do {
            request = try ControlRequest(line: line)
        } catch {
            reply(ControlReply.failure(error, id: nil))
            return
        }
        runtime.loop.postRequest { [self] in
            run(request, reply: reply)
        }
    }

    private func run(_ request: ControlRequest, reply: @escaping @Sendable (String) -> Void) {
        let id = request.id
        let answer: @Sendable (Result<[String: Any], ControlError>) -> Void = { result in
            switch result {
            case let .success(fields): reply(ControlReply.success(fields, id: id))
            case let .failure(error): reply(ControlReply.failure(error, id: id))
            }
        }
        do {
            switch request.op {
            case "wait":
                try wait(request, answer: answer)
            case "advance":
                try advance(request, answer: answer)
            default:
                answer(.success(try runImmediate(request)))
            }
        } catch {
            answer(.failure(error))
        }
    }

    private func runImmediate(_ request: ControlRequest) throws(ControlError) -> [String: Any] {
        switch request.op {
        case "version":
            return ["protocol": controlProtocolVersion, "firmware": "posterm"]
        case "status":
            return StatusReport.make(runtime)
        case "screen":
            return screenFields()
        case "printed":
            return try printed(request)
        case "power":
            return try power(request)
        case "fault":
            return try DeviceControl.fault(request, runtime: runtime)
        case "host":
            return try HostControl.run(request, host: runtime.devices.embeddedHost)
        case "keys", "card", "pinpad", "scan":
            try requirePower()
            return try DeviceControl.operate(request, mocks: runtime.devices.mocks)
        default:
            throw ControlError("unknown_op", "unknown op '\(request.op)' (ops: \(Self.ops.joined(separator: ", ")))")
        }
    }

    /// Every op the protocol knows, for the error message and the docs test.
    static let ops = ["keys", "card", "pinpad", "scan", "screen", "printed", "status", "wait", "advance", "fault", "power", "version", "host"]

    private func requirePower() throws(ControlError) {
        guard runtime.isPoweredOn else { throw ControlError("powered_off", "the terminal is off; send {\"op\":\"power\",\"action\":\"on\"}") }
    }

    private func screenFields() -> [String: Any] {
        guard let frame = runtime.currentFrame else { return ["screen": NSNull(), "title": "", "lines": [String]()] }
        var fields: [String: Any] = ["screen": frame.screenID, "title": frame.title, "lines": frame.lines]
        if let highlighted = frame.highlighted { fields["highlighted"] = highlighted }
        return fields
    }

    private func printed(_ request: ControlRequest) throws(ControlError) -> [String: Any] {
        let since = try request.integer("since", default: 0, range: 0...Int64.max)
        guard let printer = runtime.devices.mocks?.printer else {
            throw ControlError("not_simulated", "the printer is not a mock on this board")
        }
        let documents = printer.printed(since: UInt64(since)).map { document -> [String: Any] in
            ["seq": document.sequence, "job": document.job, "kind": document.kind.rawValue,
             "text": document.text, "complete": document.complete]
        }
        return ["documents": documents, "last": printer.lastSequence]
    }

    private func power(_ request: ControlRequest) throws(ControlError) -> [String: Any] {
        switch try request.string("action") {
        case "cut":
            runtime.powerCut()
        case "on":
            do { try runtime.powerOn() } catch {
                throw ControlError("storage_failed", "the journal could not be read: \(error)")
            }
        case let other:
            throw ControlError("bad_argument", "power action must be \"cut\" or \"on\", got '\(other)'")
        }
        return ["power": runtime.isPoweredOn ? "on" : "off"]
    }

    /// `wait`: answers when the screen shows, or `timeout` after `timeout_ms` of loop time.
    private func wait(_ request: ControlRequest, answer: @escaping @Sendable (Result<[String: Any], ControlError>) -> Void) throws(ControlError) {
        let screen = try request.string("screen")
        // A misspelt id would only time out; say so at once instead.
        guard TerminalMachine.screenIDs.contains(screen) else {
            throw ControlError("unknown_screen", "no screen has the id '\(screen)' (docs/screens.md lists them)")
        }
        let timeout = try request.integer("timeout_ms", default: 5_000, range: 0...86_400_000)
        let loop = runtime.loop
        let state = WaitState()
        loop.beginTimeDemand()
        let startedAt = loop.now
        let timer = loop.schedule(afterMilliseconds: timeout) { [runtime] in
            guard state.finish() else { return }
            runtime.removeObserver(state.observer)
            loop.endTimeDemand()
            let current = runtime.currentFrame?.screenID ?? "none"
            answer(.failure(ControlError("timeout", "screen '\(screen)' did not show within \(timeout) ms (showing '\(current)')")))
        }
        state.observer = runtime.observe { runtime in
            guard runtime.currentFrame?.screenID == screen else { return false }
            guard state.finish() else { return true }
            loop.cancel(timer)
            loop.endTimeDemand()
            answer(.success(["screen": screen, "waited_ms": loop.now - startedAt]))
            return true
        }
    }

    /// `advance`: lets `ms` of simulated time pass, running every timer due on the way.
    private func advance(_ request: ControlRequest, answer: @escaping @Sendable (Result<[String: Any], ControlError>) -> Void) throws(ControlError) {
        let milliseconds = try request.integer("ms", range: 0...86_400_000 * 31)
        let loop = runtime.loop
        guard loop.isSimulated else {
            throw ControlError("not_simulated", "advance needs --simulated-time")
        }
        loop.beginTimeDemand()
        loop.schedule(afterMilliseconds: milliseconds) {
            loop.endTimeDemand()
            answer(.success(["now_ms": loop.now]))
        }
    }
}

/// Bookkeeping for one `wait`: whichever of match and timeout comes first wins. Loop-thread only.
private final class WaitState: @unchecked Sendable {
    var observer: UInt64 = 0
    private var done = false

    /// True the first time only.
    func finish() -> Bool {
        if done { return false }
        done = true
        return true
    }
}
