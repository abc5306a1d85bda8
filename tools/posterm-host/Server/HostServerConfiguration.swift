import NIOCore

/// How `HostServer` listens and protects itself from bad peers.
public struct HostServerConfiguration: Sendable {
    /// Address to listen on for terminals.
    public var host: String
    /// Port for terminals (0 picks a free one).
    public var port: Int
    /// Address and port of the admin control (JSON Lines); nil for none.
    public var admin: (host: String, port: Int)?
    /// The largest frame content accepted; a larger length prefix closes the connection.
    public var maximumFrameLength: Int
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: TimeAmount
    /// A frame must be complete this long after its first byte arrived (slow-loris senders
    /// that trickle a byte at a time are closed even though they are never idle).
    public var frameTimeout: TimeAmount

    /// Listens on `host:port`, frames up to 2048 bytes, 60 s idle, 10 s per frame.
    public init(host: String = "127.0.0.1", port: Int = 5800, admin: (host: String, port: Int)? = nil,
                maximumFrameLength: Int = 2048, idleTimeout: TimeAmount = .seconds(60),
                frameTimeout: TimeAmount = .seconds(10)) {
        self.host = host
        self.port = port
        self.admin = admin
        self.maximumFrameLength = maximumFrameLength
        self.idleTimeout = idleTimeout
        self.frameTimeout = frameTimeout
    }
}
