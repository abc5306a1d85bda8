import AcquirerHost
import Logging
import NIOCore
import NIOPosix

/// `posterm-host`'s network side: a SwiftNIO TCP server that serves many terminals at once,
/// each connection through its own `HostConnectionSession` on the shared `AcquirerHost`, and
/// the optional admin control port.
public final class HostServer: Sendable {
    /// The terminal listener.
    public let channel: any Channel
    /// The admin listener, when configured.
    public let adminChannel: (any Channel)?
    /// The engine served.
    public let host: AcquirerHost

    private init(channel: any Channel, adminChannel: (any Channel)?, host: AcquirerHost) {
        self.channel = channel
        self.adminChannel = adminChannel
        self.host = host
    }

    /// The port terminals connect to.
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// The admin port, when there is one.
    public var adminPort: Int? { adminChannel?.localAddress?.port }

    /// Binds the listeners and starts serving.
    public static func start(host: AcquirerHost, configuration: HostServerConfiguration,
                             group: any EventLoopGroup, logger: Logger) async throws -> HostServer {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        IdleStateHandler(readTimeout: configuration.idleTimeout),
                        HostConnectionHandler(host: host, configuration: configuration, logger: logger),
                    ])
                }
            }
            .bind(host: configuration.host, port: configuration.port).get()
        var adminChannel: (any Channel)?
        if let admin = configuration.admin {
            do {
                adminChannel = try await ServerBootstrap(group: group)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(AdminHandler(host: host, logger: logger))
                        }
                    }
                    .bind(host: admin.host, port: admin.port).get()
            } catch {
                try? await channel.close()
                throw error
            }
        }
        return HostServer(channel: channel, adminChannel: adminChannel, host: host)
    }

    /// Stops listening (open connections are closed with the event loop group).
    public func close() async throws {
        try await channel.close()
        try await adminChannel?.close()
    }
}
