/// Where the acquirer host listens.
public struct HostEndpoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int

    /// Creates an endpoint.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, split at the last colon (so `[::1]:80` keeps its brackets); nil when
    /// the host is empty or the port is not a number in 0-65535.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
              let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        self.init(host: String(text[..<colon]), port: port)
    }

    /// `host:port`.
    public var description: String { "\(host):\(port)" }
}

/// What the host link reports.
public enum LinkEvent: Sendable, Hashable {
    /// The network under the link came up or went down (cable, Wi-Fi association, 4G attach).
    case networkChanged(up: Bool)
    /// Signal strength changed (4G / Wi-Fi), 0…100, or nil when not applicable.
    case signalChanged(percent: Int?)
    /// A connection to the host is open.
    case connected(HostEndpoint)
    /// Opening a connection failed.
    case connectFailed(HALError)
    /// Bytes arrived from the host (not framed: the acquirer layer frames them).
    case received([UInt8])
    /// The connection closed: nil for an orderly close (by the host, or `disconnect`), an error
    /// when the network or the connection failed under it.
    case disconnected(HALError?)
}
