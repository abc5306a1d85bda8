/// A live item of the store: the unit garbage collection copies forward.
enum Item: Hashable, Sendable, Comparable {
    case value(String)
    case log(UInt64)
    case counter(String)
    case settled(UInt64)

    static func < (a: Item, b: Item) -> Bool {
        switch (a, b) {
        case (.value(let x), .value(let y)), (.counter(let x), .counter(let y)): x < y
        case (.log(let x), .log(let y)), (.settled(let x), .settled(let y)): x < y
        default: a.rank < b.rank
        }
    }

    private var rank: Int {
        switch self {
        case .value: 0
        case .log: 1
        case .counter: 2
        case .settled: 3
        }
    }
}

/// The in-RAM state rebuilt from flash: the snapshot plus indexes and, for every live item, the
/// sector holding its newest record.
struct StoreState {
    var snapshot = JournalSnapshot()
    var location: [Item: Int] = [:]
    var live: [Set<Item>]
    var byOrder: [UInt64: [UInt64]] = [:]
    var byTrace: [UInt64: [UInt64]] = [:]
    var byBatch: [UInt64: Set<UInt64>] = [:]
    /// Live record bytes per sector (padded record sizes), for statistics and GC choice.
    var liveBytes: [Int]
    var itemBytes: [Item: Int] = [:]

    init(sectorCount: Int) {
        live = Array(repeating: [], count: sectorCount)
        liveBytes = Array(repeating: 0, count: sectorCount)
    }

    private mutating func place(_ item: Item, sector: Int, bytes: Int) {
        unplace(item)
        location[item] = sector
        live[sector].insert(item)
        itemBytes[item] = bytes
        liveBytes[sector] += bytes
    }

    private mutating func unplace(_ item: Item) {
        guard let old = location.removeValue(forKey: item) else { return }
        live[old].remove(item)
        liveBytes[old] -= itemBytes.removeValue(forKey: item) ?? 0
    }

    private mutating func removeLog(_ id: UInt64) {
        guard let r = snapshot.log.removeValue(forKey: id) else { return }
        snapshot.damagedLogIds.remove(id)
        byOrder[r.orderNumber]?.removeAll { $0 == id }
        if byOrder[r.orderNumber]?.isEmpty == true { byOrder[r.orderNumber] = nil }
        byTrace[r.traceNumber]?.removeAll { $0 == id }
        if byTrace[r.traceNumber]?.isEmpty == true { byTrace[r.traceNumber] = nil }
        byBatch[r.batch]?.remove(id)
        if byBatch[r.batch]?.isEmpty == true { byBatch[r.batch] = nil }
        unplace(.log(id))
    }

    /// Applies one effect recorded in `sector` (`bytes` is its padded record size).
    mutating func apply(_ effect: Effect, sector: Int, bytes: Int) {
        switch effect {
        case .put(let key, let value, let damaged):
            snapshot.values[key] = value
            if damaged { snapshot.damagedKeys.insert(key) } else { snapshot.damagedKeys.remove(key) }
            place(.value(key), sector: sector, bytes: bytes)
        case .delete(let key):
            snapshot.values[key] = nil
            snapshot.damagedKeys.remove(key)
            unplace(.value(key))
        case .log(let r, let damaged):
            removeLog(r.id)
            snapshot.log[r.id] = r
            if damaged { snapshot.damagedLogIds.insert(r.id) }
            byOrder[r.orderNumber, default: []].append(r.id)
            byTrace[r.traceNumber, default: []].append(r.id)
            byBatch[r.batch, default: []].insert(r.id)
            place(.log(r.id), sector: sector, bytes: bytes)
        case .counter(let name, let value):
            snapshot.counters[name] = value
            place(.counter(name), sector: sector, bytes: bytes)
        case .settle(let b):
            snapshot.settledBatches.insert(b)
            place(.settled(b), sector: sector, bytes: bytes)
        case .dropBatch(let b):
            for id in byBatch[b] ?? [] { removeLog(id) }
            snapshot.settledBatches.remove(b)
            unplace(.settled(b))
        case .seal, .gcDone:
            break
        }
    }

    /// The effect that re-creates a live item (garbage collection copies these).
    func effect(for item: Item) -> Effect? {
        switch item {
        case .value(let key):
            guard let v = snapshot.values[key] else { return nil }
            return .put(key: key, value: v, damaged: snapshot.damagedKeys.contains(key))
        case .log(let id):
            guard let r = snapshot.log[id] else { return nil }
            return .log(r, damaged: snapshot.damagedLogIds.contains(id))
        case .counter(let name):
            guard let v = snapshot.counters[name] else { return nil }
            return .counter(name: name, value: v)
        case .settled(let b):
            guard snapshot.settledBatches.contains(b) else { return nil }
            return .settle(batch: b)
        }
    }
}
