import HAL
import Synchronization

/// One open connection between the mock host link and an in-process host, seen from the host.
///
/// Bytes go through unframed, each `send` arriving as one delivery on the other side:
/// `send` here posts `.link(.received(bytes))` to the terminal; each terminal `send` reaches the
/// `onReceive` handler (bytes arriving before a handler is registered are kept for it). Calls are
/// synchronous and deterministic; handlers run on the thread of the sending side, with no lock of
/// the link or connection held, so they may send or close in turn.
public final class MockHostConnection: Sendable {
    private struct State {
        var open = true
        var receiveHandler: (@Sendable ([UInt8]) -> Void)?
        var closeHandler: (@Sendable () -> Void)?
        var pending: [[UInt8]] = []
    }

    /// The endpoint the terminal connected to.
    public let endpoint: HostEndpoint
    /// The link's number for the connect attempt that opened this connection (unique per link,
    /// increasing).
    public let id: UInt64
    private weak let link: MockHostLink?
    private let state = Mutex(State())

    init(id: UInt64, endpoint: HostEndpoint, link: MockHostLink) {
        self.id = id
        self.endpoint = endpoint
        self.link = link
    }

    /// Whether the connection is still open.
    public var isOpen: Bool { state.withLock { $0.open } }

    /// Sends `bytes` to the terminal (posted as `.link(.received(bytes))`). Ignored once closed
    /// or when `bytes` is empty.
    public func send(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, isOpen else { return }
        link?.hostSent(bytes, on: id)
    }

    /// Closes the connection from the host's side: the terminal sees `.link(.disconnected(nil))`
    /// and the `onClose` handler runs. Does nothing if already closed.
    public func close() {
        guard markClosed() else { return }
        link?.hostClosed(id)
        runCloseHandler()
    }

    /// Sets the handler for bytes from the terminal and hands it any bytes that arrived before.
    public func onReceive(_ handler: @escaping @Sendable ([UInt8]) -> Void) {
        let pending = state.withLock { state in
            state.receiveHandler = handler
            defer { state.pending.removeAll() }
            return state.pending
        }
        for bytes in pending { handler(bytes) }
    }

    /// Sets the handler that runs once when the connection closes, whoever closed it (runs at
    /// once if it is already closed).
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        let closed = state.withLock { state in
            state.closeHandler = handler
            return !state.open
        }
        if closed { runCloseHandler() }
    }

    /// Bytes from the terminal.
    func deliver(_ bytes: [UInt8]) {
        let handler = state.withLock { state -> (@Sendable ([UInt8]) -> Void)? in
            guard state.open else { return nil }
            guard let handler = state.receiveHandler else {
                state.pending.append(bytes)
                return nil
            }
            return handler
        }
        handler?(bytes)
    }

    /// The terminal side closed or lost the connection.
    func closedByTerminal() {
        guard markClosed() else { return }
        runCloseHandler()
    }

    /// Marks the connection closed; false if it already was.
    private func markClosed() -> Bool {
        state.withLock { state in
            guard state.open else { return false }
            state.open = false
            state.pending.removeAll()
            return true
        }
    }

    /// Runs the close handler once.
    private func runCloseHandler() {
        let handler = state.withLock { state in
            defer { state.closeHandler = nil }
            return state.closeHandler
        }
        handler?()
    }
}
