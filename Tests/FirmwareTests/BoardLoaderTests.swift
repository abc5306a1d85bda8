import Testing
@testable import Firmware

@Suite struct BoardLoaderTests {
    @Test func mockBoardLoadsWithEveryRole() throws {
        let board = try BoardLoader.parse(SimulatedTerminal.mockBoardText, file: "boards/mock.yaml")
        #expect(board.name == "mock")
        #expect(board.roles.count == 9)
        #expect(board.role(.printer)?.integer("width") == 32)
        #expect(board.role(.cardReader)?.list("entry-modes") == ["swipe", "insert", "tap"])
        #expect(board.role(.flash)?.backend == "file")
    }

    private func error(_ text: String) -> BoardError? {
        do {
            _ = try BoardLoader.parse(text, file: "bad.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownRoleIsRejectedWithItsLine() {
        let failure = error("board: x\nroles:\n  display: {backend: mock}\n  modem2: {backend: mock}\n")
        #expect(failure?.line == 4)
        #expect(failure?.reason.contains("unknown role 'modem2'") == true)
        #expect(failure?.description.hasPrefix("bad.yaml:4: ") == true)
    }

    @Test func unknownBackendIsRejected() {
        let failure = error("board: x\nroles:\n  printer:\n    backend: epson\n")
        #expect(failure?.line == 4)
        #expect(failure?.reason.contains("unknown backend 'epson'") == true)
    }

    @Test func unknownKeyIsRejected() {
        let failure = error("board: x\nroles:\n  printer:\n    backend: mock\n    widht: 32\n")
        #expect(failure?.line == 5)
        #expect(failure?.reason.contains("unknown key 'widht'") == true)
        #expect(failure?.reason.contains("width") == true)
    }

    @Test func typeAndRangeErrorsAreRejected() {
        #expect(error("board: x\nroles:\n  printer:\n    backend: mock\n    width: wide\n")?.reason.contains("must be an integer") == true)
        #expect(error("board: x\nroles:\n  printer:\n    backend: mock\n    width: 500\n")?.reason.contains("between 24 and 64") == true)
        #expect(error("board: x\nroles:\n  card-reader:\n    backend: mock\n    entry-modes: [swipe, fly]\n")?.line == 5)
        #expect(error("board: x\nroles:\n  link:\n    backend: mock\n    host: [a]\n")?.reason.contains("single value") == true)
    }

    @Test func structuralErrorsAreRejected() {
        #expect(error("")?.reason.contains("empty") == true)
        #expect(error("- a\n- b\n")?.reason.contains("mapping") == true)
        #expect(error("roles:\n  display: {backend: mock}\n")?.reason.contains("missing key 'board'") == true)
        #expect(error("board: x\n")?.reason.contains("missing key 'roles'") == true)
        #expect(error("board: x\nroles:\n  display: {columns: 3}\n")?.reason.contains("no 'backend'") == true)
        #expect(error("board: x\nextra: 1\nroles: {}\n")?.line == 2)
    }

    @Test func yamlSyntaxErrorsCarryTheLine() {
        let failure = error("board: x\nroles:\n  display: {backend: mock\n  keypad: [\n")
        #expect(failure != nil)
        #expect(failure?.reason.hasPrefix("not valid YAML") == true)
        #expect(failure?.line != nil)
    }

    @Test func portOverrideAppliesToPathRolesOnly() throws {
        var board = try BoardLoader.parse(SimulatedTerminal.mockBoardText, file: "boards/mock.yaml")
        try board.overridePort("flash=/tmp/other.img")
        #expect(board.role(.flash)?.string("path") == "/tmp/other.img")
        #expect(throws: BoardError.self) { try board.overridePort("printer=/dev/usb/lp0") }
        #expect(throws: BoardError.self) { try board.overridePort("toaster=/dev/x") }
        #expect(throws: BoardError.self) { try board.overridePort("no-equals") }
        #expect(throws: BoardError.self) { try board.overridePort("flash=") }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: BoardError.self) { try BoardLoader.load("/nonexistent/board.yaml") }
    }
}

@Suite struct BoardSearchTests {
    @Test func theMockBoardIsFoundFromAnyDirectory() throws {
        // The last search directory is the source tree's boards/ folder, whatever the working directory.
        let directories = Array(BoardLoader.defaultSearchDirectories.dropFirst())
        let board = try BoardLoader.load("mock", searchDirectories: directories)
        #expect(board.name == "mock")
    }
}
