import AcquirerHost
import Foundation

/// The `host` op: the embedded acquirer host's counters and ledger, for rigs and tests.
///
/// - `{"op":"host","action":"stats"}` → the engine's statistics (`requests`, `approvals`,
///   `declines`, `mac_failures`, `rejected`), what reached it (`connections`, `frames_by_mti`,
///   `recent_mtis`) and `reversals_received` (0400 frames that reached the host).
/// - `{"op":"host","action":"balance","card":"approve"}` → the card's balance now, in fen.
/// - `{"op":"host","action":"behaviour","rule":{"kinds":["sale"],"noReply":true,"times":1}}` adds
///   a behaviour rule (the `posterm-host` rule format, `docs/host-simulator.md`); `"clear"`
///   removes them all. Both answer `behaviours`, the number of rules in force.
enum HostControl {
    static func run(_ request: ControlRequest, host: EmbeddedHost?) throws(ControlError) -> [String: Any] {
        guard let host else {
            throw ControlError("not_simulated", "this board has no embedded host (link role: host: embedded)")
        }
        switch try request.string("action") {
        case "stats":
            let statistics = host.engine.statistics
            let traffic = host.trafficSnapshot
            return [
                "requests": statistics.requests,
                "approvals": statistics.approvals,
                "declines": statistics.declines,
                "mac_failures": statistics.macFailures,
                "rejected": statistics.rejected,
                "connections": traffic.connections,
                "frames_by_mti": traffic.framesByMTI,
                "recent_mtis": traffic.recentMTIs,
                "reversals_received": traffic.framesByMTI["0400", default: 0],
            ]
        case "balance":
            let card = try request.string("card")
            guard let balance = host.engine.balance(ofCard: card) else {
                throw ControlError("bad_argument", "no card named '\(card)' (see docs/test-cards.md)")
            }
            return ["card": card, "balance": balance]
        case "behaviour":
            let rule = try decodeRule(try request.object("rule"))
            do {
                try host.engine.addBehaviour(rule)
            } catch {
                throw ControlError("bad_argument", "behaviour rule refused: \(error)")
            }
            return ["behaviours": host.engine.behaviours.count]
        case "clear":
            host.engine.clearBehaviours()
            return ["behaviours": 0]
        case let other:
            throw ControlError("bad_argument", "host action must be stats, balance, behaviour or clear, got '\(other)'")
        }
    }

    /// A rule from its JSON object, through the same decoder the host's rule files use.
    private static func decodeRule(_ object: [String: Any]) throws(ControlError) -> BehaviourRule {
        do {
            let data = try JSONSerialization.data(withJSONObject: object)
            return try JSONDecoder().decode(BehaviourRule.self, from: data)
        } catch {
            throw ControlError("bad_argument", "not a behaviour rule: \(error)")
        }
    }
}
