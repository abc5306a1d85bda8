import HAL

/// Where a control server listens: `tcp:HOST:PORT` or `unix:PATH`.
public enum ControlEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A TCP listener (port 0 picks a free port).
    case tcp(host: String, port: Int)
    /// A Unix-domain socket at a path (an old socket file there is replaced).
    case unix(path: String)

    /// Parses `tcp:127.0.0.1:7000` or `unix:/run/posterm.sock`.
    public init(parsing spec: String) throws(ControlError) {
        if spec.hasPrefix("unix:") {
            let path = String(spec.dropFirst(5))
            guard !path.isEmpty else { throw ControlError("bad_endpoint", "unix: needs a socket path, e.g. unix:/tmp/posterm.sock") }
            self = .unix(path: path)
            return
        }
        guard spec.hasPrefix("tcp:"), spec.dropFirst(4).contains(":") else {
            throw ControlError("bad_endpoint", "expected tcp:HOST:PORT or unix:PATH, got '\(spec)'")
        }
        guard let endpoint = HostEndpoint(parsing: String(spec.dropFirst(4))) else {
            throw ControlError("bad_endpoint", "expected tcp:HOST:PORT with a port 0-65535, got '\(spec)'")
        }
        self = .tcp(host: endpoint.host.trimmingCharacters(in: ["[", "]"]), port: endpoint.port)
    }

    /// The endpoint in the form it was parsed from.
    public var description: String {
        switch self {
        case let .tcp(host, port): return "tcp:\(host):\(port)"
        case let .unix(path): return "unix:\(path)"
        }
    }
}
