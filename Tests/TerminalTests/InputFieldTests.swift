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

@Suite struct RedactionTests {
    @Test func aPasswordBeingTypedNeverShowsInDescriptionsOrDumps() {
        var h = Harness.fresh()
        h.press("ENTER")
        h.type("99")
        h.press("ENTER")
        h.type("1234567")
        var dumped = ""
        dump(h.machine, to: &dumped)
        let described = String(describing: h.machine.state) + String(reflecting: h.machine.state)
        #expect(!dumped.contains("1234567"))
        #expect(!described.contains("1234567"))
        #expect(dumped.contains("*******"))
    }
}
