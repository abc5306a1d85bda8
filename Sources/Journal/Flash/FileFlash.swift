import Glibc

/// A flash image in a host file: a 4 KiB superblock recording the geometry, then the medium.
///
/// Programs read the old bytes with `pread`, AND the new ones in and `pwrite` the result;
/// erases write `0xFF`; ``sync()`` is `fdatasync`, which the store calls before and after each
/// commit record so that a commit never reaches the disk before its data. Opening an image with
/// the wrong geometry is refused.
public final class FileFlash: FlashDevice {
    /// The geometry recorded in the image.
    public let geometry: FlashGeometry
    /// The image path.
    public let path: String
    /// Refuse programs over non-erased bytes.
    public var strict: Bool
    /// Receives the emulated cost of every operation (optional).
    public var clock: (any FlashClock)?
    /// Durations charged to `clock`.
    public var timing: FlashTimingProfile = .w25q128Typical
    /// Operation counts since opening.
    public private(set) var counters = FlashCounters()
    /// When false, ``sync()`` does not call `fdatasync`: faster, but a host crash may lose
    /// acknowledged commits (a killed process loses nothing; the kernel keeps its writes).
    public var durable = true

    private let fd: Int32
    /// Bytes before the medium: the superblock.
    public static let superblockSize = 4096
    private static let magic: [UInt8] = Array("PTFLASH1".utf8)

    private init(fd: Int32, path: String, geometry: FlashGeometry, strict: Bool) {
        self.fd = fd
        self.path = path
        self.geometry = geometry
        self.strict = strict
    }

    deinit { close(fd) }

    /// Creates (or truncates) an image file for `geometry`, fully erased.
    public static func create(path: String, geometry: FlashGeometry, strict: Bool = true) throws(FlashError) -> FileFlash {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(operation: "open \(path)", errno: errno) }
        let flash = FileFlash(fd: fd, path: path, geometry: geometry, strict: strict)
        var superblock = [UInt8](repeating: 0, count: superblockSize)
        for (i, b) in magic.enumerated() { superblock[i] = b }
        superblock.storeLE(UInt32(geometry.pageSize), at: 8)
        superblock.storeLE(UInt32(geometry.sectorSize), at: 12)
        superblock.storeLE(UInt32(geometry.sectorCount), at: 16)
        superblock.storeLE(UInt32(geometry.programGranule), at: 20)
        superblock.storeLE(CRC32C.checksum(superblock[0..<24]), at: 24)
        try flash.writeAll(superblock, at: 0)
        let erased = [UInt8](repeating: 0xFF, count: geometry.sectorSize)
        for s in 0..<geometry.sectorCount {
            try flash.writeAll(erased, at: superblockSize + s * geometry.sectorSize)
        }
        guard fdatasync(fd) == 0 else { throw .io(operation: "fdatasync", errno: errno) }
        return flash
    }

    /// Opens an existing image, reading its geometry; with `expecting`, refuses any other.
    public static func open(path: String, expecting: FlashGeometry? = nil, strict: Bool = true,
                            readOnly: Bool = false) throws(FlashError) -> FileFlash {
        let fd = Glibc.open(path, (readOnly ? O_RDONLY : O_RDWR) | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open \(path)", errno: errno) }
        var superblock = [UInt8](repeating: 0, count: 28)
        let got = superblock.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 28, 0) }
        guard got == 28, Array(superblock[0..<8]) == magic,
              superblock.loadLE(UInt32.self, at: 24) == CRC32C.checksum(superblock[0..<24]) else {
            close(fd)
            throw .geometryMismatch("\(path) is not a posterm flash image (bad superblock)")
        }
        let geometry: FlashGeometry
        do throws(FlashError) {
            geometry = try FlashGeometry(
                pageSize: Int(superblock.loadLE(UInt32.self, at: 8) ?? 0),
                sectorSize: Int(superblock.loadLE(UInt32.self, at: 12) ?? 0),
                sectorCount: Int(superblock.loadLE(UInt32.self, at: 16) ?? 0),
                programGranule: Int(superblock.loadLE(UInt32.self, at: 20) ?? 0))
        } catch {
            close(fd)
            throw error
        }
        if let expecting, expecting != geometry {
            close(fd)
            throw .geometryMismatch("\(path) holds \(geometry), expected \(expecting)")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, Int(st.st_size) >= superblockSize + geometry.totalSize else {
            close(fd)
            throw .geometryMismatch("\(path) is shorter than its geometry \(geometry)")
        }
        return FileFlash(fd: fd, path: path, geometry: geometry, strict: strict)
    }

    /// Reads with `pread`.
    public func read(_ address: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError) {
        try geometry.checkRange(address, buffer.count)
        counters.reads += 1
        counters.bytesRead += buffer.count
        clock?.advance(nanoseconds: timing.readCost(buffer.count))
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(Self.superblockSize + address + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io(operation: "pread", errno: n < 0 ? errno : EIO) }
            done += n
        }
    }

    /// Programs with NOR semantics via read-modify-write.
    public func program(_ address: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError) {
        try geometry.checkProgram(address, bytes.count)
        if bytes.isEmpty { return }
        var old = try read(address, count: bytes.count)
        counters.reads -= 1
        counters.bytesRead -= bytes.count
        if old.contains(where: { $0 != 0xFF }) {
            counters.programsOverNonErased += 1
            if strict { throw .notErased(address: address) }
        }
        for i in 0..<old.count { old[i] &= bytes[i] }
        counters.programs += 1
        counters.bytesProgrammed += bytes.count
        clock?.advance(nanoseconds: timing.programCost(bytes.count))
        try writeAll(old, at: Self.superblockSize + address)
    }

    /// Erases by writing `0xFF` over the sector.
    public func erase(sector: Int) throws(FlashError) {
        try geometry.checkSector(sector)
        counters.erases += 1
        clock?.advance(nanoseconds: timing.sectorEraseNanoseconds)
        try writeAll([UInt8](repeating: 0xFF, count: geometry.sectorSize),
                     at: Self.superblockSize + sector * geometry.sectorSize)
    }

    /// `fdatasync`: everything written so far reaches the disk.
    public func sync() throws(FlashError) {
        guard durable else { return }
        guard fdatasync(fd) == 0 else { throw .io(operation: "fdatasync", errno: errno) }
    }

    private func writeAll(_ bytes: [UInt8], at offset: Int) throws(FlashError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io(operation: "pwrite", errno: n < 0 ? errno : EIO) }
            done += n
        }
    }
}
