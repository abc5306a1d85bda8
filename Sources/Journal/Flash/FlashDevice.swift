/// The contract every flash backend fulfils (in-memory emulator, file image, Linux MTD).
///
/// NOR semantics: `program` can only clear bits (the stored value becomes `old AND new`), only
/// `erase` sets a whole sector back to `0xFF`. Devices are not thread-safe; a device belongs to
/// the one ``JournalStore`` mounted on it.
public protocol FlashDevice: AnyObject {
    /// The device's geometry.
    var geometry: FlashGeometry { get }
    /// Copies `buffer.count` bytes starting at `address` into `buffer`.
    func read(_ address: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FlashError)
    /// Programs `bytes` at `address`: granule aligned, within one page.
    func program(_ address: Int, _ bytes: UnsafeRawBufferPointer) throws(FlashError)
    /// Erases one sector to `0xFF`.
    func erase(sector: Int) throws(FlashError)
    /// Makes every completed program and erase durable (a write barrier). In-memory: a no-op
    /// unless the fault injector models reordered writes; file: `fdatasync`.
    func sync() throws(FlashError)
}

extension FlashDevice {
    /// Reads `count` bytes at `address` into a new array.
    public func read(_ address: Int, count: Int) throws(FlashError) -> [UInt8] {
        var failure: FlashError?
        let out = [UInt8](unsafeUninitializedCapacity: max(0, count)) { buffer, initialized in
            do throws(FlashError) {
                try read(address, into: UnsafeMutableRawBufferPointer(buffer))
                initialized = buffer.count
            } catch {
                // Never hand out uninitialised bytes: zero them on failure.
                buffer.initialize(repeating: 0)
                initialized = buffer.count
                failure = error
            }
        }
        if let failure { throw failure }
        return out
    }

    /// Programs `bytes` at `address`.
    public func program(_ address: Int, bytes: [UInt8]) throws(FlashError) {
        var failure: FlashError?
        bytes.withUnsafeBytes { buffer in
            do throws(FlashError) { try program(address, buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

extension FlashGeometry {
    /// Checks a read range.
    func checkRange(_ address: Int, _ count: Int) throws(FlashError) {
        guard address >= 0, count >= 0, address <= totalSize - count else {
            throw .outOfRange(address: address, count: count)
        }
    }

    /// Checks a program: in range, granule aligned, inside one page.
    func checkProgram(_ address: Int, _ count: Int) throws(FlashError) {
        try checkRange(address, count)
        guard address % programGranule == 0, count % programGranule == 0 else {
            throw .misaligned(address: address, count: count)
        }
        guard count == 0 || address / pageSize == (address + count - 1) / pageSize else {
            throw .crossesPage(address: address, count: count)
        }
    }

    /// Checks a sector index.
    func checkSector(_ sector: Int) throws(FlashError) {
        guard sector >= 0, sector < sectorCount else {
            throw .outOfRange(address: sector &* sectorSize, count: sectorSize)
        }
    }
}
