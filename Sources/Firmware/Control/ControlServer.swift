import Logging
import NIOCore
import NIOPosix

/// Serves the control protocol on TCP or Unix sockets, one session per connection. Requests of
/// one connection run in order: the next line is dispatched when the previous one is answered.
public final class ControlServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let dispatcher: ControlDispatcher
    private let logger: Logger

    /// Creates a server (not yet listening) that hands requests to `dispatcher`.
    public init(dispatcher: ControlDispatcher, logger: Logger) {
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.dispatcher = dispatcher
        self.logger = logger
    }

    /// Starts listening on `endpoint`; returns the bound address (useful with port 0).
    public func listen(on endpoint: ControlEndpoint) throws -> String {
        let dispatcher = self.dispatcher
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ControlLineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(ControlSessionHandler(dispatcher: dispatcher))
                }
            }
        let channel: Channel
        switch endpoint {
        case let .tcp(host, port):
            channel = try bootstrap.bind(host: host, port: port).wait()
        case let .unix(path):
            channel = try bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).wait()
        }
        let bound: String
        switch (endpoint, channel.localAddress?.port) {
        case let (.tcp(host, _), port?): bound = "tcp:\(host):\(port)"
        default: bound = endpoint.description
        }
        logger.info("control protocol listening", metadata: ["endpoint": "\(bound)"])
        return bound
    }

    /// Closes every listener and connection.
    public func shutdown() {
        try? group.syncShutdownGracefully()
    }
}

/// One control connection: queues lines and dispatches them one at a time.
private final class ControlSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ControlLine
    typealias OutboundOut = ByteBuffer

    private let dispatcher: ControlDispatcher
    private var pending: [ControlLine] = []
    private var busy = false

    init(dispatcher: ControlDispatcher) {
        self.dispatcher = dispatcher
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(unwrapInboundIn(data))
        dispatchNext(context: context)
    }

    private func dispatchNext(context: ChannelHandlerContext) {
        guard !busy, !pending.isEmpty else { return }
        let next = pending.removeFirst()
        switch next {
        case let .rejected(error):
            write(ControlReply.failure(error, id: nil), context: context)
            dispatchNext(context: context)
        case let .line(text):
            if text.allSatisfy(\.isWhitespace) {
                dispatchNext(context: context)
                return
            }
            busy = true
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let eventLoop = context.eventLoop
            dispatcher.handle(line: text) { reply in
                eventLoop.execute {
                    let (handler, context) = bound.value
                    handler.busy = false
                    handler.write(reply, context: context)
                    handler.dispatchNext(context: context)
                }
            }
        }
    }

    private func write(_ reply: String, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: reply.utf8.count + 1)
        buffer.writeString(reply)
        buffer.writeInteger(UInt8(ascii: "\n"))
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
