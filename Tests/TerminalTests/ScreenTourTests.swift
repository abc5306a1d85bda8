import HAL
import Testing
@testable import Terminal

/// Visits every screen in both languages and checks the frames: ids are the documented ones,
/// English frames carry no Chinese (except the language's own name), Chinese frames are
/// translated, and every frame has a title and lines.
@Suite struct ScreenTourTests {
    static func tour(_ language: Language) -> [DisplayFrame] {
        var h = Harness()
        h.storedConfiguration = TerminalConfiguration(language: language)
        h.boot(finishSelfTest: false)
        h.advance(ms: 300)
        h.signIn("99", "12345678")
        h.press("1")                                   // password.old
        h.type("12345678"); h.press("ENTER")           // password.new
        h.type("24681357"); h.press("ENTER")           // password.confirm
        h.type("24681357"); h.press("ENTER ENTER")     // message.info, menu.main
        h.press("3 1"); h.type("01"); h.press("ENTER") // operators.add.number, role
        h.press("1"); h.type("2580"); h.press("ENTER") // add.password, add.confirm
        h.type("2580"); h.press("ENTER ENTER")
        h.press("4 CANCEL")                            // operators.list
        h.press("3"); h.type("01"); h.press("ENTER")   // reset.number, reset.password
        h.type("1470"); h.press("ENTER")               // reset.confirm
        h.type("1470"); h.press("ENTER ENTER")
        h.press("2"); h.type("01"); h.press("ENTER")   // delete.number, delete.confirm
        h.press("ENTER ENTER CANCEL")
        h.press("4")                                   // config.menu
        for item in ["1", "2", "3", "4", "5", "7", "8"] { h.press("\(item) CANCEL") }
        h.press("6")
        for item in ["1", "2", "3", "4", "5", "6"] { h.press("\(item) CANCEL") }
        h.press("CANCEL 9")                            // config.nettest
        h.send(.device(.link(.connected(NetTestTests.host))))
        h.press("ENTER CANCEL 2")                      // unlock.operator
        h.press("CANCEL 5 ENTER")                      // signout.confirm, idle
        h.press("F1"); h.type("00"); h.press("ENTER")  // unlock.supervisor, unlock.password
        h.press("CANCEL CANCEL")
        h.press("ENTER"); h.type("42"); h.press("ENTER ENTER CANCEL") // message.error
        return h.effects.compactMap { if case let .show(frame) = $0 { return frame } else { return nil } }
    }

    @Test(arguments: Language.allCases)
    func everyScreenIsVisitedAndTranslated(language: Language) throws {
        let frames = Self.tour(language) + (try SaleTests.tour(language))
        let visited = Set(frames.map(\.screenID))
        let documented = Set(TerminalMachine.screenIDs)
        #expect(visited.isSubset(of: documented))
        #expect(documented.subtracting(visited) == ["off"])
        #expect(TerminalMachine.screenIDs.count == documented.count)
        for frame in frames {
            #expect(!frame.title.isEmpty, "\(frame.screenID) has no title")
            #expect(!frame.lines.isEmpty, "\(frame.screenID) has no lines")
            let chinese = (frame.title + frame.lines.joined()).unicodeScalars.contains { TextWidth.isWide($0) }
            if language == .english && frame.screenID != "config.edit.language" {
                #expect(!chinese, "English frame \(frame.screenID) has Chinese: \(frame)")
            }
            if language == .chinese && frame.screenID != "idle" {
                #expect(chinese, "Chinese frame \(frame.screenID) is untranslated: \(frame)")
            }
        }
    }
}
