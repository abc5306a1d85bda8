@testable import Journal
import Testing

/// One regression test per field bug listed in section 9 of the storage reference, each reproducing the
/// scenario of the public report against this store.
@Suite("Field-bug regressions")
struct FieldBugTests {
    /// Runs every cut point of `scenario` with one style (helper for several bugs).
    func allCuts(_ scenario: Scenario, style: CutStyle) throws -> Int {
        let total = try Harness.mutationCount(scenario)
        for cut in 1...total { try Harness.cutPoint(scenario, cutAt: cut, style: style) }
        return total
    }

    /// A sale (approval + totals); every eighth also settles its batch and drops the previous
    /// one, so live data stays bounded however long the run.
    func posGroup(_ i: Int) -> JournalGroup {
        let batch = UInt64(i / 8)
        var g = JournalGroup([.increment(counter: "trace", by: 1),
                              .append(orderNumber: UInt64(i), traceNumber: UInt64(i), batch: batch, payload: [UInt8](repeating: UInt8(i & 0xFF), count: 120)),
                              .put(key: "batch/totals", value: [UInt8(i & 0xFF)])])
        if i % 8 == 7 {
            g.settleBatch(batch)
            if batch > 0 { g.dropSettledBatches(through: batch - 1) }
        }
        return g
    }

    @Test("#1 littlefs #245/#379: bit-level torn program at every commit never leads to appending over it")
    func tornProbe() throws {
        let n = try allCuts(Scenario(seed: 0x245, geometry: Geometries.small(), steps: 24), style: .tornBits)
        #expect(n > 50)
    }

    @Test("#2 littlefs #936: reordered writes never make a commit reference missing data")
    func reorderedCommit() throws {
        var faults = FaultPlan(seed: 0)
        faults.reorderUnsyncedWrites = true
        faults.unstableCells = false
        _ = try allCuts(Scenario(seed: 0x936, geometry: Geometries.small(), steps: 24, faults: faults), style: .beforeOperation)
    }

    @Test("#3 littlefs #870: mount at 100% fill and after many commits stays within the bound")
    func mountBoundAtFill() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        var i = 0
        do { while true { try store.commit(JournalGroup([.put(key: "k\(i)", value: [UInt8](repeating: 1, count: 100))])); i += 1 } } catch JournalError.full {}
        let full = try JournalStore(mounting: device)
        #expect(MountBound(geometry: device.geometry).violation(full.mountReport) == nil)
        for j in 0..<i { try full.commit(JournalGroup([.delete(key: "k\(j)")])) }
        for j in 0..<20_000 { try full.commit(posGroup(j)) }
        let later = try JournalStore(mounting: device)
        #expect(MountBound(geometry: device.geometry).violation(later.mountReport) == nil)
        #expect(later.mountReport.work.bytesRead <= full.mountReport.work.bytesRead * 2)
    }

    @Test("#4 littlefs #581/#644: small appends cost a bounded number of erases per byte")
    func appendAmplification() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 16))
        let before = device.counters.erases
        var committed = 0
        for i in 0..<2048 {
            var g = JournalGroup([.put(key: "file/\(i % 4)", value: [UInt8](repeating: UInt8(i & 0xFF), count: 64))])
            g.increment("appends")
            committed += try store.encodedSize(of: g)
            try store.commit(g)
        }
        let erasedBytes = (device.counters.erases - before) * device.geometry.sectorSize
        #expect(Double(erasedBytes) <= 2.5 * Double(committed), "\(erasedBytes) erased for \(committed) committed")
    }

    @Test("#5 littlefs #1079: a single commit's flash time is bounded")
    func singleOperationLatency() throws {
        let clock = ManualFlashClock()
        let device = MemoryFlash(geometry: Geometries.small(sectors: 8), clock: clock)
        try JournalStore.format(device)
        let store = try JournalStore(mounting: device)
        var worstPrepared: UInt64 = 0, worst: UInt64 = 0
        for i in 0..<500 {
            let g = JournalGroup([.put(key: "reversal/\(i % 3)", value: [UInt8](repeating: 1, count: 200))])
            try store.reserveHeadroom(bytes: try store.encodedSize(of: g))
            var t = clock.nanoseconds
            try store.commit(g, maintenance: .forbidden)
            worstPrepared = max(worstPrepared, clock.nanoseconds - t)
            t = clock.nanoseconds
            try store.commit(g)
            worst = max(worst, clock.nanoseconds - t)
        }
        let profile = FlashTimingProfile.w25q128Typical
        // Prepared: a header and the group's pages, never an erase.
        #expect(worstPrepared < profile.sectorEraseNanoseconds)
        // Unprepared: at most a few sector erases plus one sector of copying.
        #expect(worst <= 4 * profile.sectorEraseNanoseconds + 40 * profile.programCost(256) + profile.readCost(32 * 1024))
    }

    @Test("#6 littlefs #602: a bit flip in a sealed payload loses only that record, reported")
    func payloadRot() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<10 { try store.commit(JournalGroup([.put(key: "k\(i)", value: [UInt8](repeating: UInt8(i), count: 40))])) }
        // Find k3's value bytes on flash and flip one bit.
        let image = device.image
        let needle = [UInt8](repeating: 3, count: 40)
        guard let at = (0..<(image.count - 40)).first(where: { Array(image[$0..<($0 + 40)]) == needle }) else {
            Issue.record("value not found"); return
        }
        device.flipBit(at + 5, bit: 2)
        let remounted = try JournalStore(mounting: device)
        #expect(throws: JournalError.damagedValue(key: "k3")) { try remounted.value(forKey: "k3") }
        for i in 0..<10 where i != 3 { #expect(try remounted.value(forKey: "k\(i)") == [UInt8](repeating: UInt8(i), count: 40)) }
        #expect(remounted.mountReport.notes.contains { $0.lostData })
        // The damage survives garbage collection as damage, never as wrong data.
        for i in 0..<200 { try remounted.commit(JournalGroup([.put(key: "churn", value: [UInt8(i & 0xFF)])])) }
        #expect(throws: JournalError.damagedValue(key: "k3")) { try JournalStore(mounting: device).value(forKey: "k3") }
    }

    @Test("#7 Zephyr #34722: a cut at every point of the source erase after a GC copy loses nothing")
    func gcSourceEraseCut() throws {
        for style in CutStyle.allCases {
            let (device, store) = try freshStore(Geometries.small(sectors: 8))
            var model = Model()
            for i in 0..<12 {
                let g = posGroup(i)
                guard let (m, _) = model.applying(g) else { continue }
                try store.commit(g)
                model = m
            }
            // Find the erase of the GC source: run GC on a copy, counting operations.
            let probe = device.copy()
            let probeStore = try JournalStore(mounting: probe)
            probe.install(FaultPlan(seed: 1))
            try probeStore.reserveHeadroom(bytes: 2000)
            let ops = probe.mutationsSinceInstall
            for cut in 1...ops {
                let fork = device.copy()
                let s = try JournalStore(mounting: fork)
                fork.install(FaultPlan(seed: UInt64(cut), cutAtOperation: cut, cutStyle: style))
                #expect(throws: JournalError.powerLoss) { try s.reserveHeadroom(bytes: 2000) }
                fork.powerOn()
                fork.install(nil)
                #expect(try JournalStore(mounting: fork).snapshot() == model.state)
            }
        }
    }

    @Test("#8 Zephyr #17250: remount after every GC step; roles come from sequences")
    func remountAfterEachGC() throws {
        let (device, first) = try freshStore(Geometries.small(sectors: 8))
        var store = first
        var model = Model()
        for i in 0..<80 {
            let g = posGroup(i)
            if let (m, _) = model.applying(g) {
                try store.commit(g)
                model = m
            }
            try store.reserveHeadroom(bytes: 2000)
            store = try JournalStore(mounting: device)
            #expect(store.snapshot() == model.state)
        }
    }

    @Test("#9 Zephyr #26407: corrupt seal, gcDone and commit markers are invalid, never loops")
    func corruptMarkers() throws {
        for marker in [RecordType.seal, .gcDone, .commit] {
            let (device, store) = try freshStore(Geometries.small(sectors: 8))
            for i in 0..<40 { try store.commit(posGroup(i)) }
            try store.reserveHeadroom(bytes: 3000)
            // Corrupt the first record of this type found in each data sector.
            let g = device.geometry, layout = Layout(g)
            var hit = 0
            for s in 0..<g.sectorCount {
                let bytes = device.image[(s * g.sectorSize)..<((s + 1) * g.sectorSize)]
                var off = layout.dataStart
                while off + 24 <= g.sectorSize {
                    let base = s * g.sectorSize + off
                    let type = bytes[base]
                    guard type != 0xFF else { break }
                    let k = Int(bytes[base + 2]) | Int(bytes[base + 3]) << 8
                    let v = Int(bytes[base + 4]) | Int(bytes[base + 5]) << 8 | Int(bytes[base + 6]) << 16
                    if type == marker.rawValue {
                        device.flipBit(base + 24, bit: 0)
                        hit += 1
                        break
                    }
                    off += layout.padded(24 + k + v)
                }
            }
            #expect(hit > 0)
            let remounted = try JournalStore(mounting: device)
            #expect(MountBound(geometry: g).violation(remounted.mountReport) == nil)
            #expect(!remounted.mountReport.notes.isEmpty)
        }
    }

    @Test("#10 Zephyr #80835: random bytes in the open sector's tail; mount terminates within bound")
    func garbageTail() throws {
        var rng = SeededRandom(seed: 0x80835)
        for _ in 0..<20 {
            let (device, store) = try freshStore(Geometries.small(sectors: 8))
            for i in 0..<5 { try store.commit(posGroup(i)) }
            let snapshot = store.snapshot()
            guard let head = store.head else { Issue.record("no head"); return }
            let start = head * 1024 + store.sectors[head].end
            device.corrupt(start, (0..<(1024 - store.sectors[head].end)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            let remounted = try JournalStore(mounting: device)
            #expect(remounted.snapshot() == snapshot)
            #expect(MountBound(geometry: device.geometry).violation(remounted.mountReport) == nil)
            try remounted.commit(posGroup(9))
        }
    }

    @Test("#11 Zephyr #103029: a cut during the last program near the sector end, for every remaining space")
    func cutNearSectorEnd() throws {
        for filler in stride(from: 8, through: 400, by: 8) {
            let (device, store) = try freshStore(Geometries.small(sectors: 8))
            try store.commit(JournalGroup([.put(key: "a", value: [UInt8](repeating: 1, count: 400))]))
            try store.commit(JournalGroup([.put(key: "b", value: [UInt8](repeating: 2, count: filler))]))
            let model = store.snapshot()
            device.install(FaultPlan(seed: UInt64(filler), cutAtOperation: 2, cutStyle: .tornBits))
            #expect(throws: JournalError.powerLoss) {
                try store.commit(JournalGroup([.put(key: "c", value: [UInt8](repeating: 3, count: 300))]))
            }
            device.powerOn()
            device.install(FaultPlan(seed: 1))
            let s = try JournalStore(mounting: device)
            #expect(s.snapshot() == model || (try? s.value(forKey: "c")) == [UInt8](repeating: 3, count: 300))
        }
    }

    @Test("#12 Zephyr PR #103452: unstable cells on a half-programmed commit; successive mounts agree")
    func unstableMarker() throws {
        for cut in 1...6 {
            let (device, store) = try freshStore(Geometries.small(sectors: 8))
            for i in 0..<6 { try store.commit(posGroup(i)) }
            device.install(FaultPlan(seed: UInt64(cut), cutAtOperation: cut, cutStyle: .tornBits, unstableCells: true))
            _ = try? store.commit(posGroup(99))
            device.powerOn()
            let first = try JournalStore(mounting: device).snapshot()
            for _ in 0..<5 { #expect(try JournalStore(mounting: device).snapshot() == first) }
        }
    }

    @Test("#13 Zephyr #75455: GC terminates or reports full at every fill level")
    func gcTerminates() throws {
        let (_, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<200 {
            do { try store.commit(JournalGroup([.put(key: "k\(i)", value: [UInt8](repeating: 1, count: 90))])) } catch JournalError.full {}
            do { try store.reserveHeadroom(bytes: 8 * 1024) } catch JournalError.full {}
        }
        #expect(store.keys(withPrefix: "k").count > 10)
    }

    @Test("#14 Zephyr #84874: sequence fields are 64-bit and repeated cuts never wrap them")
    func wideSequences() throws {
        #expect(MemoryLayout.size(ofValue: JournalStore.SectorInfo(role: .dirty).sequence) == 8)
        let (device, _) = try freshStore(Geometries.small(sectors: 8))
        var previous: UInt64 = 0
        for i in 0..<300 {
            device.powerOn()
            device.install(FaultPlan(seed: UInt64(i), cutAtOperation: 1 + i % 5, cutStyle: .tornBits))
            _ = try? JournalStore(mounting: device)
            device.powerOn()
            device.install(nil)
            let s = try JournalStore(mounting: device)
            #expect(s.nextSequence >= previous)
            previous = s.nextSequence
        }
    }

    @Test("#15 Zephyr #119632: values that look like records are never parsed as records")
    func valuesLookingLikeHeaders() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        try store.commit(JournalGroup([.put(key: "seed", value: [0])]))
        // Craft, for every plausible sector sequence, a valid-looking put + commit as a value.
        for sequence in UInt64(1)...UInt64(12) {
            let fake = RecordCodec.encodeGroup([.put(key: "victim", value: [0xEE], damaged: false)], groupId: 99,
                                               nextLogId: 1, sequence: sequence, layout: Layout(device.geometry))
            try store.commit(JournalGroup([.put(key: "blob\(sequence)", value: fake.records + fake.commit)]))
        }
        let remounted = try JournalStore(mounting: device)
        #expect(try remounted.value(forKey: "victim") == nil)
        #expect(remounted.keys(withPrefix: "blob").count == 12)
    }

    @Test("#16 Zephyr #100948: garbage gives a clear error; format wipes and works")
    func garbageDevice() throws {
        let device = MemoryFlash(geometry: Geometries.small(sectors: 8))
        device.corrupt(0, [UInt8](repeating: 0x00, count: device.geometry.totalSize))
        #expect(throws: JournalError.unformatted) { try JournalStore(mounting: device) }
        try JournalStore.format(device)
        try JournalStore(mounting: device).commit(JournalGroup([.put(key: "ok", value: [1])]))
        #expect(try JournalStore(mounting: device).value(forKey: "ok") == [1])
    }

    @Test("#17 mynewt #1080: a read error at any read during mount ends with an error")
    func readErrorDuringMount() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<30 { try store.commit(posGroup(i)) }
        let probe = device.copy()
        probe.install(FaultPlan(seed: 1))
        _ = try JournalStore(mounting: probe)
        let reads = probe.counters.reads - device.counters.reads
        for n in 1...reads {
            let fork = device.copy()
            fork.install(FaultPlan(seed: 1, failReadAt: n))
            do { _ = try JournalStore(mounting: fork) } catch {
                #expect(error != .powerLoss)
            }
            fork.install(nil)
            #expect(try JournalStore(mounting: fork).snapshot() == store.snapshot())
        }
    }

    @Test("#18 mynewt PR #3652: format, fill and recovery for every granule", arguments: [1, 2, 4, 8, 16, 32, 64, 256])
    func granules(granule: Int) throws {
        let sectorSize = granule >= 64 ? 4096 : 1024
        let scenario = Scenario(seed: UInt64(granule), geometry: Geometries.small(granule: granule, sectors: 8, sectorSize: sectorSize),
                                steps: 30, payloadSizes: 16...200)
        let total = try Harness.mutationCount(scenario)
        for cut in stride(from: 1, through: total, by: 3) { try Harness.cutPoint(scenario, cutAt: cut, style: .tornBits) }
    }

    @Test("#19 mynewt PR #2809: filling to every boundary never reports a CRC error or wipes")
    func fillBoundaries() throws {
        var (device, s) = try freshStore(Geometries.small(sectors: 8))
        for size in 0..<120 {
            try s.commit(JournalGroup([.put(key: "b", value: [UInt8](repeating: 5, count: size * 3))]))
            s = try JournalStore(mounting: device)
            #expect(!s.mountReport.notes.contains { $0.lostData })
            #expect(try s.value(forKey: "b")?.count == size * 3, "size \(size * 3): \(s.mountReport.notes)")
        }
    }

    @Test("#20 spiffs #146: an update is one group; a cut shows the old or the new value, never none")
    func updateNeverLost() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<30 { try store.commit(posGroup(i)) }
        let old = [UInt8](repeating: 1, count: 300), new = [UInt8](repeating: 2, count: 300)
        try store.commit(JournalGroup([.put(key: "file", value: old)]))
        for cut in 1...12 {
            for style in CutStyle.allCases {
                let fork = device.copy()
                let s = try JournalStore(mounting: fork)
                fork.install(FaultPlan(seed: UInt64(cut), cutAtOperation: cut, cutStyle: style))
                _ = try? s.commit(JournalGroup([.put(key: "file", value: new)]))
                fork.powerOn()
                fork.install(nil)
                let v = try JournalStore(mounting: fork).value(forKey: "file")
                #expect(v == old || v == new)
            }
        }
    }

    @Test("#21 spiffs #137: mount alone restores consistency (inspection after a cut finds no loss)")
    func mountIsTheRepair() throws {
        let scenario = Scenario(seed: 0x137, geometry: Geometries.small(), steps: 30)
        for cut in stride(from: 3, through: 90, by: 7) {
            let r = try Harness.run(scenario, cutAt: cut, style: .tornBits)
            guard r.cutHappened else { continue }
            r.device.powerOn()
            r.device.install(nil)
            _ = try JournalStore(mounting: r.device)
            let inspection = try JournalStore(mounting: r.device, options: JournalOptions(readOnly: true))
            #expect(!inspection.mountReport.notes.contains { $0.lostData })
        }
    }

    @Test("#22 FlashDB #383: a cut right after an erase re-erases only that sector")
    func cutAfterErase() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<25 { try store.commit(posGroup(i)) }
        let model = store.snapshot()
        let fork = device.copy()
        let s = try JournalStore(mounting: fork)
        fork.install(FaultPlan(seed: 2))
        try s.reserveHeadroom(bytes: 2000)
        let ops = fork.mutationsSinceInstall
        for cut in 1...ops {
            let f = device.copy()
            let st = try JournalStore(mounting: f)
            f.install(FaultPlan(seed: UInt64(cut), cutAtOperation: cut, cutStyle: .afterOperation))
            _ = try? st.reserveHeadroom(bytes: 2000)
            f.powerOn()
            f.install(nil)
            let after = try JournalStore(mounting: f)
            #expect(after.snapshot() == model)
            #expect(after.mountReport.sectorsErased <= 3)
        }
    }

    @Test("#23 FlashDB #201: an invalid header in one sector never escalates beyond it")
    func oneBadHeader() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        try store.commit(JournalGroup([.put(key: "early", value: [1])]))
        for i in 0..<20 { try store.commit(posGroup(i)) }
        let model = store.snapshot()
        // Break header A of a spare sector: nothing is lost.
        guard let spare = store.sectors.indices.first(where: { store.sectors[$0].role != .data }) else { Issue.record("no spare"); return }
        device.flipBit(spare * 1024 + 9, bit: 1)
        #expect(try JournalStore(mounting: device).snapshot() == model)
        // Break header B of the oldest data sector: only its items go, everything else stays.
        let again = try JournalStore(mounting: device)
        guard let oldest = again.dataOrder.first else { Issue.record("no data"); return }
        let lost = Set(again.state.liveItems(in: oldest))
        device.flipBit(oldest * 1024 + Layout(device.geometry).headerASize + 9, bit: 1)
        let after = try JournalStore(mounting: device)
        #expect(after.snapshot().counters == model.counters || lost.contains { if case .counter = $0 { true } else { false } })
        for key in model.values.keys where !lost.contains(.value(key)) { #expect(try after.value(forKey: key) == model.values[key]) }
        for id in model.log.keys where !lost.contains(.log(id)) { #expect(after.snapshot().log[id] == model.log[id]) }
    }

    @Test("#24 FlashDB #350: exhaustive cuts over an append loop")
    func appendLoop() throws {
        let scenario = Scenario(seed: 0x350, geometry: Geometries.small(), steps: 20, payloadSizes: 100...200)
        _ = try allCuts(scenario, style: .tornPrefix)
    }

    @Test("#25 FlashDB #274: a part that does not erase to 0xFF is detected and refused")
    func wrongEraseValue() throws {
        let device = MemoryFlash(geometry: Geometries.small(sectors: 8), endurance: 0, wearOutBehaviour: .eraseIgnored)
        device.corrupt(0, [UInt8](repeating: 0x00, count: device.geometry.totalSize))
        #expect(throws: JournalError.readOnly(.wornOut(sector: 0))) { try JournalStore.format(device) }
    }

    @Test("#26 FlashDB #335: commits never collect garbage when told not to")
    func noHiddenGC() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<40 { try store.commit(posGroup(i)) }
        let erases = device.counters.erases
        var refused = false
        for i in 0..<100 {
            do { try store.commit(posGroup(i), maintenance: .forbidden) } catch JournalError.noHeadroom { refused = true; break }
        }
        #expect(refused)
        #expect(device.counters.erases == erases)
    }

    @Test("#27 FlashDB #342: per-commit cost stays flat as history grows")
    func flatCost() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 16))
        var costs: [Double] = []
        for window in 0..<4 {
            let before = device.counters
            let n = 2000 * (window + 1)
            for i in 0..<n { try store.commit(posGroup(i)) ; if i % 50 == 0 { try store.commit(JournalGroup([.settleBatch(0), .dropSettledBatches(through: 0)])) } }
            let after = device.counters
            costs.append(Double(after.bytesRead - before.bytesRead + after.bytesProgrammed - before.bytesProgrammed) / Double(n))
        }
        let lo = costs.min() ?? 0, hi = costs.max() ?? 0
        #expect(hi <= lo * 1.3, "per-commit bytes \(costs)")
    }

    @Test("#28 V5S_RBDEBIT: the reversal record is replaced by one commit, never delete-then-write")
    func reversalReplace() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<20 { try store.commit(posGroup(i)) }
        let armed = [UInt8](repeating: 0xA1, count: 48)
        try store.commit(JournalGroup([.increment(counter: "trace", by: 1), .put(key: "reversal/pending", value: armed)]))
        let rearmed = [UInt8](repeating: 0xB2, count: 48)
        for cut in 1...8 {
            for style in CutStyle.allCases {
                let fork = device.copy()
                let s = try JournalStore(mounting: fork)
                fork.install(FaultPlan(seed: UInt64(cut), cutAtOperation: cut, cutStyle: style))
                _ = try? s.commit(JournalGroup([.increment(counter: "trace", by: 1), .put(key: "reversal/pending", value: rearmed)]))
                fork.powerOn()
                fork.install(nil)
                let v = try JournalStore(mounting: fork).value(forKey: "reversal/pending")
                #expect(v == armed || v == rearmed)
            }
        }
    }
}
