/// A packed message whose MAC field holds zeros, waiting for the MAC computed over `macInput`.
///
/// The codec holds no keys: a caller with the MAC key (the Security layer, a PIN pad) computes
/// the MAC over `macInput` and seals the message with it.
public struct MACPendingMessage: Sendable, Hashable {
    /// The packed body with a zero-filled MAC field at the end.
    public let bytes: [UInt8]
    /// Length of the MAC field in bytes.
    public let macLength: Int

    /// The MAC input block (CUP "MAB"): every byte from the MTI up to, not including, the MAC.
    public var macInput: ArraySlice<UInt8> { bytes[..<(bytes.count - macLength)] }

    /// The packed body with `mac` in place of the zeros. The MAC must have the field's length.
    public func sealed(with mac: [UInt8]) throws(CodecError) -> [UInt8] {
        guard mac.count == macLength else {
            throw .valueLength(field: MessageSpec.macField, length: mac.count, allowed: macLength...macLength)
        }
        var sealed = bytes
        sealed.replaceSubrange((bytes.count - macLength)..., with: mac)
        return sealed
    }
}

extension MessageSpec {
    /// The MAC field on terminal links (field 64, `b` 8 bytes).
    public static let macField = 64

    /// Packs `message` with a zero MAC in field 64, ready for `sealed(with:)`. Field 64 must be the
    /// last field, so fields 65-128 are rejected; a value already in field 64 is replaced.
    public func packForMAC(_ message: ISO8583Message) throws(CodecError) -> MACPendingMessage {
        guard let spec = field(Self.macField), spec.type == .b, spec.prefix == .fixed else {
            throw .undefinedValueField(field: Self.macField)
        }
        if let extra = message.fieldNumbers.first(where: { $0 > Self.macField }) {
            throw .undefinedValueField(field: extra)
        }
        var withMAC = message
        withMAC[Self.macField] = [UInt8](repeating: 0, count: spec.length)
        return MACPendingMessage(bytes: try pack(withMAC), macLength: spec.length)
    }

    /// The MAC input of a received body that unpacked to `message`: the bytes before field 64.
    /// Nil when the message carries no MAC or field 64 is not its last field.
    public func macInput(ofPacked body: ArraySlice<UInt8>, message: ISO8583Message) -> ArraySlice<UInt8>? {
        guard let mac = message[Self.macField], message.fieldNumbers.last == Self.macField,
              body.count >= Self.minimumMessageLength + mac.count else { return nil }
        return body[..<(body.endIndex - mac.count)]
    }
}
