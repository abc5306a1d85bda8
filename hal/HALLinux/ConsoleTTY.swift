#if canImport(Glibc)
import Glibc
#endif

/// A key read from the user's terminal by `ConsoleTTY`.
public enum ConsoleKey: Sendable, Hashable {
    /// A printable character.
    case character(Character)
    /// Enter / Return.
    case enter
    /// Escape pressed alone.
    case escape
    /// Backspace / Delete.
    case backspace
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Function key F1…F12.
    case function(Int)
    /// Ctrl-C.
    case interrupt
    /// Ctrl-D.
    case endOfInput
}

/// The user's terminal in raw mode, for the console front end: reads keys (with escape
/// sequences decoded), writes frames, and always gives the terminal back as it found it — on
/// normal exit, on Ctrl-C, on SIGTERM/SIGHUP and on a crash signal.
public final class ConsoleTTY: @unchecked Sendable {
    private let input: Int32
    private let output: Int32
    private var pending: [UInt8] = []

    /// Opens the console on standard input and output. Throws when standard input is not a
    /// terminal (use `--headless` then).
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws(ConsoleUnavailable) {
        guard isatty(input) == 1, isatty(output) == 1 else {
            throw ConsoleUnavailable("standard input/output is not a terminal; run with --headless")
        }
        self.input = input
        self.output = output
    }

    /// Switches to raw mode and the alternate screen, and installs the restoring signal handlers.
    public func enterRawMode() {
        var original = termios()
        tcgetattr(input, &original)
        ConsoleRestore.save(original, fd: input, outputFD: output)
        var raw = original
        cfmakeraw(&raw)
        // Keep output post-processing so "\n" still returns the carriage.
        raw.c_oflag |= tcflag_t(OPOST)
        tcsetattr(input, TCSANOW, &raw)
        write("\u{1B}[?1049h\u{1B}[?25l")
        ConsoleRestore.installSignalHandlers()
    }

    /// Restores the terminal (mode, cursor, main screen). Safe to call more than once.
    public func restore() {
        ConsoleRestore.restoreNow()
    }

    /// The terminal's size in columns and rows (80x24 when unknown).
    public func size() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Writes text to the terminal.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
        bytes.removeAll()
    }

    /// Waits up to `timeoutMilliseconds` for a key; nil when none came.
    public func readKey(timeoutMilliseconds: Int32) -> ConsoleKey? {
        if pending.isEmpty {
            guard fill(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        }
        return decodeKey()
    }

    /// Reads what is available into `pending`; false on timeout or error.
    private func fill(timeoutMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if count == 0 {
            // End of input reads as Ctrl-D.
            pending.append(0x04)
            return true
        }
        guard count > 0 else { return false }
        pending.append(contentsOf: buffer[0..<count])
        return true
    }

    private func decodeKey() -> ConsoleKey? {
        guard let first = pending.first else { return nil }
        switch first {
        case 0x1B:
            // An escape sequence arrives in one read; give a lone ESC a moment to be followed.
            if pending.count == 1, !fill(timeoutMilliseconds: 30) {
                pending.removeFirst()
                return .escape
            }
            return decodeEscape()
        case 0x0D, 0x0A:
            pending.removeFirst()
            return .enter
        case 0x7F, 0x08:
            pending.removeFirst()
            return .backspace
        case 0x03:
            pending.removeFirst()
            return .interrupt
        case 0x04:
            pending.removeFirst()
            return .endOfInput
        default:
            return decodeCharacter()
        }
    }

    private func decodeEscape() -> ConsoleKey? {
        let sequences: [([UInt8], ConsoleKey)] = [
            (Array("\u{1B}[A".utf8), .up), (Array("\u{1B}[B".utf8), .down),
            (Array("\u{1B}[C".utf8), .right), (Array("\u{1B}[D".utf8), .left),
            (Array("\u{1B}OA".utf8), .up), (Array("\u{1B}OB".utf8), .down),
            (Array("\u{1B}OP".utf8), .function(1)), (Array("\u{1B}OQ".utf8), .function(2)),
            (Array("\u{1B}OR".utf8), .function(3)), (Array("\u{1B}OS".utf8), .function(4)),
            (Array("\u{1B}[11~".utf8), .function(1)), (Array("\u{1B}[12~".utf8), .function(2)),
            (Array("\u{1B}[13~".utf8), .function(3)), (Array("\u{1B}[14~".utf8), .function(4)),
            (Array("\u{1B}[[A".utf8), .function(1)), (Array("\u{1B}[[B".utf8), .function(2)),
            (Array("\u{1B}[[C".utf8), .function(3)), (Array("\u{1B}[[D".utf8), .function(4)),
            (Array("\u{1B}[3~".utf8), .backspace),
        ]
        for (bytes, key) in sequences where pending.starts(with: bytes) {
            pending.removeFirst(bytes.count)
            return key
        }
        // An unknown sequence: drop ESC and its CSI parameters up to the final byte.
        pending.removeFirst()
        if pending.first == UInt8(ascii: "[") || pending.first == UInt8(ascii: "O") {
            pending.removeFirst()
            while let byte = pending.first, (0x20...0x3F).contains(byte) { pending.removeFirst() }
            if !pending.isEmpty { pending.removeFirst() }
            return nil
        }
        return .escape
    }

    private func decodeCharacter() -> ConsoleKey? {
        // One UTF-8 scalar: its length comes from the lead byte.
        let lead = pending[0]
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 1
        if pending.count < length { _ = fill(timeoutMilliseconds: 30) }
        let take = min(length, pending.count)
        let bytes = Array(pending.prefix(take))
        pending.removeFirst(take)
        guard let text = String(validating: bytes, as: UTF8.self), let character = text.first else { return nil }
        if character.isASCII, let ascii = character.asciiValue, ascii < 0x20 { return nil }
        return .character(character)
    }
}

/// Standard input or output is not a terminal, so the console cannot run.
public struct ConsoleUnavailable: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}

/// The saved terminal state and the signal handlers that put it back. Globals, because a signal
/// handler can capture nothing.
private enum ConsoleRestore {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var inputFD: Int32 = -1
    nonisolated(unsafe) static var outputFD: Int32 = -1
    nonisolated(unsafe) static var active: sig_atomic_t = 0

    static func save(_ state: termios, fd: Int32, outputFD out: Int32) {
        saved = state
        inputFD = fd
        outputFD = out
        active = 1
    }

    /// Async-signal-safe: only tcsetattr and write.
    static func restoreNow() {
        guard active == 1 else { return }
        active = 0
        tcsetattr(inputFD, TCSANOW, &saved)
        let leave: StaticString = "\u{1B}[?25h\u{1B}[?1049l"
        _ = Glibc.write(outputFD, leave.utf8Start, leave.utf8CodeUnitCount)
    }

    static func installSignalHandlers() {
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(number) { received in
                ConsoleRestore.restoreNow()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
