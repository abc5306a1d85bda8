/// Byte layout of one sector for a given geometry (see docs/flash-format.md).
///
/// ```
/// 0            header A (32 B, padded to the alignment): magic "PTJA", erase count
/// A            header B (32 B, padded): magic "PTJB", sector sequence; written when opened
/// A + B        records, each padded to the alignment, grouped by commit records
/// ```
struct Layout: Sendable {
    let geometry: FlashGeometry
    /// Record alignment: the program granule, at least 8 bytes.
    let align: Int
    /// Size of header A (padded).
    let headerASize: Int
    /// Size of header B (padded).
    let headerBSize: Int

    init(_ geometry: FlashGeometry) {
        self.geometry = geometry
        align = max(geometry.programGranule, 8)
        headerASize = (SectorHeaders.size + align - 1) / align * align
        headerBSize = headerASize
    }

    /// Offset of the first record in a sector.
    var dataStart: Int { headerASize + headerBSize }
    /// Record bytes one sector holds.
    var capacity: Int { geometry.sectorSize - dataStart }
    /// `n` rounded up to the alignment.
    func padded(_ n: Int) -> Int { (n + align - 1) / align * align }
    /// Device address of `offset` in `sector`.
    func address(sector: Int, offset: Int) -> Int { sector * geometry.sectorSize + offset }
}

/// Encoding of the two sector headers.
enum SectorHeaders {
    /// Unpadded header size.
    static let size = 32
    static let magicA: [UInt8] = Array("PTJA".utf8)
    static let magicB: [UInt8] = Array("PTJB".utf8)
    static let version: UInt16 = 1

    static func log2(_ v: Int) -> UInt8 { UInt8(v.trailingZeroBitCount) }

    /// Header A: magic, version, granule and sector size (log2), erase count, sector count, CRC.
    static func encodeA(eraseCount: UInt32, layout: Layout) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: layout.headerASize)
        for i in 0..<4 { b[i] = magicA[i] }
        b.storeLE(version, at: 4)
        b[6] = log2(layout.geometry.programGranule)
        b[7] = log2(layout.geometry.sectorSize)
        b.storeLE(eraseCount, at: 8)
        b.storeLE(UInt32(layout.geometry.sectorCount), at: 12)
        b.storeLE(CRC32C.checksum(b[0..<28]), at: 28)
        return b
    }

    /// The erase count in a valid header A for this geometry, or nil.
    static func decodeA(_ s: UnsafeRawBufferPointer, layout: Layout) -> UInt32? {
        guard s.count >= size, s[0] == magicA[0], s[1] == magicA[1], s[2] == magicA[2], s[3] == magicA[3],
              s.loadLE(UInt32.self, at: 28) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: s[0..<28])),
              s.loadLE(UInt16.self, at: 4) == version,
              s[6] == log2(layout.geometry.programGranule), s[7] == log2(layout.geometry.sectorSize),
              s.loadLE(UInt32.self, at: 12) == UInt32(layout.geometry.sectorCount) else { return nil }
        return s.loadLE(UInt32.self, at: 8)
    }

    /// Header B: magic, version, sector sequence, the erase count of header A, CRC.
    static func encodeB(sequence: UInt64, eraseCount: UInt32, layout: Layout) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: layout.headerBSize)
        for i in 0..<4 { b[i] = magicB[i] }
        b.storeLE(version, at: 4)
        b.storeLE(sequence, at: 8)
        b.storeLE(eraseCount, at: 16)
        b.storeLE(CRC32C.checksum(b[0..<28]), at: 28)
        return b
    }

    /// The sequence in a valid header B bound to header A's erase count, or nil.
    static func decodeB(_ s: UnsafeRawBufferPointer, eraseCount: UInt32) -> UInt64? {
        guard s.count >= size, s[0] == magicB[0], s[1] == magicB[1], s[2] == magicB[2], s[3] == magicB[3],
              s.loadLE(UInt32.self, at: 28) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: s[0..<28])),
              s.loadLE(UInt16.self, at: 4) == version,
              s.loadLE(UInt32.self, at: 16) == eraseCount else { return nil }
        return s.loadLE(UInt64.self, at: 8)
    }
}
