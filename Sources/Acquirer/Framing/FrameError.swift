/// Why bytes from a link could not be framed. After any of these the stream cannot be
/// resynchronised: the connection should be closed (a bad frame costs the connection only).
public enum FrameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The frame (or the part given) is shorter than TPDU + header + MTI + bitmap.
    case frameTooShort(length: Int, minimum: Int)
    /// The length prefix announces more than the configured maximum.
    case frameTooLong(length: Int, maximum: Int)
    /// The TPDU ID is not the expected one (garbage, or a peer speaking another protocol).
    case invalidTPDU(id: UInt8)
    /// A non-decimal nibble in the message header, at `offset` within the header.
    case invalidHeaderDigit(offset: Int)

    /// A one-line English description.
    public var description: String {
        switch self {
        case let .frameTooShort(length, minimum): "frame of \(length) bytes is shorter than \(minimum)"
        case let .frameTooLong(length, maximum): "frame length \(length) is over the maximum \(maximum)"
        case let .invalidTPDU(id): "TPDU ID \(id) is not the expected one"
        case let .invalidHeaderDigit(offset): "invalid BCD nibble in the message header at byte \(offset)"
        }
    }
}
