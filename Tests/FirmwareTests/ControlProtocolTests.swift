import Foundation
import Testing
@testable import Firmware

@Suite struct ControlProtocolTests {
    @Test func bootsToIdleAndReportsScreenAndStatus() throws {
        let terminal = try SimulatedTerminal()
        #expect(terminal.send(#"{"op":"power","action":"on"}"#)["ok"] as? Bool == true)
        let waited = terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":5000,"id":7}"#)
        #expect(waited["ok"] as? Bool == true)
        #expect(waited["id"] as? Int == 7)
        let screen = terminal.send(#"{"op":"screen"}"#)
        #expect(screen["screen"] as? String == "idle")
        #expect((screen["lines"] as? [String])?.isEmpty == false)
        let status = terminal.send(#"{"op":"status"}"#)
        #expect(status["power"] as? String == "on")
        #expect(status["state"] as? String == "idle")
        #expect(status["simulated"] as? Bool == true)
    }

    @Test func malformedLinesGetErrorsAndTheTerminalCarriesOn() throws {
        let terminal = try SimulatedTerminal()
        terminal.send(#"{"op":"power","action":"on"}"#)
        let cases: [(String, String)] = [
            ("not json", "bad_json"),
            ("[1,2]", "not_an_object"),
            (#"{"id":3}"#, "missing_op"),
            (#"{"op":"fly"}"#, "unknown_op"),
            (#"{"op":"keys"}"#, "bad_argument"),
            (#"{"op":"keys","keys":["9","BANANA"]}"#, "bad_key"),
            (#"{"op":"keys","keys":"9"}"#, "bad_argument"),
            (#"{"op":"wait"}"#, "bad_argument"),
            (#"{"op":"wait","screen":"idle","timeout_ms":-1}"#, "bad_argument"),
            (#"{"op":"wait","screen":"idle","timeout_ms":1.5}"#, "bad_argument"),
            (#"{"op":"wait","screen":"idel"}"#, "unknown_screen"),
            (#"{"op":"advance","ms":true}"#, "bad_argument"),
            (#"{"op":"card","action":"insert","card":{"pan":"12"}}"#, "bad_argument"),
            (#"{"op":"card","action":"insert","card":{"pan":"6225880000000001","expiry":"3012","cvv":"123"}}"#, "bad_argument"),
            (#"{"op":"card","action":"eat"}"#, "bad_argument"),
            (#"{"op":"card","action":"swipe"}"#, "bad_argument"),
            (#"{"op":"card","action":"remove"}"#, "no_card"),
            (#"{"op":"fault","device":"toaster","fault":"x","active":true}"#, "unknown_device"),
            (#"{"op":"fault","device":"printer","fault":"on_fire","active":true}"#, "unknown_fault"),
            (#"{"op":"fault","device":"indicator","fault":"x","active":true}"#, "not_simulated"),
            (#"{"op":"power","action":"explode"}"#, "bad_argument"),
            (#"{"op":"scan","code":""}"#, "bad_argument"),
            (#"{"op":"pinpad","keys":["1"]}"#, "no_request"),
        ]
        for (line, code) in cases {
            let reply = terminal.send(line)
            #expect(reply["ok"] as? Bool == false, "\(line)")
            #expect(reply["error"] as? String == code, "\(line) -> \(reply)")
            #expect(reply["message"] is String)
        }
        #expect(terminal.send(#"{"op":"screen"}"#)["screen"] as? String != nil)
    }

    @Test func waitTimesOutOnVirtualTime() throws {
        let terminal = try SimulatedTerminal()
        terminal.send(#"{"op":"power","action":"on"}"#)
        let started = Date()
        let reply = terminal.send(#"{"op":"wait","screen":"sale.result","timeout_ms":3600000}"#)
        #expect(reply["error"] as? String == "timeout")
        #expect((reply["message"] as? String)?.contains("sale.result") == true)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect((terminal.send(#"{"op":"status"}"#)["now_ms"] as? Int ?? 0) >= 3_600_000)
    }

    @Test func advanceMovesVirtualTime() throws {
        let terminal = try SimulatedTerminal()
        terminal.send(#"{"op":"power","action":"on"}"#)
        let before = terminal.send(#"{"op":"status"}"#)["now_ms"] as? Int ?? -1
        let reply = terminal.send(#"{"op":"advance","ms":90000}"#)
        #expect(reply["now_ms"] as? Int == before + 90_000)
    }

    @Test func powerCutStopsTheTerminalAndPowerOnBootsAgain() throws {
        let terminal = try SimulatedTerminal()
        terminal.send(#"{"op":"power","action":"on"}"#)
        terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":5000}"#)
        #expect(terminal.send(#"{"op":"power","action":"cut"}"#)["power"] as? String == "off")
        #expect(terminal.send(#"{"op":"keys","keys":["1"]}"#)["error"] as? String == "powered_off")
        #expect(terminal.send(#"{"op":"status"}"#)["power"] as? String == "off")
        #expect(terminal.send(#"{"op":"screen"}"#)["screen"] is NSNull)
        terminal.send(#"{"op":"power","action":"on"}"#)
        #expect(terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":5000}"#)["ok"] as? Bool == true)
        #expect(terminal.send(#"{"op":"status"}"#)["boots"] as? Int == 2)
    }

    @Test func devicesAreDrivenThroughEveryOp() throws {
        let terminal = try SimulatedTerminal()
        terminal.send(#"{"op":"power","action":"on"}"#)
        terminal.send(#"{"op":"wait","screen":"idle","timeout_ms":5000}"#)
        #expect(terminal.send(#"{"op":"keys","keys":["CANCEL"]}"#)["ok"] as? Bool == true)
        #expect(terminal.send(#"{"op":"card","action":"swipe","track2":"6225880000000001=30122010000000000"}"#)["ok"] as? Bool == true)
        #expect(terminal.send(#"{"op":"card","action":"insert","card":{"pan":"6225880000000001","expiry":"3012"}}"#)["card_present"] as? Bool == true)
        #expect(terminal.send(#"{"op":"card","action":"remove"}"#)["card_present"] as? Bool == false)
        #expect(terminal.send(#"{"op":"scan","code":"134567890123456789"}"#)["ok"] as? Bool == true)
        let fault = terminal.send(#"{"op":"fault","device":"printer","fault":"paper_out","active":true}"#)
        #expect(fault["faults"] as? [String] == ["paper_out"])
        #expect(terminal.send(#"{"op":"status"}"#)["devices"].flatMap { ($0 as? [String: Any])?["printer"] as? String } == "paper_out")
        #expect(terminal.send(#"{"op":"fault","device":"card_reader","fault":"unplugged","active":true}"#)["ok"] as? Bool == true)
        #expect(terminal.send(#"{"op":"card","action":"tap","card":{"pan":"6225880000000001","expiry":"3012"}}"#)["error"] as? String == "device_unplugged")
        #expect(terminal.send(#"{"op":"fault","device":"host","fault":"no_reply","active":true}"#)["device"] as? String == "link")
        let printed = terminal.send(#"{"op":"printed","since":0}"#)
        #expect(printed["documents"] is [Any])
        #expect(terminal.send(#"{"op":"version"}"#)["protocol"] as? String == controlProtocolVersion)
    }

    @Test func identicalScriptsGiveIdenticalTranscripts() throws {
        let script = """
        # boot, look around, let a minute pass
        {"op":"power","action":"on"}
        {"op":"wait","screen":"idle","timeout_ms":5000}
        {"op":"keys","keys":["ENTER"]}
        {"op":"advance","ms":61000}
        {"op":"screen"}
        {"op":"status"}
        {"op":"fault","device":"link","fault":"down","active":true}
        {"op":"screen"}
        """
        func transcript() throws -> String {
            let terminal = try SimulatedTerminal()
            var lines: [String] = []
            let outcome = ScriptRunner.run(script, dispatcher: terminal.dispatcher) { lines.append($0) }
            #expect(outcome.requests == 8)
            #expect(outcome.failedWaitLine == nil)
            return lines.joined(separator: "\n")
        }
        #expect(try transcript() == transcript())
    }

    @Test func aFailedWaitStopsTheScript() throws {
        let terminal = try SimulatedTerminal()
        let script = """
        {"op":"power","action":"on"}
        {"op":"wait","screen":"sale.result","timeout_ms":10}
        {"op":"status"}
        """
        var lines: [String] = []
        let outcome = ScriptRunner.run(script, dispatcher: terminal.dispatcher) { lines.append($0) }
        #expect(outcome.failedWaitLine == 2)
        #expect(lines.count == 2)
    }

    @Test func endpointsParse() throws {
        #expect(try ControlEndpoint(parsing: "tcp:127.0.0.1:7000") == .tcp(host: "127.0.0.1", port: 7000))
        #expect(try ControlEndpoint(parsing: "tcp:[::1]:0") == .tcp(host: "::1", port: 0))
        #expect(try ControlEndpoint(parsing: "unix:/tmp/p.sock") == .unix(path: "/tmp/p.sock"))
        for bad in ["tcp:", "tcp:host", "tcp:h:99999", "udp:1", "unix:", "tcp::80"] {
            #expect(throws: ControlError.self) { try ControlEndpoint(parsing: bad) }
        }
    }
}

@Suite struct ControlValueTests {
    @Test func numbersAndBooleansAreToldApart() throws {
        let zero = try ControlRequest(line: #"{"op":"x","n":0,"b":false,"one":1}"#)
        #expect(try zero.integer("n", range: 0...10) == 0)
        #expect(try zero.integer("one", range: 0...10) == 1)
        #expect(throws: ControlError.self) { try zero.integer("b", range: 0...10) }
        #expect(try zero.bool("b") == false)
        #expect(throws: ControlError.self) { try zero.bool("n") }
    }

    @Test func overlongLinesAreRefused() {
        let line = #"{"op":"status","pad":""# + String(repeating: "x", count: ControlRequest.maximumLineBytes) + #""}"#
        #expect(throws: ControlError.self) { try ControlRequest(line: line) }
    }
}
