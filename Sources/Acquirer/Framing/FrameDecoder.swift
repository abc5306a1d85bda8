/// Cuts length-prefixed CUP frames out of a TCP byte stream.
///
/// Feed it whatever the socket delivered (any split: one byte at a time, several frames at
/// once) and take frames out until it returns nil. A length under the minimum or over the
/// maximum, a wrong TPDU ID or a bad header digit fails the decoder for good: every later call
/// throws the same error, because the stream cannot be resynchronised.
public struct FrameDecoder: Sendable {
    /// The largest frame content (after the prefix) accepted.
    public let maximumLength: Int
    /// The TPDU ID every frame must start with.
    public let tpduID: UInt8
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var failure: FrameError?

    /// A decoder accepting frames up to `maximumLength` content bytes (default 2048: the largest
    /// CUP message with every field at its maximum is about 1.9 KB).
    public init(maximumLength: Int = 2048, tpduID: UInt8 = TPDU.standardID) {
        self.maximumLength = min(maximumLength, Frame.prefixMaximum)
        self.tpduID = tpduID
    }

    /// Bytes received but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Whether the decoder has failed (the connection should be closed).
    public var hasFailed: Bool { failure != nil }

    /// Appends bytes received from the link.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        guard failure == nil else { return }
        if readIndex > 0 && readIndex * 2 >= buffer.count {
            buffer.removeSubrange(..<readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, nil when more bytes are needed.
    public mutating func nextFrame() throws(FrameError) -> Frame? {
        if let failure { throw failure }
        let available = buffer.count - readIndex
        guard available >= 2 else { return nil }
        let length = Int(buffer[readIndex]) << 8 | Int(buffer[readIndex + 1])
        do throws(FrameError) {
            guard length >= Frame.minimumLength else {
                throw .frameTooShort(length: length, minimum: Frame.minimumLength)
            }
            guard length <= maximumLength else { throw .frameTooLong(length: length, maximum: maximumLength) }
            // Reject garbage as soon as the TPDU ID arrives, without waiting for the whole length.
            if available > 2 && buffer[readIndex + 2] != tpduID {
                throw .invalidTPDU(id: buffer[readIndex + 2])
            }
            guard available >= 2 + length else { return nil }
            let start = readIndex + 2
            let frame = try Frame(unprefixed: buffer[start..<(start + length)], tpduID: tpduID)
            readIndex = start + length
            return frame
        } catch {
            failure = error
            throw error
        }
    }
}
