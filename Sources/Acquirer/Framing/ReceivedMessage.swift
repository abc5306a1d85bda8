/// A frame read off the link and unpacked: what both ends work with after `FrameDecoder`.
public struct ReceivedMessage: Sendable, Hashable {
    /// The frame as received (TPDU, header, packed body).
    public let frame: Frame
    /// The unpacked body.
    public let message: ISO8583Message
    /// The spec the body was unpacked with.
    private let spec: MessageSpec

    /// Unpacks `frame`'s body with `spec`.
    public init(_ frame: Frame, spec: MessageSpec = .cup) throws(CodecError) {
        self.frame = frame
        self.message = try spec.unpack(frame.body)
        self.spec = spec
    }

    /// Equal when frames are equal (the message follows from the frame).
    public static func == (lhs: ReceivedMessage, rhs: ReceivedMessage) -> Bool { lhs.frame == rhs.frame }

    /// Hashes the frame.
    public func hash(into hasher: inout Hasher) { hasher.combine(frame) }

    /// The header's processing requirement (what the host asks the terminal to do next).
    public var processingRequirement: ProcessingRequirement { frame.header.processingRequirement }

    /// The MAC input (MTI to the end of field 63) when the message carries field 64 as its last field.
    public var macInput: ArraySlice<UInt8>? { spec.macInput(ofPacked: frame.body[...], message: message) }

    /// Whether the host demands a new sign-on: header processing requirement `3`, or a response
    /// code whose action is to sign on again (`77`, `99`, `A0`, `C1`).
    public var demandsSignOn: Bool {
        processingRequirement == .signOn
            || (message.mti.isResponse && message.text(39).map { ResponseCodeInfo.lookup($0).action == .signOnAgain } == true)
    }

    /// Field 64, when present.
    public var mac: [UInt8]? { message[MessageSpec.macField] }
}

extension Frame {
    /// Packs `message` into a frame. With `mac`, field 64 is added and filled with what `mac`
    /// returns for the MAC input (the caller holds the key); without it the message is packed as is.
    public init(message: ISO8583Message, spec: MessageSpec = .cup, tpdu: TPDU, header: MessageHeader,
                mac: ((ArraySlice<UInt8>) -> [UInt8])? = nil) throws(CodecError) {
        let body: [UInt8]
        if let mac {
            let pending = try spec.packForMAC(message)
            body = try pending.sealed(with: mac(pending.macInput))
        } else {
            body = try spec.pack(message)
        }
        self.init(tpdu: tpdu, header: header, body: body)
    }
}
