/// The shape of a NOR flash part: program pages, erase sectors and the program granule.
///
/// Addresses handed to a ``FlashDevice`` run from 0 to `totalSize - 1`. A program may not
/// cross a page boundary, must start on a granule boundary and cover whole granules; an erase
/// always resets one whole sector to `0xFF`.
public struct FlashGeometry: Sendable, Hashable, CustomStringConvertible {
    /// Bytes per program page (256 on a W25Q128).
    public let pageSize: Int
    /// Bytes per erase sector, the smallest erase unit (4096 on a W25Q128).
    public let sectorSize: Int
    /// Number of erase sectors on the device.
    public let sectorCount: Int
    /// Smallest programmable unit in bytes (1 on SPI NOR; 8 or more on MCU flash with ECC).
    public let programGranule: Int

    /// Creates a geometry after checking that the sizes nest (granule | page | sector) and are
    /// powers of two; throws ``FlashError/invalidGeometry(_:)`` otherwise.
    public init(pageSize: Int, sectorSize: Int, sectorCount: Int, programGranule: Int = 1) throws(FlashError) {
        func isPowerOfTwo(_ v: Int) -> Bool { v > 0 && v & (v - 1) == 0 }
        guard isPowerOfTwo(programGranule), programGranule <= 256 else {
            throw .invalidGeometry("program granule \(programGranule) must be a power of two up to 256")
        }
        guard isPowerOfTwo(pageSize), pageSize >= programGranule else {
            throw .invalidGeometry("page size \(pageSize) must be a power of two of at least one granule")
        }
        guard isPowerOfTwo(sectorSize), sectorSize >= pageSize, sectorSize >= 512, sectorSize <= 1 << 20 else {
            throw .invalidGeometry("sector size \(sectorSize) must be a power of two between 512 B and 1 MiB and hold a page")
        }
        guard sectorCount >= 1, sectorCount <= 1 << 20 else {
            throw .invalidGeometry("sector count \(sectorCount) must be between 1 and 1048576")
        }
        self.pageSize = pageSize
        self.sectorSize = sectorSize
        self.sectorCount = sectorCount
        self.programGranule = programGranule
    }

    /// A Winbond W25Q128-like part (256 B pages, 4 KiB sectors, byte granule) with the given
    /// number of sectors; 1024 sectors make a 4 MiB partition.
    public static func w25q128(sectors: Int) -> FlashGeometry {
        // The constants satisfy every check above for any sane sector count.
        (try? FlashGeometry(pageSize: 256, sectorSize: 4096, sectorCount: max(1, min(sectors, 4096)), programGranule: 1))
            ?? FlashGeometry(unchecked: 256, 4096, 1, 1)
    }

    private init(unchecked page: Int, _ sector: Int, _ count: Int, _ granule: Int) {
        pageSize = page
        sectorSize = sector
        sectorCount = count
        programGranule = granule
    }

    /// Total device size in bytes.
    public var totalSize: Int { sectorSize * sectorCount }

    /// Human-readable summary, e.g. `1024 x 4096 B sectors, 256 B pages, granule 1`.
    public var description: String {
        "\(sectorCount) x \(sectorSize) B sectors, \(pageSize) B pages, granule \(programGranule)"
    }
}
