extension JournalStore {
    /// Why a group is being written; decides which free sectors it may use.
    enum Purpose {
        case user(MaintenancePolicy)
        case collection
        case recovery
    }

    /// Padded size of one marker record (seal or gcDone).
    var markerSize: Int { RecordCodec.recordSize(.seal(sequence: 0, end: 0), layout: layout) }

    /// Largest encoded group (records + commit) a caller may commit: a sector's capacity minus
    /// room for the markers recovery may add when it copies the group (see docs).
    public var maximumGroupSize: Int { layout.capacity - 3 * markerSize }

    /// Free sectors (spare or needing erase).
    var freeSectors: [Int] {
        sectors.indices.filter {
            switch sectors[$0].role {
            case .spare, .dirty: true
            case .data, .bad: false
            }
        }
    }

    /// Verified spares (usable without an erase).
    var verifiedSpares: [Int] { sectors.indices.filter { sectors[$0].role == .spare(verified: true) } }

    /// Bytes the head can still take.
    var headRoom: Int {
        guard let head else { return 0 }
        return device.geometry.sectorSize - sectors[head].end
    }

    /// Bytes ordinary commits can write without garbage collection (``MaintenancePolicy/allowed``
    /// may erase) or, with `prepared`, without any erase either.
    func available(prepared: Bool) -> Int {
        let pool = prepared ? verifiedSpares.count : freeSectors.count
        let usableSectors = max(0, min(pool, freeSectors.count - options.reservedSectors))
        return headRoom + usableSectors * (layout.capacity - markerSize)
    }

    /// Commits a group atomically: after it returns, every operation is durable; if it throws,
    /// none is visible now, and after a power cut at most this group may appear as a whole.
    ///
    /// - Parameter maintenance: ``MaintenancePolicy/forbidden`` between sending an authorisation
    ///   and persisting its result (uses headroom reserved earlier, never erases).
    /// - Throws: ``JournalError/full(needed:available:)``, ``JournalError/noHeadroom(needed:available:)``,
    ///   ``JournalError/readOnly(_:)``, ``JournalError/powerLoss``, ``JournalError/invalidRequest(_:)``,
    ///   ``JournalError/counterWouldGoBackwards(name:current:requested:)``.
    @discardableResult
    public func commit(_ group: JournalGroup, maintenance: MaintenancePolicy = .allowed) throws(JournalError) -> CommitReceipt {
        try checkWritable()
        let (effects, receipt) = try resolve(group)
        let size = RecordCodec.groupSize(effects, layout: layout)
        guard size <= maximumGroupSize else {
            throw .invalidRequest("group of \(size) bytes exceeds the maximum of \(maximumGroupSize)")
        }
        try writeGroup(effects, purpose: .user(maintenance))
        nextLogId += UInt64(receipt.logIds.count)
        return receipt
    }

    func checkWritable() throws(JournalError) {
        if dead { throw .powerLoss }
        if let readOnlyReason { throw .readOnly(readOnlyReason) }
    }

    /// Turns operations into absolute effects against the current state.
    func resolve(_ group: JournalGroup) throws(JournalError) -> ([Effect], CommitReceipt) {
        var effects: [Effect] = []
        var receipt = CommitReceipt(groupId: nextGroupId, logIds: [], counters: [:])
        var logId = nextLogId
        var settled = state.snapshot.settledBatches
        func checkKey(_ key: String) throws(JournalError) {
            guard !key.isEmpty, key.utf8.count <= RecordCodec.maxKeyLength else {
                throw .invalidRequest("key length must be 1...\(RecordCodec.maxKeyLength) bytes")
            }
        }
        for op in group.operations {
            switch op {
            case .put(let key, let value):
                try checkKey(key)
                effects.append(.put(key: key, value: value, damaged: false))
            case .delete(let key):
                try checkKey(key)
                effects.append(.delete(key: key))
            case .append(let order, let trace, let batch, let payload):
                effects.append(.log(LogRecord(id: logId, orderNumber: order, traceNumber: trace, batch: batch,
                                              payload: payload), damaged: false))
                receipt.logIds.append(logId)
                logId += 1
            case .increment(let name, let amount):
                try checkKey(name)
                let current = receipt.counters[name] ?? counter(name)
                let (next, overflow) = current.addingReportingOverflow(amount)
                guard !overflow else { throw .invalidRequest("counter \(name) would overflow") }
                receipt.counters[name] = next
                effects.append(.counter(name: name, value: next))
            case .advance(let name, let value):
                try checkKey(name)
                let current = receipt.counters[name] ?? counter(name)
                guard value >= current else {
                    throw .counterWouldGoBackwards(name: name, current: current, requested: value)
                }
                receipt.counters[name] = value
                effects.append(.counter(name: name, value: value))
            case .settleBatch(let b):
                effects.append(.settle(batch: b))
                settled.insert(b)
            case .dropSettledBatches(let through):
                for b in settled.filter({ $0 <= through }).sorted() {
                    effects.append(.dropBatch(b))
                    settled.remove(b)
                }
            }
        }
        return (effects, receipt)
    }

    /// Writes one group: records, commit record, barrier, verification; then applies it.
    func writeGroup(_ payload: [Effect], purpose: Purpose) throws(JournalError) {
        var retries = 0
        var opened = 0
        while true {
            var effects = payload
            if pendingSeal == nil && headRoom < RecordCodec.groupSize(payload, layout: layout) { closeHead() }
            if let seal = pendingSeal { effects.insert(.seal(sequence: seal.sequence, end: UInt32(seal.end)), at: 0) }
            let size = RecordCodec.groupSize(effects, layout: layout)
            if headRoom < size {
                // Opening may collect garbage, which writes groups of its own (and may carry the
                // pending seal): recompute afterwards.
                opened += 1
                guard opened <= 3 else { throw .full(needed: size, available: available(prepared: false)) }
                try openSector(needing: size, purpose: purpose)
                continue
            }
            guard let sector = head else { throw .corrupt("no open sector after opening one") }
            let info = sectors[sector]
            let (records, commit) = RecordCodec.encodeGroup(effects, groupId: nextGroupId, nextLogId: max(nextLogId, maxLogId(effects)),
                                                            sequence: info.sequence, layout: layout)
            let base = layout.address(sector: sector, offset: info.end)
            do {
                // One barrier per commit: records and commit record may reach the medium in any
                // order before it; mount treats a last group whose records fail their CRCs as
                // never committed (see docs/flash-format.md, "Write ordering").
                if !records.isEmpty { try programSpan(base, records, sector: sector) }
                try programSpan(base + records.count, commit, sector: sector)
                try sync()
            } catch {
                guard case .flash(.notErased) = error, retries < 1 else {
                    if case .readOnly(let reason) = error { readOnlyReason = reason }
                    closeHead()
                    throw error
                }
                // Someone else's bytes sit where we meant to append: never write over them;
                // close this sector and retry once in a fresh one.
                retries += 1
                closeHead()
                continue
            }
            nextGroupId += 1
            var offset = info.end
            for effect in effects {
                let bytes = RecordCodec.recordSize(effect, layout: layout)
                state.apply(effect, sector: sector, bytes: bytes)
                offset += bytes
            }
            sectors[sector].end = offset + RecordCodec.commitSize(layout: layout)
            if effects.count != payload.count { pendingSeal = nil }
            return
        }
    }

    func maxLogId(_ effects: [Effect]) -> UInt64 {
        var m: UInt64 = 0
        for case .log(let r, _) in effects { m = max(m, r.id + 1) }
        return m
    }

    /// Stops appending to the head; the next group in a new sector seals it at its committed end.
    func closeHead() {
        guard let head else { return }
        pendingSeal = (sectors[head].sequence, sectors[head].end)
        self.head = nil
    }

    /// Opens a fresh sector as the head, collecting garbage first when allowed and needed.
    func openSector(needing size: Int, purpose: Purpose) throws(JournalError) {
        let reserve: Int
        switch purpose {
        case .user(let policy):
            reserve = options.reservedSectors
            if freeSectors.count <= reserve || (policy == .forbidden && verifiedSpares.isEmpty) {
                guard policy == .allowed else {
                    throw .noHeadroom(needed: size, available: available(prepared: true))
                }
                do { try collectGarbage(untilFreeSectors: reserve + 1, needed: size) } catch {
                    // Compaction may have made room in the head even if no sector came free.
                    guard case .full = error, headRoom >= size else { throw error }
                }
                if headRoom >= size { return }
            }
        case .collection:
            // Collection never takes the last free sector: recovery needs it after a cut.
            reserve = 1
        case .recovery:
            reserve = 0
        }
        let candidates = freeSectors
        guard candidates.count > reserve else {
            throw .full(needed: size, available: available(prepared: false))
        }
        // Wear levelling: the least-erased free sector; ties go to a prepared one.
        let estimate = estimatedEraseCount()
        let mustBePrepared: Bool = if case .user(.forbidden) = purpose { true } else { false }
        let pool = mustBePrepared ? candidates.filter { sectors[$0].role == .spare(verified: true) } : candidates
        guard let chosen = pool.min(by: { a, b in
            let ea = sectors[a].eraseCount ?? estimate, eb = sectors[b].eraseCount ?? estimate
            if ea != eb { return ea < eb }
            return (sectors[a].role == .spare(verified: true) ? 0 : 1, a) < (sectors[b].role == .spare(verified: true) ? 0 : 1, b)
        }) else { throw .noHeadroom(needed: size, available: available(prepared: true)) }
        closeHead()
        if sectors[chosen].role != .spare(verified: true) {
            do { try eraseAndFormat(chosen) } catch {
                if case .readOnly(let reason) = error {
                    sectors[chosen].role = .bad
                    readOnlyReason = reason
                }
                throw error
            }
        }
        let sequence = nextSequence
        let ec = sectors[chosen].eraseCount ?? 0
        try programSpan(layout.address(sector: chosen, offset: layout.headerASize),
                        SectorHeaders.encodeB(sequence: sequence, eraseCount: ec, layout: layout), sector: chosen)
        nextSequence += 1
        sectors[chosen] = SectorInfo(role: .data, sequence: sequence, eraseCount: ec, end: layout.dataStart)
        state.reset(sector: chosen)
        dataOrder.append(chosen)
        head = chosen
    }
}
