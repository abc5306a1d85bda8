import Logging

/// Chooses the terminal's store from the board's `flash` role: the journal on a flash image file
/// (`backend: file`) or on emulated flash in RAM (`backend: memory`).
enum StoreFactory {
    static func makeStore(for board: BoardDescription, logger: Logger) -> JournalTerminalStore {
        if let path = BoardWiring.flashImagePath(for: board) {
            logger.info("flash image", metadata: ["path": "\(path)"])
            return .fileBacked(path: path, logger: logger)
        }
        return .inMemory(logger: logger)
    }
}
