import AcquirerHost
import Logging
import NIOCore

/// One terminal connection: bytes go through `HostConnectionSession` (the engine's framing);
/// replies are written at once or after the behaviour's delay; framing errors, rejected
/// requests, idle peers and frames that take too long to arrive close this connection only.
final class HostConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var session: HostConnectionSession
    private let frameTimeout: TimeAmount
    private let logger: Logger
    private var frameDeadline: Scheduled<Void>?
    private var open = true

    init(host: AcquirerHost, configuration: HostServerConfiguration, logger: Logger) {
        session = HostConnectionSession(host: host, maximumFrameLength: configuration.maximumFrameLength)
        frameTimeout = configuration.frameTimeout
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard open else { return }
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        for output in session.receive(bytes) {
            switch output {
            case let .send(frame, delay):
                if delay <= 0 {
                    context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: frame)), promise: nil)
                } else {
                    let loop = context.eventLoop.assumeIsolated()
                    loop.scheduleTask(in: .milliseconds(Int64(delay))) { [self] in
                        guard open else { return }
                        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: frame)),
                                              promise: nil)
                    }
                }
            case .close(let reason):
                logger.info("closing connection", metadata: ["peer": "\(peer(context))", "reason": "\(reason)"])
                closeNow(context)
                return
            }
        }
        armFrameDeadline(context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            logger.info("closing idle connection", metadata: ["peer": "\(peer(context))"])
            closeNow(context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if open, let note = session.peerClosed() {
            logger.info("peer left mid-frame", metadata: ["peer": "\(peer(context))", "reason": "\(note)"])
        }
        open = false
        frameDeadline?.cancel()
        frameDeadline = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("connection error", metadata: ["peer": "\(peer(context))", "error": "\(error)"])
        closeNow(context)
    }

    /// While part of a frame is buffered, the rest must arrive within `frameTimeout`.
    private func armFrameDeadline(_ context: ChannelHandlerContext) {
        if session.bufferedByteCount == 0 {
            frameDeadline?.cancel()
            frameDeadline = nil
        } else if frameDeadline == nil {
            let loop = context.eventLoop.assumeIsolated()
            frameDeadline = loop.scheduleTask(in: frameTimeout) { [self] in
                frameDeadline = nil
                guard open, session.bufferedByteCount > 0 else { return }
                logger.info("closing slow sender", metadata: ["peer": "\(peer(context))"])
                closeNow(context)
            }
        }
    }

    private func closeNow(_ context: ChannelHandlerContext) {
        guard open else { return }
        open = false
        frameDeadline?.cancel()
        frameDeadline = nil
        // Answers to earlier frames of the same read go out before the connection closes.
        context.flush()
        context.close(promise: nil)
    }

    private func peer(_ context: ChannelHandlerContext) -> String {
        context.remoteAddress.map { "\($0)" } ?? "unknown"
    }
}
