extension JournalStore {
    /// Wipes the device and writes an empty journal: every sector erased, verified erased and
    /// given a header A (erase counts readable from old headers are kept). This is the explicit
    /// recovery path for a device that does not mount; it destroys all data.
    public static func format(_ device: any FlashDevice) throws(JournalError) {
        let layout = Layout(device.geometry)
        let store = JournalStore(device: device, options: JournalOptions(), layout: layout)
        try store.checkGeometry()
        for s in 0..<device.geometry.sectorCount {
            if let header = try? device.read(layout.address(sector: s, offset: 0), count: layout.headerASize) {
                store.sectors[s].eraseCount = header.withUnsafeBytes { SectorHeaders.decodeA($0, layout: layout) }
            }
        }
        for s in 0..<device.geometry.sectorCount {
            try store.eraseAndFormat(s)
        }
        try store.sync()
    }

    /// Mounts the journal on `device`, recovering from whatever a power cut left.
    ///
    /// Recovery reads every sector exactly once, decides from those bytes only, replays the
    /// committed groups in sector-sequence order, erases evacuated, empty and torn-header
    /// sectors, and moves the newest group to a fresh sector so that a half-programmed commit can
    /// never change its reading later. Its flash work is bounded (see docs/flash-format.md and
    /// ``MountReport``). Throws ``JournalError/unformatted`` for a device without a journal,
    /// ``JournalError/corrupt(_:)`` when a sector cannot be read, ``JournalError/powerLoss`` when
    /// the power fails again during recovery. A worn-out device mounts read-only.
    public convenience init(mounting device: any FlashDevice, options: JournalOptions = JournalOptions()) throws(JournalError) {
        self.init(device: device, options: options, layout: Layout(device.geometry))
        try checkGeometry()
        try mount()
        mountReport.work = work
    }

    func checkGeometry() throws(JournalError) {
        let g = device.geometry
        guard g.sectorCount >= options.reservedSectors + 2 else {
            throw .invalidRequest("a journal needs at least \(options.reservedSectors + 2) sectors, the device has \(g.sectorCount)")
        }
        guard layout.capacity >= 8 * markerSize else {
            throw .invalidRequest("sector size \(g.sectorSize) is too small for granule \(g.programGranule)")
        }
    }

    private func mount() throws(JournalError) {
        let g = device.geometry
        var parsed: [Int: ParsedSector] = [:]
        var formatted = false
        var maxSequence: UInt64 = 0
        var maxGroupId: UInt64 = 0
        var notes: [DamageNote] = []
        for s in 0..<g.sectorCount {
            let bytes: [UInt8]
            work.reads += 1
            work.bytesRead += g.sectorSize
            do { bytes = try device.read(layout.address(sector: s, offset: 0), count: g.sectorSize) } catch {
                if error == .powerCut { dead = true; throw .powerLoss }
                throw .corrupt("sector \(s) could not be read: \(error)")
            }
            bytes.withUnsafeBytes { raw in
                let a = UnsafeRawBufferPointer(rebasing: raw[0..<layout.headerASize])
                guard let ec = SectorHeaders.decodeA(a, layout: layout) else {
                    sectors[s] = SectorInfo(role: .dirty)
                    if !raw.allSatisfy({ $0 == 0xFF }) {
                        notes.append(DamageNote(sector: s, offset: 0, what: "no valid sector header (torn erase or format)", lostData: false))
                    }
                    return
                }
                formatted = true
                let b = UnsafeRawBufferPointer(rebasing: raw[layout.headerASize..<layout.dataStart])
                if b.allSatisfy({ $0 == 0xFF }) {
                    sectors[s] = SectorInfo(role: .spare(verified: false), eraseCount: ec)
                } else if let sequence = SectorHeaders.decodeB(b, eraseCount: ec) {
                    sectors[s] = SectorInfo(role: .data, sequence: sequence, eraseCount: ec, end: layout.dataStart)
                    let p = SectorParser.parse(raw, sequence: sequence, layout: layout)
                    parsed[s] = p
                    maxSequence = max(maxSequence, sequence)
                    maxGroupId = max(maxGroupId, p.maxGroupId)
                } else {
                    sectors[s] = SectorInfo(role: .dirty, eraseCount: ec)
                    notes.append(DamageNote(sector: s, offset: layout.headerASize, what: "torn sector header B", lostData: false))
                }
            }
        }
        guard formatted else { throw .unformatted }
        nextSequence = maxSequence + 1
        nextGroupId = maxGroupId + 1

        // Decide which groups count, newest sector first: markers only ever name older sectors,
        // so every marker about a sector is known before that sector is reached.
        let data = parsed.keys.sorted { (sectors[$0].sequence, $0) < (sectors[$1].sequence, $1) }
        var seals: [UInt64: Int] = [:]
        var evacuated: Set<UInt64> = []
        var included: [Int: [ParsedGroup]] = [:]
        var newestSeen = false
        for s in data.reversed() {
            let sequence = sectors[s].sequence
            guard let p = parsed[s], !evacuated.contains(sequence) else { continue }
            var groups = p.groups
            // The newest group is the only one whose writes may not all have reached the medium
            // before the power failed (one barrier per commit): if its values fail their CRCs it
            // was never acknowledged, so it does not count.
            if !newestSeen, let last = groups.last {
                newestSeen = true
                if last.damaged {
                    groups.removeLast()
                    notes.append(DamageNote(sector: s, offset: last.start, what: "newest group incomplete (not acknowledged)",
                                            lostData: false))
                }
            }
            if let end = seals[sequence] {
                groups = groups.filter { $0.end <= end }
                let readable = groups.last?.end ?? layout.dataStart
                if readable < end {
                    notes.append(DamageNote(sector: s, offset: readable,
                                            what: "sealed at \(end) but committed data ends at \(readable)", lostData: true))
                }
            }
            for group in groups {
                for effect in group.effects {
                    switch effect {
                    case .seal(let target, let end): seals[target] = min(seals[target] ?? Int.max, Int(end))
                    case .gcDone(let target): evacuated.insert(target)
                    default: break
                    }
                }
            }
            included[s] = groups
            if case .garbage(let offset, let reason) = p.stop, seals[sequence] == nil {
                notes.append(DamageNote(sector: s, offset: offset, what: "uncommitted tail: \(reason)", lostData: false))
            }
        }

        // Replay, oldest first.
        state.reserve(included.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.effects.count } })
        var toErase: [Int] = []
        var logIdBound: UInt64 = 1
        for s in data {
            guard let groups = included[s], !groups.isEmpty, !evacuated.contains(sectors[s].sequence) else {
                toErase.append(s)
                continue
            }
            for group in groups {
                for effect in group.effects {
                    state.apply(effect, sector: s, bytes: RecordCodec.recordSize(effect, layout: layout))
                    if case .log(let r, _) = effect { logIdBound = max(logIdBound, r.id + 1) }
                }
                logIdBound = max(logIdBound, group.nextLogId)
                mountReport.groupsReplayed += 1
            }
            sectors[s].end = groups.last?.end ?? layout.dataStart
            dataOrder.append(s)
            for offset in parsed[s]?.damagedRecords ?? [] where offset < sectors[s].end && offset >= (groups.first?.start ?? 0) {
                notes.append(DamageNote(sector: s, offset: offset, what: "record value fails its CRC", lostData: true))
            }
        }
        nextLogId = logIdBound
        mountReport.dataSectors = dataOrder.count
        mountReport.notes = notes
        if options.readOnly {
            readOnlyReason = .requested
            return
        }
        try recover(toErase: toErase, included: included, seals: seals)
    }

    /// The writing half of mount: erase what must go, then make the newest group's reading
    /// permanent in a fresh sector.
    private func recover(toErase: [Int], included: [Int: [ParsedGroup]], seals: [UInt64: Int]) throws(JournalError) {
        do throws(JournalError) {
            let dirty = sectors.indices.filter { sectors[$0].role == .dirty }
            for s in Set(toErase + dirty).sorted() {
                sectors[s].role = .dirty
                do { try eraseAndFormat(s) } catch {
                    guard case .readOnly = error else { throw error }
                    sectors[s].role = .bad
                }
                mountReport.sectorsErased += 1
            }
            let unclosed = dataOrder.filter { seals[sectors[$0].sequence] == nil }
            if let newest = dataOrder.last, let groups = included[newest], !groups.isEmpty {
                let others = unclosed.filter { $0 != newest }
                if !others.isEmpty {
                    try writeGroup(others.map { .seal(sequence: sectors[$0].sequence, end: UInt32(sectors[$0].end)) },
                                   purpose: .recovery)
                }
                // The newest sector may hold cells a cut left unstable. Move its whole committed
                // content, as one group in order, to a fresh sector and erase it: the reading
                // made now becomes the only reading. Markers about sectors erased above are
                // dropped; the group is never larger than the sector it came from.
                var effects: [Effect] = [.gcDone(sequence: sectors[newest].sequence)]
                for group in groups {
                    effects += group.effects.filter { if case .gcDone = $0 { false } else { true } }
                }
                try writeGroup(effects, purpose: .recovery)
                dataOrder.removeAll { $0 == newest }
                sectors[newest].role = .dirty
                try eraseAndFormat(newest)
                mountReport.sectorsErased += 1
            }
            if freeSectors.count < options.reservedSectors {
                let before = work.erases
                do { try collectGarbage(untilFreeSectors: options.reservedSectors, needed: 0) } catch {
                    guard case .full = error else { throw error }
                }
                mountReport.collections += work.erases - before
            }
        } catch {
            switch error {
            case .readOnly(let reason): readOnlyReason = reason
            case .full: readOnlyReason = .noUsableSector
            default: throw error
            }
        }
    }
}
