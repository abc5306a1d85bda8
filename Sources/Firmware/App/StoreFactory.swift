import Logging

/// Chooses the terminal's store from the board's `flash` role.
enum StoreFactory {
    static func makeStore(for board: BoardDescription, logger: Logger) throws -> any TerminalStore {
        InMemoryTerminalStore()
    }
}
