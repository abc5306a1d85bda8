import Foundation
import HAL
import Logging
import Terminal

/// Starts the firmware as the command line asks: loads the board, builds the devices and the
/// store, boots the terminal on its loop, opens control servers, then runs a script, the
/// console, or (headless) waits for SIGINT/SIGTERM.
public enum PostermApp {
    /// Exit status for a usage or configuration error (bad board file, bad flag).
    public static let configurationErrorStatus: Int32 = 2

    /// Everything a run is made of, assembled and booted but not yet driven.
    public struct Assembly: Sendable {
        /// The validated board.
        public let board: BoardDescription
        /// The loop (already started on its thread).
        public let loop: EventLoop
        /// The runtime (already powered on).
        public let runtime: TerminalRuntime
        /// The control dispatcher.
        public let dispatcher: ControlDispatcher
    }

    /// Loads the board and boots the terminal. Throws `BoardError` for board problems and
    /// `StartupError` for anything else that stops the terminal from starting.
    public static func assemble(_ options: FirmwareOptions, logger: Logger) throws -> Assembly {
        var board = try BoardLoader.load(options.board)
        for assignment in options.portOverrides {
            try board.overridePort(assignment)
        }
        if let flash = options.flashPath {
            try board.overridePort("flash=\(flash)")
        }
        let mode: LoopClockMode = options.simulatedTime
            ? .simulated(startWallTimeMilliseconds: options.simulatedStartMilliseconds) : .live
        let loop = EventLoop(mode: mode)
        let devices = try BoardWiring.devices(for: board, loop: loop, seed: options.seed ?? 0)
        let store = StoreFactory.makeStore(for: board, logger: logger)
        let runtime = TerminalRuntime(loop: loop, devices: devices, store: store,
                                      services: TerminalServices(passwords: PasswordHasher(seed: options.seed)), logger: logger)
        let dispatcher = ControlDispatcher(runtime: runtime)
        loop.start()
        let booted = ScriptRunner.send(#"{"op":"power","action":"on"}"#, to: dispatcher)
        guard booted.contains("\"ok\":true") else {
            loop.stop()
            throw StartupError(message: "the terminal did not boot: \(booted)")
        }
        return Assembly(board: board, loop: loop, runtime: runtime, dispatcher: dispatcher)
    }

    /// Runs the firmware to completion and returns the process exit status.
    public static func run(_ options: FirmwareOptions, logger: Logger) -> Int32 {
        let assembly: Assembly
        do {
            assembly = try assemble(options, logger: logger)
        } catch let error as BoardError {
            FileHandle.standardError.write(Data("posterm: board error: \(error)\n".utf8))
            return configurationErrorStatus
        } catch {
            FileHandle.standardError.write(Data("posterm: \(error)\n".utf8))
            return 1
        }
        // The server's thread exists only when a control endpoint is asked for.
        let server = options.controlEndpoints.isEmpty ? nil : ControlServer(dispatcher: assembly.dispatcher, logger: logger)
        defer { server?.shutdown() }
        for endpoint in options.controlEndpoints {
            guard let server else { break }
            do {
                let bound = try server.listen(on: endpoint)
                FileHandle.standardError.write(Data("posterm: control protocol on \(bound)\n".utf8))
            } catch {
                FileHandle.standardError.write(Data("posterm: cannot listen on \(endpoint): \(error)\n".utf8))
                return configurationErrorStatus
            }
        }
        if let scriptPath = options.scriptPath {
            return runScript(at: scriptPath, assembly: assembly, keepServing: !options.controlEndpoints.isEmpty)
        }
        if options.headless {
            waitForTerminationSignal()
            return 0
        }
        return ConsoleFrontEnd(assembly: assembly, logger: logger).run()
    }

    private static func runScript(at path: String, assembly: Assembly, keepServing: Bool) -> Int32 {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            FileHandle.standardError.write(Data("posterm: cannot read script \(path)\n".utf8))
            return configurationErrorStatus
        }
        let outcome = ScriptRunner.run(text, dispatcher: assembly.dispatcher) { reply in
            FileHandle.standardOutput.write(Data((reply + "\n").utf8))
        }
        if let line = outcome.failedWaitLine {
            FileHandle.standardError.write(Data("posterm: \(path):\(line): wait failed; script stopped\n".utf8))
            return 1
        }
        if keepServing { waitForTerminationSignal() }
        return 0
    }

    /// Blocks until SIGINT or SIGTERM.
    static func waitForTerminationSignal() {
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        sources.forEach { $0.cancel() }
    }
}

/// The terminal could not start for a reason other than the board file.
public struct StartupError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}
