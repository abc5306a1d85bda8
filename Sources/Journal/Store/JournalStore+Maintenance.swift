extension JournalStore {
    /// Prepares space now, while idle, so that the next commits totalling up to `bytes` (encoded
    /// group sizes, see ``encodedSize(of:)``) succeed with ``MaintenancePolicy/forbidden``:
    /// collects garbage and erases spare sectors ahead of time.
    ///
    /// Call it before sending an authorisation request, never between sending it and persisting
    /// the outcome. Throws ``JournalError/full(needed:available:)`` when live data leaves no room.
    public func reserveHeadroom(bytes: Int) throws(JournalError) {
        try checkWritable()
        var steps = 0
        while available(prepared: false) < bytes {
            guard steps <= dataOrder.count, !dataOrder.isEmpty else {
                throw .full(needed: bytes, available: available(prepared: false))
            }
            try collectOldest()
            steps += 1
        }
        while available(prepared: true) < bytes {
            let estimate = estimatedEraseCount()
            guard let sector = freeSectors.filter({ sectors[$0].role != .spare(verified: true) })
                .min(by: { (sectors[$0].eraseCount ?? estimate, $0) < (sectors[$1].eraseCount ?? estimate, $1) }) else {
                throw .full(needed: bytes, available: available(prepared: true))
            }
            do { try eraseAndFormat(sector) } catch {
                if case .readOnly(let reason) = error {
                    sectors[sector].role = .bad
                    readOnlyReason = reason
                }
                throw error
            }
        }
    }

    /// Encoded size of a group, to size ``reserveHeadroom(bytes:)`` requests. Throws the errors
    /// ``commit(_:maintenance:)`` would throw for an invalid group.
    public func encodedSize(of group: JournalGroup) throws(JournalError) -> Int {
        RecordCodec.groupSize(try resolve(group).0, layout: layout)
    }

    /// Bytes that commits can still write without maintenance (prepared space only).
    public var headroom: Int { available(prepared: true) }

    /// Collects the oldest sectors until `target` sectors are free.
    func collectGarbage(untilFreeSectors target: Int, needed: Int) throws(JournalError) {
        var steps = 0
        while freeSectors.count < target {
            guard steps <= dataOrder.count, !dataOrder.isEmpty else {
                throw .full(needed: needed, available: available(prepared: false))
            }
            try collectOldest()
            steps += 1
        }
    }

    /// One garbage-collection step: copy the live items of the oldest data sector to the head
    /// as group commits, the last one carrying `gcDone(sequence)`, then erase the source. A cut
    /// anywhere leaves either the source intact (no gcDone yet) or a gcDone that tells the next
    /// mount to skip and erase it.
    func collectOldest() throws(JournalError) {
        guard let victim = dataOrder.first else { return }
        if victim == head { closeHead() }
        let sequence = sectors[victim].sequence
        let effects = state.liveItems(in: victim).compactMap { state.effect(for: $0) }
        // Pack copies into the head's remaining room first, so that a step frees more than
        // it consumes; continue in fresh sectors with groups of the maximum size.
        let base = RecordCodec.commitSize(layout: layout) + markerSize
        func room() -> Int {
            let free = headRoom - (pendingSeal == nil ? 0 : markerSize)
            return min(free, maximumGroupSize)
        }
        var chunk: [Effect] = []
        var chunkSize = base
        var target = room()
        for effect in effects {
            let size = RecordCodec.recordSize(effect, layout: layout)
            if chunkSize + size > target {
                if !chunk.isEmpty {
                    try writeGroup(chunk, purpose: .collection)
                    chunk = []
                    chunkSize = base
                }
                target = room()
                if chunkSize + size > target { target = maximumGroupSize }
            }
            chunk.append(effect)
            chunkSize += size
        }
        chunk.append(.gcDone(sequence: sequence))
        try writeGroup(chunk, purpose: .collection)
        dataOrder.removeAll { $0 == victim }
        sectors[victim].role = .dirty
        if pendingSeal?.sequence == sequence { pendingSeal = nil }
        do { try eraseAndFormat(victim) } catch {
            if case .readOnly(let reason) = error {
                sectors[victim].role = .bad
                readOnlyReason = reason
            }
            throw error
        }
    }
}
