/// One CUP link frame: TPDU, message header and the ISO 8583 body (MTI onwards).
public struct Frame: Sendable, Hashable {
    /// Bytes of TPDU + header + MTI + primary bitmap: the smallest frame content.
    public static let minimumLength = TPDU.byteCount + MessageHeader.byteCount + MessageSpec.minimumMessageLength
    /// The largest content a 2-byte length prefix can announce.
    public static let prefixMaximum = 0xFFFF

    /// Routing unit.
    public var tpdu: TPDU
    /// Message header (with the processing requirement in responses).
    public var header: MessageHeader
    /// The packed ISO 8583 message.
    public var body: [UInt8]

    /// A frame from its parts.
    public init(tpdu: TPDU, header: MessageHeader, body: [UInt8]) {
        self.tpdu = tpdu
        self.header = header
        self.body = body
    }

    /// Parses TPDU + header + body without a length prefix (the dial-up form, or the content
    /// of a length-prefixed frame). Checks the TPDU ID and the header digits; the body is
    /// left to the codec.
    public init(unprefixed bytes: ArraySlice<UInt8>, tpduID: UInt8 = TPDU.standardID) throws(FrameError) {
        guard bytes.count >= Self.minimumLength, let tpdu = TPDU(bytes) else {
            throw .frameTooShort(length: bytes.count, minimum: Self.minimumLength)
        }
        guard tpdu.id == tpduID else { throw .invalidTPDU(id: tpdu.id) }
        let headerStart = bytes.startIndex + TPDU.byteCount
        self.tpdu = tpdu
        self.header = try MessageHeader(bytes[headerStart...])
        self.body = Array(bytes[(headerStart + MessageHeader.byteCount)...])
    }

    /// TPDU + header + body, without the length prefix.
    public var unprefixedBytes: [UInt8] {
        var out = tpdu.bytes
        out.reserveCapacity(TPDU.byteCount + MessageHeader.byteCount + body.count)
        out += header.bytes
        out += body
        return out
    }

    /// The frame as sent over TCP: 2-byte big-endian length, then TPDU + header + body.
    public func encoded() throws(FrameError) -> [UInt8] {
        let content = unprefixedBytes
        guard content.count <= Self.prefixMaximum else {
            throw .frameTooLong(length: content.count, maximum: Self.prefixMaximum)
        }
        return [UInt8(content.count >> 8), UInt8(content.count & 0xFF)] + content
    }
}
