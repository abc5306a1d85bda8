import Acquirer

/// One terminal connection as the host sees it: bytes in, in whatever pieces the transport
/// delivers, and what to do next out. Both `posterm-host` (SwiftNIO) and the mock board's
/// in-process link use it, so the framing is the same code everywhere: Acquirer's
/// `FrameDecoder`, with a maximum frame size.
///
/// A framing error (garbage, a length over the maximum or under the minimum) ends the
/// connection: the stream cannot be resynchronised, and only this connection pays.
public struct HostConnectionSession: Sendable {
    /// What the connection layer must do.
    public enum Output: Sendable, Hashable {
        /// Send these bytes after `delayMilliseconds`.
        case send([UInt8], delayMilliseconds: Int)
        /// Close the connection.
        case close(reason: String)
    }

    private let host: AcquirerHost
    private var decoder: FrameDecoder
    private var closed = false

    /// A session for a new connection; frames over `maximumFrameLength` content bytes close it.
    public init(host: AcquirerHost, maximumFrameLength: Int = 2048) {
        self.host = host
        self.decoder = FrameDecoder(maximumLength: maximumFrameLength)
    }

    /// Bytes buffered towards the next frame (a slow sender's partial frame).
    public var bufferedByteCount: Int { decoder.bufferedByteCount }

    /// Whether the session has asked for the connection to close.
    public var isClosed: Bool { closed }

    /// Feeds received bytes and returns what to do, in order.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [Output] {
        guard !closed else { return [] }
        let chunk = Array(bytes)
        decoder.append(chunk)
        var outputs: [Output] = []
        while true {
            let frame: Frame?
            do {
                frame = try decoder.nextFrame()
            } catch {
                // The trace keeps the bytes of the read that broke the framing.
                host.traceRejected(chunk, reason: error.description)
                closed = true
                outputs.append(.close(reason: error.description))
                return outputs
            }
            guard let frame else { return outputs }
            switch host.handle(frame: frame) {
            case let .reply(bytes, delay):
                outputs.append(.send(bytes, delayMilliseconds: delay))
            case .noReply:
                break
            case .close:
                closed = true
                outputs.append(.close(reason: "request rejected or connection drop requested"))
                return outputs
            }
        }
    }

    /// The peer closed the connection; returns a note when it left a partial frame behind
    /// (traced as rejected).
    public mutating func peerClosed() -> String? {
        closed = true
        let pending = decoder.bufferedByteCount
        guard pending > 0 else { return nil }
        let reason = "connection closed with \(pending) bytes of an unfinished frame"
        host.traceRejected([], reason: reason)
        return reason
    }
}
