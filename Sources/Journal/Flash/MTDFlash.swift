import Glibc

/// Linux MTD character device backend (`/dev/mtdN`), for NOR parts exposed by the kernel.
///
/// The ioctl numbers are computed in Swift from the asm-generic `_IOC` encoding used by x86-64,
/// ARM and arm64: `MEMGETINFO = _IOR('M', 1, struct mtd_info_user)` and
/// `MEMERASE = _IOW('M', 2, struct erase_info_user)`.
public final class MTDFlash: FlashDevice {
    /// Geometry derived from `MEMGETINFO`: the erase block is the sector, the write size the
    /// granule; programs are split into 256-byte pages (or the erase size if smaller).
    public let geometry: FlashGeometry
    /// The device path.
    public let path: String
    /// The MTD type reported by the kernel (1 RAM, 3 NOR, 4 NAND, ...).
    public let mtdType: UInt8
    private let fd: Int32

    /// `_IOC(dir, type, nr, size)` of asm-generic: dir << 30 | size << 16 | type << 8 | nr.
    static func ioc(direction: UInt, type: UInt8, number: UInt8, size: Int) -> UInt {
        direction << 30 | UInt(size) << 16 | UInt(type) << 8 | UInt(number)
    }

    /// `MEMGETINFO`: `_IOR('M', 1, 32-byte struct mtd_info_user)` = 0x80204D01.
    public static let memGetInfo = ioc(direction: 2, type: UInt8(ascii: "M"), number: 1, size: 32)
    /// `MEMERASE`: `_IOW('M', 2, 8-byte struct erase_info_user)` = 0x40084D02.
    public static let memErase = ioc(direction: 1, type: UInt8(ascii: "M"), number: 2, size: 8)

    /// Opens an MTD device and reads its geometry.
    public init(path: String) throws(FlashError) {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open \(path)", errno: errno) }
        var info = [UInt8](repeating: 0, count: 32)
        let rc = info.withUnsafeMutableBytes { ioctl(fd, Self.memGetInfo, $0.baseAddress!) }
        guard rc == 0 else {
            let e = errno
            close(fd)
            throw .io(operation: "MEMGETINFO \(path)", errno: e)
        }
        // struct mtd_info_user { u8 type; u32 flags; u32 size; u32 erasesize; u32 writesize; ... }
        let size = Int(info.loadLE(UInt32.self, at: 8) ?? 0)
        let eraseSize = Int(info.loadLE(UInt32.self, at: 12) ?? 0)
        let writeSize = max(1, Int(info.loadLE(UInt32.self, at: 16) ?? 1))
        do throws(FlashError) {
            guard eraseSize > 0, size % eraseSize == 0 else {
                throw FlashError.invalidGeometry("\(path) reports size \(size) and erase size \(eraseSize)")
            }
            geometry = try FlashGeometry(pageSize: max(writeSize, min(256, eraseSize)), sectorSize: eraseSize,
                                         sectorCount: size / eraseSize, programGranule: writeSize)
        } catch {
            close(fd)
            throw error
        }
        self.fd = fd
        self.path = path
        mtdType = info[0]
    }

    deinit { close(fd) }

    /// Reads with `pread`.
    public func read(_ address: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError) {
        try geometry.checkRange(address, buffer.count)
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(address + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .readFailed(address: address + done) }
            done += n
        }
    }

    /// Programs with `pwrite` (the kernel driver enforces NOR rules on real parts).
    public func program(_ address: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError) {
        try geometry.checkProgram(address, bytes.count)
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(address + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io(operation: "pwrite", errno: n < 0 ? errno : EIO) }
            done += n
        }
    }

    /// Erases one erase block with `MEMERASE`.
    public func erase(sector: Int) throws(FlashError) {
        try geometry.checkSector(sector)
        var request = [UInt8]()
        request.appendLE(UInt32(sector * geometry.sectorSize))
        request.appendLE(UInt32(geometry.sectorSize))
        let rc = request.withUnsafeMutableBytes { ioctl(fd, Self.memErase, $0.baseAddress!) }
        guard rc == 0 else { throw .io(operation: "MEMERASE", errno: errno) }
    }

    /// MTD writes and erases complete synchronously; nothing to flush.
    public func sync() throws(FlashError) {}
}
