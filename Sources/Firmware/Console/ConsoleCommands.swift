import Foundation

/// Turns the console's `:` command line into control-protocol requests, so a person at the
/// console can act on the simulated devices with short words instead of JSON.
enum ConsoleCommands {
    /// The test card the shorthand commands use when no PAN is given: the embedded host's
    /// `approve` card (PIN 123456, `docs/test-cards.md`).
    static let defaultPAN = "6222021000000005"
    /// Its expiry, YYMM.
    static let defaultExpiry = "3012"

    /// One line of help per command.
    static let help = [
        "swipe|insert|tap [PAN] · remove  test card (default approve, PIN 123456)",
        "pin DIGITS | pin cancel                          type a PIN on the PIN pad",
        "paper out|in · link down|up · host noreply|ok    faults",
        "scan CODE · power cut|on · status · host stats · {json} raw line",
    ]

    /// The control-protocol line for a command, or an error message for a bad one.
    static func translate(_ command: String) -> Result<String, ConsoleCommandError> {
        let trimmed = command.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") { return .success(trimmed) }
        let words = trimmed.split(separator: " ").map(String.init)
        guard let verb = words.first else { return .failure(ConsoleCommandError("type a command; 'help' lists them")) }
        let argument = words.count > 1 ? words[1] : nil
        let request: [String: Any]
        switch (verb, argument) {
        case ("swipe", _):
            request = ["op": "card", "action": "swipe", "track2": "\(argument ?? defaultPAN)=\(defaultExpiry)2010000000000"]
        case ("insert", _), ("tap", _):
            request = ["op": "card", "action": verb, "card": ["pan": argument ?? defaultPAN, "expiry": defaultExpiry]]
        case ("remove", nil):
            request = ["op": "card", "action": "remove"]
        case ("pin", "cancel"?):
            request = ["op": "pinpad", "keys": ["CANCEL"]]
        case let ("pin", digits?) where digits.allSatisfy(\.isASCIIDigit):
            request = ["op": "pinpad", "keys": digits.map { String($0) } + ["ENTER"]]
        case ("paper", "out"?), ("paper", "in"?):
            request = ["op": "fault", "device": "printer", "fault": "paper_out", "active": argument == "out"]
        case ("link", "down"?), ("link", "up"?):
            request = ["op": "fault", "device": "link", "fault": "down", "active": argument == "down"]
        case ("host", "noreply"?), ("host", "ok"?):
            request = ["op": "fault", "device": "host", "fault": "no_reply", "active": argument == "noreply"]
        case ("scan", _?):
            request = ["op": "scan", "code": trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces)]
        case ("power", "cut"?), ("power", "on"?):
            request = ["op": "power", "action": argument ?? ""]
        case ("status", nil):
            request = ["op": "status"]
        case ("host", "stats"?):
            request = ["op": "host", "action": "stats"]
        default:
            return .failure(ConsoleCommandError("unknown command '\(trimmed)'; 'help' lists them"))
        }
        guard let data = try? JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]),
              let line = String(data: data, encoding: .utf8) else {
            return .failure(ConsoleCommandError("could not encode the request"))
        }
        return .success(line)
    }
}

/// A console command that could not be understood.
struct ConsoleCommandError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
