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

/// Where a live item's newest record sits and how many bytes it occupies there.
struct Placement {
    var sector: Int32
    var bytes: Int32
}

/// Log ids sharing one order or trace number; the common case (one id) needs no array.
enum IdList {
    case one(UInt64)
    case many([UInt64])

    var ids: [UInt64] {
        switch self {
        case .one(let id): [id]
        case .many(let ids): ids
        }
    }

    func adding(_ id: UInt64) -> IdList {
        switch self {
        case .one(let first): .many([first, id])
        case .many(let ids): .many(ids + [id])
        }
    }

    func removing(_ id: UInt64) -> IdList? {
        switch self {
        case .one(let only):
            return only == id ? nil : self
        case .many(let ids):
            let rest = ids.filter { $0 != id }
            return rest.isEmpty ? nil : rest.count == 1 ? .one(rest[0]) : .many(rest)
        }
    }
}

/// The in-RAM state rebuilt from flash: the snapshot plus indexes and, for every live item, the
/// sector holding its newest record.
struct StoreState {
    var snapshot = JournalSnapshot()
    var location: [Item: Placement] = [:]
    /// Items written to each sector, append-only until the sector is reopened; an entry is live
    /// only while `location` still points at that sector (filtered when collecting).
    var written: [[Item]]
    /// Log lookup tables, built on first use and maintained from then on (mount skips them).
    var index: LogIndex?
    /// Live record bytes per sector (padded record sizes), for statistics.
    var liveBytes: [Int]

    /// Order, trace and batch lookup tables of the log.
    struct LogIndex {
        var byOrder: [UInt64: IdList] = [:]
        var byTrace: [UInt64: IdList] = [:]
        var byBatch: [UInt64: Set<UInt64>] = [:]

        mutating func add(_ r: LogRecord) {
            byOrder[r.orderNumber] = byOrder[r.orderNumber].map { $0.adding(r.id) } ?? .one(r.id)
            byTrace[r.traceNumber] = byTrace[r.traceNumber].map { $0.adding(r.id) } ?? .one(r.id)
            byBatch[r.batch, default: []].insert(r.id)
        }

        mutating func remove(_ r: LogRecord) {
            byOrder[r.orderNumber] = byOrder[r.orderNumber]?.removing(r.id)
            byTrace[r.traceNumber] = byTrace[r.traceNumber]?.removing(r.id)
            byBatch[r.batch]?.remove(r.id)
            if byBatch[r.batch]?.isEmpty == true { byBatch[r.batch] = nil }
        }
    }

    init(sectorCount: Int) {
        written = Array(repeating: [], count: sectorCount)
        liveBytes = Array(repeating: 0, count: sectorCount)
    }

    /// Sizes the tables for about `items` live items (mount knows the record count).
    mutating func reserve(_ items: Int) {
        location.reserveCapacity(items)
        snapshot.log.reserveCapacity(items)
    }

    /// The log index, built now if needed.
    mutating func logIndex() -> LogIndex {
        if let index { return index }
        var built = LogIndex()
        built.byOrder.reserveCapacity(snapshot.log.count)
        built.byTrace.reserveCapacity(snapshot.log.count)
        for r in snapshot.log.values { built.add(r) }
        index = built
        return built
    }

    /// A sector is about to receive records in a new life: forget what it held.
    mutating func reset(sector: Int) {
        written[sector] = []
        liveBytes[sector] = 0
    }

    /// Live items whose newest record is in `sector`, in a stable order.
    func liveItems(in sector: Int) -> [Item] {
        Set(written[sector].filter { location[$0]?.sector == Int32(sector) }).sorted()
    }

    private mutating func place(_ item: Item, sector: Int, bytes: Int) {
        let new = Placement(sector: Int32(sector), bytes: Int32(bytes))
        if let old = location.updateValue(new, forKey: item) {
            liveBytes[Int(old.sector)] -= Int(old.bytes)
            if Int(old.sector) != sector { written[sector].append(item) }
        } else {
            written[sector].append(item)
        }
        liveBytes[sector] += bytes
    }

    private mutating func unplace(_ item: Item) {
        guard let old = location.removeValue(forKey: item) else { return }
        liveBytes[Int(old.sector)] -= Int(old.bytes)
    }

    private mutating func removeLog(_ id: UInt64) {
        guard let r = snapshot.log.removeValue(forKey: id) else { return }
        if !snapshot.damagedLogIds.isEmpty { snapshot.damagedLogIds.remove(id) }
        index?.remove(r)
        unplace(.log(id))
    }

    /// Applies one effect recorded in `sector` (`bytes` is its padded record size).
    mutating func apply(_ effect: Effect, sector: Int, bytes: Int) {
        switch effect {
        case .put(let key, let value, let damaged):
            snapshot.values[key] = value
            if damaged { snapshot.damagedKeys.insert(key) } else if !snapshot.damagedKeys.isEmpty { snapshot.damagedKeys.remove(key) }
            place(.value(key), sector: sector, bytes: bytes)
        case .delete(let key):
            snapshot.values[key] = nil
            snapshot.damagedKeys.remove(key)
            unplace(.value(key))
        case .log(let r, let damaged):
            if let old = snapshot.log.updateValue(r, forKey: r.id) {
                index?.remove(old)
                if !snapshot.damagedLogIds.isEmpty { snapshot.damagedLogIds.remove(r.id) }
            }
            if damaged { snapshot.damagedLogIds.insert(r.id) }
            index?.add(r)
            place(.log(r.id), sector: sector, bytes: bytes)
        case .counter(let name, let value):
            snapshot.counters[name] = value
            place(.counter(name), sector: sector, bytes: bytes)
        case .settle(let b):
            snapshot.settledBatches.insert(b)
            place(.settled(b), sector: sector, bytes: bytes)
        case .dropBatch(let b):
            let ids = index.map { $0.byBatch[b].map(Array.init) ?? [] } ?? snapshot.log.values.filter { $0.batch == b }.map(\.id)
            for id in ids { removeLog(id) }
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
