import Foundation
import HAL
import HALLinux
import Logging
import Terminal

/// The console front end of `make run`: draws the terminal's display in the user's terminal,
/// maps PC keys to the keypad, and offers a `:` command line that speaks the control protocol.
///
/// Keys: digits and `.` type; Enter = ENTER; Esc = CANCEL; Backspace = CLEAR; arrows = UP/DOWN;
/// F1–F4; `m` = MENU; `:` opens the command line; Ctrl-C or `:quit` leaves.
final class ConsoleFrontEnd {
    private let assembly: PostermApp.Assembly
    private let logger: Logger
    private var commandLine: String?
    private var lastReply = "Type : for device commands (help lists them); Ctrl-C quits."
    private var lastDrawn = ""

    init(assembly: PostermApp.Assembly, logger: Logger) {
        self.assembly = assembly
        self.logger = logger
    }

    /// Runs until the user quits; returns the exit status.
    func run() -> Int32 {
        let tty: ConsoleTTY
        do {
            tty = try ConsoleTTY()
        } catch {
            FileHandle.standardError.write(Data("posterm: \(error)\n".utf8))
            return PostermApp.configurationErrorStatus
        }
        tty.enterRawMode()
        defer { tty.restore() }
        while true {
            draw(on: tty)
            guard let key = tty.readKey(timeoutMilliseconds: 100) else { continue }
            if handle(key) == .quit { return 0 }
        }
    }

    private enum Outcome { case keepGoing, quit }

    private func handle(_ key: ConsoleKey) -> Outcome {
        if key == .interrupt || key == .endOfInput { return .quit }
        if var line = commandLine {
            switch key {
            case .enter:
                commandLine = nil
                return execute(line)
            case .escape:
                commandLine = nil
            case .backspace:
                if line.isEmpty { commandLine = nil } else { line.removeLast(); commandLine = line }
            case let .character(character):
                line.append(character)
                commandLine = line
            default:
                break
            }
            return .keepGoing
        }
        if key == .character(":") {
            commandLine = ""
            return .keepGoing
        }
        if let keypadKey = Self.keypadKey(for: key) {
            send(#"{"op":"keys","keys":["\#(keypadKey.rawValue)"]}"#)
        }
        return .keepGoing
    }

    /// The keypad key a PC key stands for.
    static func keypadKey(for key: ConsoleKey) -> KeypadKey? {
        switch key {
        case .enter: return .enter
        case .escape: return .cancel
        case .backspace: return .clear
        case .up: return .up
        case .down: return .down
        case let .function(number) where (1...4).contains(number):
            return [KeypadKey.f1, .f2, .f3, .f4][number - 1]
        case .character("m"), .character("M"): return .menu
        case let .character(character): return KeypadKey(rawValue: String(character))
        default: return nil
        }
    }

    private func execute(_ command: String) -> Outcome {
        let trimmed = command.trimmingCharacters(in: .whitespaces)
        if trimmed == "quit" || trimmed == "q" { return .quit }
        if trimmed == "help" {
            lastReply = ConsoleCommands.help.joined(separator: "\n")
            return .keepGoing
        }
        switch ConsoleCommands.translate(trimmed) {
        case let .success(line): lastReply = send(line)
        case let .failure(error): lastReply = error.message
        }
        return .keepGoing
    }

    @discardableResult
    private func send(_ line: String) -> String {
        ScriptRunner.send(line, to: assembly.dispatcher)
    }

    private func draw(on tty: ConsoleTTY) {
        let snapshot = ConsoleSnapshot.capture(assembly.runtime)
        let size = tty.size()
        let text = ConsoleRenderer.render(snapshot, boardName: assembly.board.name, commandLine: commandLine,
                                          message: lastReply, columns: size.columns)
        guard text != lastDrawn else { return }
        lastDrawn = text
        tty.write("\u{1B}[H\u{1B}[2J" + text)
    }
}
