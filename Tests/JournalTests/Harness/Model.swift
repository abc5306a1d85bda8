import Journal

/// The reference model: the store's contents computed independently from the operations,
/// plus the history of acknowledged states.
struct Model {
    var state = JournalSnapshot()
    var nextLogId: UInt64 = 1

    enum Rejection: Error { case backwards, overflow }

    /// The state after `group`, with the log ids it assigns; nil when the store must refuse it.
    func applying(_ group: JournalGroup) -> (Model, [UInt64])? {
        var m = self
        var ids: [UInt64] = []
        for op in group.operations {
            switch op {
            case .put(let key, let value):
                m.state.values[key] = value
            case .delete(let key):
                m.state.values[key] = nil
            case .append(let order, let trace, let batch, let payload):
                m.state.log[m.nextLogId] = LogRecord(id: m.nextLogId, orderNumber: order, traceNumber: trace,
                                                     batch: batch, payload: payload)
                ids.append(m.nextLogId)
                m.nextLogId += 1
            case .increment(let name, let by):
                let (v, o) = (m.state.counters[name] ?? 0).addingReportingOverflow(by)
                if o { return nil }
                m.state.counters[name] = v
            case .advance(let name, let to):
                if to < m.state.counters[name] ?? 0 { return nil }
                m.state.counters[name] = to
            case .settleBatch(let b):
                m.state.settledBatches.insert(b)
            case .dropSettledBatches(let through):
                let gone = m.state.settledBatches.filter { $0 <= through }
                m.state.log = m.state.log.filter { !gone.contains($0.value.batch) }
                m.state.settledBatches.subtract(gone)
            }
        }
        return (m, ids)
    }
}

/// A seeded point-of-sale workload: sales, voids, refunds, reversals, settlement, retention,
/// configuration and operator edits.
struct Workload {
    var random: SeededRandom
    /// Payload size range of log records.
    var payloadSizes: ClosedRange<Int>

    init(seed: UInt64, payloadSizes: ClosedRange<Int> = 40...160) {
        random = SeededRandom(seed: seed ^ 0x5EED_0F_5A1E)
        self.payloadSizes = payloadSizes
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    mutating func next(_ model: JournalSnapshot) -> JournalGroup {
        var g = JournalGroup()
        let batch = model.counters["batch"] ?? 0
        let trace = (model.counters["trace"] ?? 0) + 1
        let order = (model.counters["order"] ?? 0) + 1
        let size = payloadSizes.lowerBound + Int(random.next() % UInt64(payloadSizes.count))
        switch random.next() % 16 {
        case 0:
            g.put("config/\(random.next() % 4)", bytes(8 + Int(random.next() % 40)))
        case 1:
            if random.next() & 1 == 0 { g.put("operator/\(random.next() % 3)", bytes(32)) } else {
                g.delete("operator/\(random.next() % 3)")
            }
        case 2, 3:
            // Reversal armed before the request leaves the terminal.
            g.increment("trace")
            g.put("reversal/pending", bytes(24))
        case 4:
            // Settlement: close the batch, open the next, keep one settled batch.
            g.settleBatch(batch)
            g.increment("batch")
            if batch >= 1 { g.dropSettledBatches(through: batch - 1) }
            g.put("batch/totals", [UInt8](repeating: 0, count: 16))
        case 5:
            g.append(orderNumber: order - 1, traceNumber: trace, batch: batch, payload: bytes(size / 2))
            g.increment("trace")
            g.put("batch/totals", bytes(16))
        default:
            // Approval + batch totals + reversal cleared: one group.
            g.increment("trace")
            g.increment("order")
            g.append(orderNumber: order, traceNumber: trace, batch: batch, payload: bytes(size))
            g.put("batch/totals", bytes(16))
            g.delete("reversal/pending")
        }
        return g
    }
}
