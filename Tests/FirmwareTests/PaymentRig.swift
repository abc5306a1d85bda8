import Foundation
import Logging
import Testing
@testable import Firmware

/// Control-protocol steps the payment tests share, as a rig would send them.
extension SimulatedTerminal {
    /// A booted terminal on a fresh flash image file in `directory` (the caller removes it).
    static func bootedOnFile() throws -> (SimulatedTerminal, String) {
        let directory = NSTemporaryDirectory() + "posterm-pay-\(UUID().uuidString)"
        let store = JournalTerminalStore.fileBacked(path: directory + "/flash.img", logger: Logger(label: "test"))
        let terminal = try SimulatedTerminal(store: store)
        terminal.send(#"{"op":"power","action":"on"}"#)
        try terminal.expectOK(terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":1000}"#))
        return (terminal, directory)
    }

    func expectOK(_ reply: [String: Any], _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(reply["ok"] as? Bool == true, "\(what) \(reply)", sourceLocation: sourceLocation)
    }

    func keys(_ keys: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let list = keys.map { "\"\($0)\"" }.joined(separator: ",")
        try expectOK(send(#"{"op":"keys","keys":[\#(list)]}"#), "keys \(keys)", sourceLocation: sourceLocation)
    }

    func wait(_ screen: String, ms: Int = 5_000, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expectOK(send(#"{"op":"wait","screen":"\#(screen)","timeout_ms":\#(ms)}"#), "wait \(screen)",
                     sourceLocation: sourceLocation)
    }

    var screenText: String {
        let reply = send(#"{"op":"screen"}"#)
        return ((reply["title"] as? String ?? "") + "\n" + (reply["lines"] as? [String] ?? []).joined(separator: "\n"))
    }

    var status: [String: Any] { send(#"{"op":"status"}"#) }

    var hostStats: [String: Any] { send(#"{"op":"host","action":"stats"}"#) }

    /// Signs the admin in and waits for the main menu (after the sign-on when one is needed).
    func signIn() throws {
        try keys(["ENTER", "9", "9", "ENTER", "1", "2", "3", "4", "5", "6", "7", "8", "ENTER"])
        try wait("menu.main")
    }

    /// Runs a sale to its result screen, presenting the card with `present` (a `card` request
    /// line), and returns the screen text seen on the way.
    @discardableResult
    func sale(amount: String, present: String, pin: String) throws -> String {
        var seen = ""
        try keys(["6"] + amount.map(String.init) + ["ENTER"])
        try wait("sale.card")
        try expectOK(send(present), "present the card")
        try wait("sale.confirm")
        seen += screenText
        try keys(["ENTER"])
        try wait("sale.pin")
        let digits = pin.map { "\"\($0)\"" }.joined(separator: ",")
        try expectOK(send(#"{"op":"pinpad","keys":[\#(digits)\#(digits.isEmpty ? "" : ",")"ENTER"]}"#))
        seen += screenText
        try wait("sale.result", ms: 300_000)
        seen += screenText
        return seen
    }

    /// A sale with a swiped card.
    @discardableResult
    func sale(amount: String, pan: String, pin: String) throws -> String {
        try sale(amount: amount, present: #"{"op":"card","action":"swipe","track2":"\#(pan)=30121010000000000"}"#, pin: pin)
    }
}
