import ArgumentParser
import Firmware
import Foundation
import Logging

/// The `posterm` command: payment-terminal firmware.
@main
struct Posterm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posterm",
        abstract: "Payment-terminal firmware: runs a board (the mock board by default).",
        discussion: """
        Quick start: `posterm run` draws the terminal in this window on the mock board, with \
        every device simulated and the acquirer host inside the process. Sign in with ENTER, \
        operator 99, password 12345678 (the factory admin). Press : for device commands \
        (swipe a card, type a PIN, pull the paper).

        Test rigs and scripts: `posterm run --headless --control tcp:127.0.0.1:7000` serves the \
        control protocol (docs/control-protocol.md); `--script FILE --simulated-time --seed 1` \
        replays a script on virtual time and prints every reply.
        """,
        subcommands: [Run.self],
        defaultSubcommand: Run.self)
}

/// `posterm run`: boots the terminal.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Boot the terminal on a board.",
        discussion: "Exit status: 0 done, 1 a script's wait failed or the terminal failed, 2 bad board file or option.")

    @Option(help: "Board file, or a name from ./boards (e.g. mock).")
    var board = "mock"

    @Option(name: .customLong("port"), help: ArgumentHelp("Override a role's port or path (repeatable).", valueName: "ROLE=PATH"))
    var ports: [String] = []

    @Option(help: ArgumentHelp("Flash image file (default: the board's, ~/.local/share/posterm/flash.img).", valueName: "PATH"))
    var flash: String?

    @Flag(help: "No console: do not draw the screen or read the keyboard.")
    var headless = false

    @Option(help: ArgumentHelp("Run a control-protocol script (JSON Lines) and print the replies.", valueName: "FILE"))
    var script: String?

    @Option(help: ArgumentHelp("Serve the control protocol (repeatable).", valueName: "tcp:HOST:PORT|unix:PATH"))
    var control: [String] = []

    @Option(help: "Seed for everything random, for reproducible runs.")
    var seed: UInt64?

    @Flag(help: "Run on virtual time: timers fire only when a wait or advance asks for time.")
    var simulatedTime = false

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(help: ArgumentHelp("Write logs to this file (default: standard error; the console writes them to posterm.log beside the flash image).", valueName: "PATH"))
    var logFile: String?

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        for endpoint in control {
            do { _ = try ControlEndpoint(parsing: endpoint) } catch { throw ValidationError(error.message) }
        }
    }

    func run() throws {
        var options = FirmwareOptions()
        options.board = board
        options.portOverrides = ports
        options.flashPath = flash
        options.headless = headless || script != nil
        options.scriptPath = script
        options.controlEndpoints = control.compactMap { try? ControlEndpoint(parsing: $0) }
        options.seed = seed
        options.simulatedTime = simulatedTime
        options.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        options.logFile = logFile
        let logger = LogSetup.bootstrap(options)
        let status = PostermApp.run(options, logger: logger)
        if status != 0 { throw ExitCode(status) }
    }
}
