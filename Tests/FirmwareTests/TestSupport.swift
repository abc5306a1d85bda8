import Foundation
import HAL
import Logging
import Terminal
@testable import Firmware

/// A fast, deterministic password hasher for tests (the real one is PBKDF2 and slow on purpose).
struct FastTestHasher: PasswordHashing {
    func hash(password: String) -> PasswordHash {
        PasswordHash(scheme: "test", salt: [1], digest: Array(password.utf8).map { $0 ^ 0x5A })
    }

    func verify(password: String, against stored: PasswordHash) -> Bool {
        stored.scheme == "test" && stored.digest == Array(password.utf8).map { $0 ^ 0x5A }
    }
}

/// A terminal on the mock board with simulated time, its loop running on its own thread, driven
/// through the control protocol exactly as a script or rig would.
final class SimulatedTerminal: Sendable {
    let runtime: TerminalRuntime
    let dispatcher: ControlDispatcher
    let store: InMemoryTerminalStore

    init(store: InMemoryTerminalStore = InMemoryTerminalStore(), boardText: String? = nil) throws {
        let board = try BoardLoader.parse(boardText ?? Self.mockBoardText, file: "test.yaml")
        let loop = EventLoop(mode: .simulated(startWallTimeMilliseconds: 1_795_222_800_000))
        let devices = try BoardWiring.devices(for: board, loop: loop)
        self.store = store
        runtime = TerminalRuntime(loop: loop, devices: devices, store: store,
                                  services: TerminalServices(passwords: FastTestHasher()),
                                  logger: Logger(label: "test"))
        dispatcher = ControlDispatcher(runtime: runtime)
        loop.start(name: "test.loop")
    }

    deinit {
        runtime.loop.stop()
    }

    /// Sends one request line and returns the decoded reply.
    @discardableResult
    func send(_ line: String) -> [String: Any] {
        let reply = ScriptRunner.send(line, to: dispatcher)
        return (try? JSONSerialization.jsonObject(with: Data(reply.utf8))) as? [String: Any] ?? ["unparsable": reply]
    }

    /// Sends a line and returns the raw reply text.
    func sendRaw(_ line: String) -> String {
        ScriptRunner.send(line, to: dispatcher)
    }

    static var mockBoardText: String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("boards/mock.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}
