import HAL
import Testing
@testable import Terminal

@Suite struct InputFieldTests {
    let t0 = WallTime(millisecondsSinceEpoch: 1_000_000)

    func typed(_ kind: InputField.Kind, _ keys: [KeypadKey], gap: Int64 = 0) -> InputField {
        var field = InputField(kind)
        var now = t0
        for key in keys {
            _ = field.press(key, at: now)
            now = now.adding(milliseconds: gap)
        }
        return field
    }

    @Test func amountDigitsShiftInFromTheRight() {
        #expect(typed(.amount(maxDigits: 10), [.digit1]).display == "0.01")
        #expect(typed(.amount(maxDigits: 10), [.digit1, .digit2]).display == "0.12")
        #expect(typed(.amount(maxDigits: 10), [.digit1, .digit2, .digit3]).display == "1.23")
        #expect(typed(.amount(maxDigits: 10), [.digit1, .doubleZero]).display == "1.00")
        #expect(typed(.amount(maxDigits: 10), [.digit0, .doubleZero, .digit5]).display == "0.05")
        #expect(typed(.amount(maxDigits: 10), [.digit1, .digit2, .digit3, .clear]).display == "0.12")
        #expect(typed(.amount(maxDigits: 10), [.dot, .f1, .up]).display == "0.00")
        let full = typed(.amount(maxDigits: 10), Array(repeating: .digit9, count: 12))
        #expect(full.display == "99999999.99")
        #expect(full.amountMinor == 9_999_999_999)
        var nearlyFull = typed(.amount(maxDigits: 10), Array(repeating: .digit9, count: 9))
        #expect(nearlyFull.press(.doubleZero, at: t0) == .rejected)
    }

    @Test func amountFormatting() {
        #expect(Amount.format(minor: 0) == "0.00")
        #expect(Amount.format(minor: 7) == "0.07")
        #expect(Amount.format(minor: 123_456) == "1234.56")
        #expect(Amount.format(minor: -150) == "-1.50")
        #expect(Amount.format(minor: .min) == "-92233720368547758.08")
    }

    @Test func passwordShowsStarsOnly() {
        let field = typed(.password(max: 8), [.digit4, .digit2])
        #expect(field.display == "**")
        #expect(field.text == "42")
        var f = field
        #expect(f.press(.dot, at: t0) == .ignored)
        #expect(f.press(.clear, at: t0) == .edited)
        #expect(f.press(.clear, at: t0) == .edited)
        #expect(f.press(.clear, at: t0) == .ignored)
        #expect(f.press(.enter, at: t0) == .submit)
        #expect(f.press(.cancel, at: t0) == .cancel)
    }

    @Test func ipv4TakesDotsAndAtMostFifteenCharacters() {
        let keys: [KeypadKey] = [.digit1, .digit9, .digit2, .dot, .digit1, .digit6, .digit8, .dot, .digit1, .dot, .digit1, .digit0, .digit0]
        #expect(typed(.ipv4, keys).display == "192.168.1.100")
        var field = typed(.ipv4, keys + [.digit1, .digit2])
        #expect(field.display == "192.168.1.10012")
        #expect(field.press(.digit3, at: t0) == .rejected)
        #expect(typed(.digits(max: 4), [.dot, .digit1]).display == "1")
    }

    @Test func multiTapCyclesWithinOneSecond() {
        #expect(typed(.text(max: 10), [.digit2, .digit2, .digit2]).text == "C")
        #expect(typed(.text(max: 10), [.digit2, .digit2, .digit2, .digit2, .digit2]).text == "A")
        #expect(typed(.text(max: 10), [.digit7, .digit7, .digit7, .digit7, .digit7]).text == "7")
        #expect(typed(.text(max: 10), [.digit2, .digit2], gap: 999).text == "B")
        #expect(typed(.text(max: 10), [.digit2, .digit2], gap: 1_000).text == "AA")
        #expect(typed(.text(max: 10), [.digit2, .digit3, .digit2]).text == "ADA")
        #expect(typed(.text(max: 10), [.digit1, .digit1, .digit0]).text == "& ")
        #expect(typed(.text(max: 10), [.digit2, .clear, .digit2]).text == "A")
        #expect(typed(.text(max: 10), [.digit2, .dot, .digit2]).text == "A.A")
        #expect(typed(.text(max: 10), [.f1, .digit2, .digit2, .doubleZero, .f1, .digit2]).text == "2200A")
        #expect(typed(.text(max: 10), [.doubleZero]).text == "00")
        #expect(typed(.text(max: 10), [.up, .down, .menu, .f2]).text == "")
    }

    @Test func multiTapAtMaxLengthStillCyclesTheLastLetter() {
        var field = typed(.text(max: 2), [.digit2, .digit3], gap: 2_000)
        #expect(field.text == "AD")
        let now = t0.adding(milliseconds: 2_500)
        #expect(field.press(.digit3, at: now) == .edited)
        #expect(field.text == "AE")
        #expect(field.press(.digit4, at: now) == .rejected)
        #expect(field.text == "AE")
    }
}

/// A long deterministic random walk over every key, with device events and time passing, checking
/// invariants after each step: nothing traps, the frame matches the screen, the store and RAM
/// agree, an admin always exists, and no typed password ever shows on screen.
@Suite struct RandomWalkTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    @Test(arguments: [1, 2, 3, 4])
    func walk(seed: UInt64) {
        var rng = SplitMix(state: seed)
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
