import Glibc
import Journal
import Testing

@Suite("Flash devices")
struct FlashEmulatorTests {
    let geometry = Geometries.small(granule: 1, sectors: 4)

    @Test("CRC-32C check value")
    func crc() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test("program stores old AND new; strict mode refuses non-erased bytes")
    func norSemantics() throws {
        let strict = MemoryFlash(geometry: geometry)
        try strict.program(0, bytes: [0xF0, 0x0F])
        #expect(try strict.read(0, count: 3) == [0xF0, 0x0F, 0xFF])
        #expect(throws: FlashError.notErased(address: 0)) { try strict.program(0, bytes: [0x3C]) }
        let lenient = MemoryFlash(geometry: geometry, strict: false)
        try lenient.program(0, bytes: [0xF0])
        try lenient.program(0, bytes: [0x3C])
        #expect(try lenient.read(0, count: 1) == [0x30])
        #expect(lenient.counters.programsOverNonErased == 1)
        try lenient.erase(sector: 0)
        #expect(try lenient.read(0, count: 1) == [0xFF])
        #expect(lenient.eraseCounts[0] == 1)
    }

    @Test("page crossing, misalignment and ranges are refused")
    func programRules() throws {
        let flash = MemoryFlash(geometry: geometry)
        #expect(throws: FlashError.crossesPage(address: 250, count: 10)) { try flash.program(250, bytes: [UInt8](repeating: 0, count: 10)) }
        #expect(throws: FlashError.outOfRange(address: 4096, count: 1)) { _ = try flash.read(4096, count: 1) }
        let wide = MemoryFlash(geometry: Geometries.small(granule: 8, sectors: 4))
        #expect(throws: FlashError.misaligned(address: 4, count: 8)) { try wide.program(4, bytes: [UInt8](repeating: 0, count: 8)) }
        #expect(throws: FlashError.self) { try FlashGeometry(pageSize: 300, sectorSize: 4096, sectorCount: 4) }
    }

    @Test("operation costs go to the simulated clock")
    func timing() throws {
        let clock = ManualFlashClock()
        let flash = MemoryFlash(geometry: geometry, timing: .w25q128Typical, clock: clock)
        try flash.program(0, bytes: [UInt8](repeating: 0, count: 256))
        #expect(clock.nanoseconds == FlashTimingProfile.w25q128Typical.programCost(256))
        try flash.erase(sector: 0)
        _ = try flash.read(0, count: 100)
        #expect(clock.nanoseconds == FlashTimingProfile.w25q128Typical.programCost(256) + 45_000_000 + 16_000)
    }

    @Test("wear-out behaviours", arguments: WearOutBehaviour.allCases)
    func wearOut(behaviour: WearOutBehaviour) throws {
        let flash = MemoryFlash(geometry: geometry, endurance: 2, wearOutBehaviour: behaviour)
        try flash.erase(sector: 1)
        try flash.erase(sector: 1)
        switch behaviour {
        case .eraseFails: #expect(throws: FlashError.wornOut(sector: 1)) { try flash.erase(sector: 1) }
        case .programFails: #expect(throws: FlashError.wornOut(sector: 1)) { try flash.program(1024, bytes: [0]) }
        case .readFails: #expect(throws: FlashError.readFailed(address: 1024)) { _ = try flash.read(1024, count: 1) }
        case .programIgnored:
            try flash.program(1024, bytes: [0])
            #expect(try flash.read(1024, count: 1) == [0xFF])
        case .eraseIgnored:
            try flash.program(1024, bytes: [0])
            try flash.erase(sector: 1)
            #expect(try flash.read(1024, count: 1) == [0])
        }
        try flash.program(0, bytes: [0x12])
        #expect(try flash.read(0, count: 1) == [0x12])
    }

    @Test("a torn program lands a subset of the bit changes and leaves unstable cells")
    func tornProgram() throws {
        let flash = MemoryFlash(geometry: geometry)
        flash.install(FaultPlan(seed: 7, cutAtOperation: 1, cutStyle: .tornBits, unstableCells: true))
        let data = [UInt8](repeating: 0x00, count: 64)
        #expect(throws: FlashError.powerCut) { try flash.program(0, bytes: data) }
        #expect(throws: FlashError.powerCut) { _ = try flash.read(0, count: 1) }
        flash.powerOn()
        let first = try flash.read(0, count: 64)
        var differs = false
        for _ in 0..<8 where try flash.read(0, count: 64) != first { differs = true }
        #expect(differs, "unstable cells read back differently")
        #expect(flash.unstableSectorCount == 1)
        try flash.erase(sector: 0)
        #expect(flash.unstableSectorCount == 0)
        #expect(try flash.read(0, count: 64) == [UInt8](repeating: 0xFF, count: 64))
    }

    @Test("an interrupted erase leaves the sector partly erased")
    func interruptedErase() throws {
        let flash = MemoryFlash(geometry: geometry)
        try flash.program(0, bytes: [UInt8](repeating: 0, count: 256))
        flash.install(FaultPlan(seed: 3, cutAtOperation: 1, cutStyle: .tornBits, unstableCells: false))
        #expect(throws: FlashError.powerCut) { try flash.erase(sector: 0) }
        flash.powerOn()
        let after = try flash.read(0, count: 256)
        #expect(after.contains(0xFF) || after.contains { $0 != 0 })
        #expect(after != [UInt8](repeating: 0xFF, count: 256))
    }

    @Test("bit flips and injected read errors")
    func readFaults() throws {
        let flash = MemoryFlash(geometry: geometry)
        flash.install(FaultPlan(seed: 1, readBitFlipsPerMillion: 1_000_000, failReadAt: 3))
        let a = try flash.read(0, count: 16)
        #expect(a.filter { $0 != 0xFF }.count == 1)
        _ = try flash.read(0, count: 16)
        #expect(throws: FlashError.readFailed(address: 0)) { _ = try flash.read(0, count: 16) }
    }

    @Test("reordered unsynced writes land in a subset at a cut; synced ones always stay")
    func reorder() throws {
        let flash = MemoryFlash(geometry: geometry)
        flash.install(FaultPlan(seed: 11, cutAtOperation: 40, cutStyle: .beforeOperation, reorderUnsyncedWrites: true))
        try flash.program(0, bytes: [0x00])
        try flash.sync()
        for i in 1..<39 { try flash.program(i, bytes: [0x00]) }
        #expect(throws: FlashError.powerCut) { try flash.program(100, bytes: [0x00]) }
        flash.powerOn()
        let bytes = try flash.read(0, count: 39)
        #expect(bytes[0] == 0)
        #expect(bytes.contains(0xFF) && bytes[1...].contains(0))
    }

    @Test("file images record their geometry and refuse another")
    func fileBackend() throws {
        let path = "/tmp/journal-test-\(getpid())-file.img"
        defer { unlink(path) }
        let flash = try FileFlash.create(path: path, geometry: geometry)
        try flash.program(10, bytes: [0x0F])
        try flash.sync()
        #expect(throws: FlashError.notErased(address: 10)) { try flash.program(10, bytes: [0xF0]) }
        let reopened = try FileFlash.open(path: path, expecting: geometry)
        #expect(try reopened.read(10, count: 2) == [0x0F, 0xFF])
        #expect(reopened.geometry == geometry)
        #expect(throws: FlashError.self) { try FileFlash.open(path: path, expecting: Geometries.small(sectors: 5)) }
        let junk = "/tmp/journal-test-\(getpid())-junk.img"
        defer { unlink(junk) }
        let fd = open(junk, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        _ = write(fd, "not an image", 12)
        close(fd)
        #expect(throws: FlashError.self) { try FileFlash.open(path: junk) }
    }

    @Test("memory and file backends agree operation for operation")
    func conformance() throws {
        let path = "/tmp/journal-test-\(getpid())-conf.img"
        defer { unlink(path) }
        let file = try FileFlash.create(path: path, geometry: geometry)
        let memory = MemoryFlash(geometry: geometry)
        var rng = SeededRandom(seed: 99)
        for _ in 0..<200 {
            let sector = Int(rng.next() % 4)
            if rng.next() % 10 == 0 {
                try file.erase(sector: sector)
                try memory.erase(sector: sector)
            } else {
                let address = sector * 1024 + Int(rng.next() % 1000) & ~0xF
                let count = min(16, 256 - address % 256)
                let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let a = Result { try file.program(address, bytes: bytes) }
                let b = Result { try memory.program(address, bytes: bytes) }
                #expect(((try? a.get()) != nil) == ((try? b.get()) != nil))
            }
        }
        #expect(try file.read(0, count: geometry.totalSize) == memory.image)
    }

    @Test("MTD ioctl numbers and device (skipped without /dev/mtd0)")
    func mtd() throws {
        #expect(MTDFlash.memGetInfo == 0x8020_4D01)
        #expect(MTDFlash.memErase == 0x4008_4D02)
        guard access("/dev/mtd0", R_OK | W_OK) == 0 else {
            print("MTD test skipped: no writable /dev/mtd0 (load mtdram: modprobe mtdram total_size=1024 erase_size=4)")
            return
        }
        let flash = try MTDFlash(path: "/dev/mtd0")
        try JournalStore.format(flash)
        let store = try JournalStore(mounting: flash)
        try store.commit(JournalGroup([.put(key: "mtd", value: [1, 2, 3])]))
        #expect(try JournalStore(mounting: flash).value(forKey: "mtd") == [1, 2, 3])
    }
}
