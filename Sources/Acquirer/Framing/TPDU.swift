/// The 5-byte transport protocol data unit in front of every CUP message: ID `0x60`, then the
/// destination and originator addresses (network international identifiers).
public struct TPDU: Sendable, Hashable {
    /// Encoded size in bytes.
    public static let byteCount = 5
    /// The TPDU ID CUP front ends expect.
    public static let standardID: UInt8 = 0x60

    /// The ID byte, `0x60` on CUP links.
    public var id: UInt8
    /// Destination address (selects the acquirer front end), e.g. `0x0003`.
    public var destination: UInt16
    /// Originator address, e.g. `0x0000`.
    public var originator: UInt16

    /// A TPDU from its parts.
    public init(id: UInt8 = TPDU.standardID, destination: UInt16, originator: UInt16) {
        self.id = id
        self.destination = destination
        self.originator = originator
    }

    /// Reads a TPDU from the first five bytes of `bytes`; nil when fewer are available.
    public init?(_ bytes: ArraySlice<UInt8>) {
        guard bytes.count >= Self.byteCount else { return nil }
        let start = bytes.startIndex
        self.id = bytes[start]
        self.destination = UInt16(bytes[start + 1]) << 8 | UInt16(bytes[start + 2])
        self.originator = UInt16(bytes[start + 3]) << 8 | UInt16(bytes[start + 4])
    }

    /// The five bytes on the wire.
    public var bytes: [UInt8] {
        [id, UInt8(destination >> 8), UInt8(destination & 0xFF), UInt8(originator >> 8), UInt8(originator & 0xFF)]
    }

    /// The TPDU a response carries: destination and originator swapped.
    public var swapped: TPDU { TPDU(id: id, destination: originator, originator: destination) }
}
