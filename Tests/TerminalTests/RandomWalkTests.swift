import HAL
import Testing
@testable import Terminal
import struct Journal.SeededRandom

/// A long deterministic random walk over every key, with device events and time passing, checking
/// invariants after each step: nothing traps, the frame matches the screen, the store and RAM
/// agree, an admin always exists, and no typed password ever shows on screen.
@Suite struct RandomWalkTests {
    @Test(arguments: [1, 2, 3, 4])
    func walk(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var h = Harness.fresh()
        var screens: Set<String> = []
        let keys = KeypadKey.allCases
        for step in 0..<4_000 {
            switch rng.below(100) {
            case 0..<80:
                // Bias towards digits and ENTER so flows get deep.
                let key: KeypadKey
                switch rng.below(10) {
                case 0..<5: key = keys[rng.below(10)]
                case 5..<7: key = .enter
                default: key = keys[rng.below(keys.count)]
                }
                h.send(.device(.key(key)))
            case 80..<85:
                // Sign in as the admin from wherever the walk is.
                if h.state.signedInOperator == nil, h.screen == "idle" { h.signIn("99", "12345678") }
            case 85..<90:
                h.advance(ms: Int64(rng.below(70_000)))
            case 90..<93:
                h.send(.device(.link(.networkChanged(up: rng.below(2) == 0))))
            case 93..<96:
                h.send(.device(.link(rng.below(2) == 0 ? .connected(NetTestTests.host)
                                                     : .connectFailed(HALError(.timeout, role: .link, "t")))))
            case 96..<98:
                h.send(.device(.printer(.status([.ok, .paperOut, .offline, .coverOpen][rng.below(4)]))))
            default:
                if step % 7 == 0 { h.boot() } else { h.now = h.now.adding(milliseconds: 500) }
            }
            screens.insert(h.screen)
            #expect(TerminalMachine.screenIDs.contains(h.screen))
            #expect(h.frame.screenID == h.screen)
            #expect(h.storedOperators == h.state.operators)
            #expect(h.storedConfiguration == h.state.configuration)
            #expect(h.state.operators.values.contains { $0.role == .admin })
            #expect(UInt64(h.audit.count) == h.state.auditCount)
            #expect(!h.text.contains("12345678"))
            if let me = h.state.signedInOperator { #expect(h.state.operators[me] != nil) }
        }
        #expect(screens.count >= 5)
    }
}

private extension SeededRandom {
    /// A number in `0..<n`, by plain modulo (the walk's own choice of key, event or delay).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
