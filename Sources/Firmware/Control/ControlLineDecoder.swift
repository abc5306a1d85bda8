import NIOCore

/// One unit of the control protocol's input stream.
enum ControlLine: Sendable {
    /// A complete line (without its newline).
    case line(String)
    /// A line that was too long or not UTF-8: answered with an error, its bytes dropped.
    case rejected(ControlError)
}

/// Splits a byte stream into lines of at most `ControlRequest.maximumLineBytes`. An overlong
/// line is discarded up to its newline and reported once; the connection carries on.
struct ControlLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ControlLine

    private var discarding = false
    private let limit = ControlRequest.maximumLineBytes

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > limit {
                if !discarding {
                    context.fireChannelRead(wrapInboundOut(.rejected(Self.tooLong)))
                    discarding = true
                }
                buffer.moveReaderIndex(to: buffer.writerIndex)
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        let bytes = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if discarding {
            discarding = false
            return .continue
        }
        emit(bytes, context: context)
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A last line without a newline still counts.
        if buffer.readableBytes > 0, !discarding {
            emit(buffer.readBytes(length: buffer.readableBytes) ?? [], context: context)
        }
        buffer.clear()
        return .needMoreData
    }

    private func emit(_ bytes: [UInt8], context: ChannelHandlerContext) {
        let trimmed = bytes.last == UInt8(ascii: "\r") ? Array(bytes.dropLast()) : bytes
        if trimmed.count > limit {
            context.fireChannelRead(wrapInboundOut(.rejected(Self.tooLong)))
        } else if let text = String(validating: trimmed, as: UTF8.self) {
            context.fireChannelRead(wrapInboundOut(.line(text)))
        } else {
            context.fireChannelRead(wrapInboundOut(.rejected(ControlError("bad_utf8", "the line is not valid UTF-8"))))
        }
    }

    private static let tooLong = ControlError("line_too_long", "a request line may be at most \(ControlRequest.maximumLineBytes) bytes")
}
