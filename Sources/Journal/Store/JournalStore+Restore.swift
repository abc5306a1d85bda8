extension JournalStore {
    /// Formats `device` and writes a backup into it, keeping log ids, counters, settle marks and
    /// damage marks; returns the mounted store.
    ///
    /// Not atomic as a whole: a power cut during a restore leaves part of the backup on the
    /// device; run the restore again (it formats first).
    public static func restore(_ snapshot: JournalSnapshot, onto device: any FlashDevice,
                               options: JournalOptions = JournalOptions()) throws(JournalError) -> JournalStore {
        try format(device)
        let store = try JournalStore(mounting: device, options: options)
        var effects: [Effect] = []
        for key in snapshot.values.keys.sorted() {
            guard let value = snapshot.values[key] else { continue }
            effects.append(.put(key: key, value: value, damaged: snapshot.damagedKeys.contains(key)))
        }
        for record in snapshot.orderedLog {
            effects.append(.log(record, damaged: snapshot.damagedLogIds.contains(record.id)))
        }
        for name in snapshot.counters.keys.sorted() {
            effects.append(.counter(name: name, value: snapshot.counters[name] ?? 0))
        }
        for batch in snapshot.settledBatches.sorted() { effects.append(.settle(batch: batch)) }
        let limit = store.maximumGroupSize
        var chunk: [Effect] = []
        var size = RecordCodec.commitSize(layout: store.layout)
        for effect in effects {
            let bytes = RecordCodec.recordSize(effect, layout: store.layout)
            guard RecordCodec.commitSize(layout: store.layout) + bytes <= limit else {
                throw .invalidRequest("a backed-up item of \(bytes) bytes does not fit a sector of this device")
            }
            if size + bytes > limit {
                try store.writeGroup(chunk, purpose: .user(.allowed))
                chunk = []
                size = RecordCodec.commitSize(layout: store.layout)
            }
            chunk.append(effect)
            size += bytes
        }
        store.nextLogId = max(store.nextLogId, (snapshot.log.keys.max() ?? 0) + 1)
        if !chunk.isEmpty { try store.writeGroup(chunk, purpose: .user(.allowed)) }
        return store
    }
}
