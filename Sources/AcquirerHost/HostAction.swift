/// What to do with the connection a frame came in on, as the engine decided.
public enum HostAction: Sendable, Hashable {
    /// Send `bytes` (a length-prefixed frame) after `delayMilliseconds` (0: at once).
    case reply([UInt8], delayMilliseconds: Int)
    /// Send nothing; keep the connection.
    case noReply
    /// Close the connection without replying.
    case close
}

/// Which way a traced frame went.
public enum TraceDirection: String, Sendable, Hashable, Codable {
    /// Terminal to host.
    case inbound = "in"
    /// Host to terminal.
    case outbound = "out"
}

/// One line of the `--trace` file: every frame in and out, with the host's time, the terminal
/// (field 41 when the frame decoded that far) and the whole frame as sent on the wire,
/// length prefix included, in hex. `note` says what happened when it was not a plain exchange
/// (`noReply`, `drop`, `delay 500`, `badMAC`, or why bytes were rejected).
public struct TraceRecord: Sendable, Hashable, Codable {
    /// ISO 8601 UTC with milliseconds.
    public var time: String
    /// `in` or `out`.
    public var direction: TraceDirection
    /// Field 41, nil when unknown.
    public var terminal: String?
    /// The frame bytes as hex.
    public var hex: String
    /// What happened, when not a plain exchange.
    public var note: String?

    /// A record from its parts.
    public init(time: String, direction: TraceDirection, terminal: String?, hex: String, note: String? = nil) {
        self.time = time
        self.direction = direction
        self.terminal = terminal
        self.hex = hex
        self.note = note
    }
}
