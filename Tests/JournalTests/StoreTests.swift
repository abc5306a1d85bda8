import Glibc
import Journal
import Testing

/// A formatted, mounted store on a fresh strict in-memory device.
func freshStore(_ geometry: FlashGeometry = Geometries.small(sectors: 16), endurance: UInt32? = nil,
                wear: WearOutBehaviour = .eraseFails) throws -> (MemoryFlash, JournalStore) {
    let device = MemoryFlash(geometry: geometry, endurance: endurance, wearOutBehaviour: wear)
    try JournalStore.format(device)
    return (device, try JournalStore(mounting: device))
}

@Suite("Journal store")
struct StoreTests {
    @Test("key-value puts, deletes and prefix listing survive a remount")
    func keyValue() throws {
        let (device, store) = try freshStore()
        try store.commit(JournalGroup([.put(key: "config/tid", value: [1]), .put(key: "config/mid", value: [2]),
                                       .put(key: "operator/01", value: [3])]))
        try store.commit(JournalGroup([.delete(key: "config/mid"), .put(key: "config/tid", value: [9])]))
        for s in [store, try JournalStore(mounting: device)] {
            #expect(try s.value(forKey: "config/tid") == [9])
            #expect(try s.value(forKey: "config/mid") == nil)
            #expect(s.keys(withPrefix: "config/") == ["config/tid"])
            #expect(s.keys(withPrefix: "") == ["config/tid", "operator/01"])
        }
    }

    @Test("log iteration and lookup by order number, trace number and batch")
    func log() throws {
        let (device, store) = try freshStore()
        var ids: [UInt64] = []
        for i in 1...20 {
            let r = try store.commit(JournalGroup([.append(orderNumber: UInt64(i / 2), traceNumber: UInt64(100 + i),
                                                           batch: UInt64(i / 10), payload: [UInt8(i)])]))
            ids += r.logIds
        }
        #expect(ids == Array(1...20))
        let remounted = try JournalStore(mounting: device)
        #expect(remounted.logRecords().map(\.id) == Array(1...20))
        #expect(remounted.logRecords(orderNumber: 3).map(\.traceNumber) == [106, 107])
        #expect(remounted.logRecords(traceNumber: 115).first?.payload == [15])
        #expect(remounted.logRecords(batch: 2).map(\.id) == [20])
        #expect(try remounted.logRecord(id: 5)?.orderNumber == 2)
        let next = try remounted.commit(JournalGroup([.append(orderNumber: 0, traceNumber: 0, batch: 3, payload: [])]))
        #expect(next.logIds == [21])
    }

    @Test("counters never go backwards, even across remounts")
    func counters() throws {
        let (device, store) = try freshStore()
        var g = JournalGroup()
        g.increment("trace")
        g.increment("trace")
        g.advance("batch", to: 7)
        let r = try store.commit(g)
        #expect(r.counters == ["trace": 2, "batch": 7])
        #expect(throws: JournalError.counterWouldGoBackwards(name: "batch", current: 7, requested: 6)) {
            try store.commit(JournalGroup([.advance(counter: "batch", to: 6)]))
        }
        #expect(throws: JournalError.self) {
            try store.commit(JournalGroup([.advance(counter: "x", to: .max), .increment(counter: "x", by: 1)]))
        }
        let remounted = try JournalStore(mounting: device)
        #expect(remounted.counter("trace") == 2)
        #expect(remounted.counter("batch") == 7)
        #expect(remounted.counter("x") == 0)
    }

    @Test("retention drops settled batches only")
    func retention() throws {
        let (device, store) = try freshStore()
        for b in UInt64(0)..<4 {
            for i in UInt64(0)..<3 {
                try store.commit(JournalGroup([.append(orderNumber: b * 10 + i, traceNumber: i, batch: b, payload: [1])]))
            }
        }
        var g = JournalGroup()
        g.settleBatch(0)
        g.settleBatch(2)
        try store.commit(g)
        try store.commit(JournalGroup([.dropSettledBatches(through: 2)]))
        let remounted = try JournalStore(mounting: device)
        #expect(Set(remounted.logRecords().map(\.batch)) == [1, 3])
        #expect(remounted.settledBatches.isEmpty)
    }

    @Test("snapshot export decodes to the same contents; damaged backups are refused")
    func snapshotExport() throws {
        let (_, store) = try freshStore()
        var g = JournalGroup()
        g.put("k", [1, 2])
        g.append(orderNumber: 1, traceNumber: 2, batch: 3, payload: [4, 5])
        g.increment("trace")
        g.settleBatch(3)
        try store.commit(g)
        let bytes = store.snapshot().encoded()
        #expect(try JournalSnapshot(decoding: bytes) == store.snapshot())
        var broken = bytes
        broken[10] ^= 1
        #expect(throws: JournalError.self) { try JournalSnapshot(decoding: broken) }
        #expect(throws: JournalError.self) { try JournalSnapshot(decoding: Array(bytes.prefix(20))) }
        #expect(throws: JournalError.self) { try JournalSnapshot(decoding: []) }
    }

    @Test("headroom reserved while idle lets commits run without any erase")
    func headroom() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        let group = JournalGroup([.put(key: "reversal/pending", value: [UInt8](repeating: 7, count: 250))])
        let size = try store.encodedSize(of: group)
        for _ in 0..<40 { try store.commit(group) }
        try store.reserveHeadroom(bytes: 6 * size)
        let erases = device.counters.erases
        for _ in 0..<6 { try store.commit(group, maintenance: .forbidden) }
        #expect(device.counters.erases == erases)
        var refused = false
        for _ in 0..<40 {
            do { try store.commit(group, maintenance: .forbidden) } catch JournalError.noHeadroom { refused = true; break }
        }
        #expect(refused)
        #expect(device.counters.erases == erases)
    }

    @Test("a full store says so, stays readable and mounts")
    func full() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 6))
        var written = 0
        do {
            for i in 0..<1000 {
                try store.commit(JournalGroup([.put(key: "k\(i)", value: [UInt8](repeating: UInt8(i & 0xFF), count: 200))]))
                written += 1
            }
            Issue.record("never reported full")
        } catch JournalError.full {}
        #expect(written > 5)
        let remounted = try JournalStore(mounting: device)
        for i in 0..<written { #expect(try remounted.value(forKey: "k\(i)")?.count == 200) }
        try remounted.commit(JournalGroup([.delete(key: "k0"), .delete(key: "k1"), .delete(key: "k2")]))
        try remounted.commit(JournalGroup([.put(key: "after", value: [1])]))
    }

    @Test("invalid requests are refused with typed errors")
    func invalid() throws {
        let (_, store) = try freshStore()
        #expect(throws: JournalError.self) { try store.commit(JournalGroup([.put(key: "", value: [])])) }
        #expect(throws: JournalError.self) {
            try store.commit(JournalGroup([.put(key: String(repeating: "k", count: 300), value: [])]))
        }
        #expect(throws: JournalError.self) {
            try store.commit(JournalGroup([.put(key: "big", value: [UInt8](repeating: 0, count: 5000))]))
        }
        #expect(store.logRecords().isEmpty)
    }

    @Test("blank and foreign devices do not mount; format is the explicit wipe")
    func unformatted() throws {
        let device = MemoryFlash(geometry: Geometries.small(sectors: 8))
        #expect(throws: JournalError.unformatted) { try JournalStore(mounting: device) }
        var rng = SeededRandom(seed: 5)
        device.corrupt(0, (0..<device.geometry.totalSize).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        #expect(throws: JournalError.unformatted) { try JournalStore(mounting: device) }
        try JournalStore.format(device)
        let store = try JournalStore(mounting: device)
        #expect(store.snapshot() == JournalSnapshot())
        #expect(throws: JournalError.self) { try JournalStore(mounting: MemoryFlash(geometry: Geometries.small(sectors: 3))) }
    }

    @Test("worn-out media turns read-only with every acknowledged commit readable", arguments: WearOutBehaviour.allCases)
    func endOfLife(behaviour: WearOutBehaviour) throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8), endurance: 12, wear: behaviour)
        var model = Model()
        var workload = Workload(seed: 42, payloadSizes: 16...64)
        var stoppedBy: JournalError?
        for _ in 0..<5000 {
            let group = workload.next(model.state)
            guard let (next, _) = model.applying(group) else { continue }
            do { try store.commit(group) } catch {
                stoppedBy = error
                break
            }
            model = next
        }
        guard case .readOnly? = stoppedBy else {
            Issue.record("expected read-only, got \(String(describing: stoppedBy))")
            return
        }
        #expect(store.isReadOnly)
        #expect(store.snapshot() == model.state)
        #expect(throws: JournalError.self) { try store.commit(JournalGroup([.put(key: "x", value: [])])) }
        if behaviour != .readFails {
            let remounted = try JournalStore(mounting: device)
            #expect(remounted.snapshot() == model.state)
        }
    }

    @Test("file-backed store survives reopening and refuses the wrong geometry")
    func fileStore() throws {
        let path = "/tmp/journal-test-\(getpid())-store.img"
        defer { unlink(path) }
        let geometry = Geometries.small(sectors: 8)
        do {
            let flash = try FileFlash.create(path: path, geometry: geometry)
            try JournalStore.format(flash)
            let store = try JournalStore(mounting: flash)
            try store.commit(JournalGroup([.put(key: "op/1", value: [1]), .increment(counter: "trace", by: 5)]))
        }
        let store = try JournalStore(mounting: try FileFlash.open(path: path, expecting: geometry))
        #expect(try store.value(forKey: "op/1") == [1])
        #expect(store.counter("trace") == 5)
        #expect(throws: FlashError.self) { try FileFlash.open(path: path, expecting: Geometries.small(sectors: 9)) }
    }
}

@Suite("Backup and restore")
struct RestoreTests {
    @Test("a backup restores onto a fresh device with the same contents and log ids")
    func roundTrip() throws {
        let (_, store) = try freshStore(Geometries.small(sectors: 16))
        var model = Model()
        var workload = Workload(seed: 77, payloadSizes: 16...80)
        for _ in 0..<60 {
            let g = workload.next(model.state)
            guard let (next, _) = model.applying(g) else { continue }
            try store.commit(g)
            model = next
        }
        let backup = try JournalSnapshot(decoding: store.snapshot().encoded())
        let target = MemoryFlash(geometry: Geometries.small(sectors: 16))
        let restored = try JournalStore.restore(backup, onto: target)
        #expect(restored.snapshot() == store.snapshot())
        #expect(try JournalStore(mounting: target).snapshot() == store.snapshot())
        let next = try restored.commit(JournalGroup([.append(orderNumber: 1, traceNumber: 1, batch: 99, payload: [])]))
        #expect(next.logIds.first ?? 0 > (store.snapshot().log.keys.max() ?? 0))
    }
}
