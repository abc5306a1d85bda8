import Journal

/// A failed invariant, with the seed and cut schedule that reproduce it.
struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
}

/// One power-cut scenario: a seeded workload on a small strict device, cut at chosen operations.
struct Scenario: Sendable {
    var seed: UInt64
    var geometry: FlashGeometry
    var steps: Int
    var payloadSizes: ClosedRange<Int> = 40...160
    var faults = FaultPlan(seed: 0)

    /// Device formatted and mounted, with the model at its start.
    func start() throws -> (MemoryFlash, JournalStore) {
        let device = MemoryFlash(geometry: geometry, strict: true)
        try JournalStore.format(device)
        return (device, try JournalStore(mounting: device))
    }
}

/// Result of running the workload until the scheduled cut.
struct CutRun {
    var device: MemoryFlash
    var acknowledged: Model
    /// The model including the group in flight when the power failed, if any.
    var inFlight: Model?
    var workload: Workload
    var cutHappened: Bool
}

enum Harness {
    /// Runs the workload with a cut at mutation `cutAt` (counted after the initial mount).
    static func run(_ scenario: Scenario, cutAt: Int?, style: CutStyle) throws -> CutRun {
        let (device, store) = try scenario.start()
        var plan = scenario.faults
        plan.seed = scenario.seed &+ UInt64(cutAt ?? 0)
        plan.cutAtOperation = cutAt
        plan.cutStyle = style
        device.install(plan)
        var model = Model()
        var workload = Workload(seed: scenario.seed, payloadSizes: scenario.payloadSizes)
        for _ in 0..<scenario.steps {
            let group = workload.next(model.state)
            guard let (expected, ids) = model.applying(group) else { continue }
            do {
                let receipt = try store.commit(group)
                guard receipt.logIds == ids else {
                    throw HarnessFailure(description: "log ids \(receipt.logIds) != model \(ids)")
                }
                model = expected
            } catch JournalError.powerLoss {
                return CutRun(device: device, acknowledged: model, inFlight: expected, workload: workload, cutHappened: true)
            } catch JournalError.full {
                continue
            }
        }
        return CutRun(device: device, acknowledged: model, inFlight: nil, workload: workload, cutHappened: device.isPoweredOff)
    }

    /// Mutations the scenario performs without any cut (the exhaustive cut range).
    static func mutationCount(_ scenario: Scenario) throws -> Int {
        let r = try run(scenario, cutAt: nil, style: .tornBits)
        return r.device.mutationsSinceInstall
    }

    /// Powers on and mounts, cutting again at each of `nested` (mutations counted inside that
    /// mount); returns the mounted store and how many nested cuts fired.
    static func remount(_ device: MemoryFlash, nested: [Int], seed: UInt64, style: CutStyle,
                        base: FaultPlan) throws -> (JournalStore, Int) {
        var fired = 0
        for (i, at) in nested.enumerated() {
            device.powerOn()
            var plan = base
            plan.seed = seed &+ UInt64(i) &* 7919
            plan.cutAtOperation = at
            plan.cutStyle = style
            device.install(plan)
            do {
                let store = try JournalStore(mounting: device)
                // The cut did not fire inside this mount: recovery finished; disarm it.
                var calm = base
                calm.cutAtOperation = nil
                device.install(calm)
                return (store, fired)
            } catch JournalError.powerLoss {
                fired += 1
            }
        }
        device.powerOn()
        var calm = base
        calm.cutAtOperation = nil
        device.install(calm)
        // The final mount also runs against the simulated clock: its flash time is bounded too.
        let clock = ManualFlashClock()
        device.clock = clock
        defer { device.clock = nil }
        let store = try JournalStore(mounting: device)
        let bound = MountBound(geometry: device.geometry, options: store.options)
        let limit = bound.nanoseconds(device.timing, pageSize: device.geometry.pageSize)
        guard clock.nanoseconds <= limit else {
            throw HarnessFailure(description: "mount took \(clock.nanoseconds) ns of flash time, bound \(limit)")
        }
        return (store, fired)
    }

    /// Checks every invariant after a remount and returns the model the store now matches.
    static func check(_ store: JournalStore, _ run: CutRun, context: String) throws -> Model {
        let got = store.snapshot()
        let model: Model
        if got == run.acknowledged.state {
            model = run.acknowledged
        } else if let inFlight = run.inFlight, got == inFlight.state {
            model = inFlight
        } else {
            throw HarnessFailure(description: "\(context): state matches neither the acknowledged prefix nor the group in flight\n"
                                 + describeDifference(got, run.acknowledged.state))
        }
        for (name, value) in run.acknowledged.state.counters where store.counter(name) < value {
            throw HarnessFailure(description: "\(context): counter \(name) went back to \(store.counter(name)) from \(value)")
        }
        let bound = MountBound(geometry: store.device.geometry, options: store.options)
        if let why = bound.violation(store.mountReport) {
            throw HarnessFailure(description: "\(context): mount work out of bound: \(why)")
        }
        if run.device.counters.programsOverNonErased > 0 {
            throw HarnessFailure(description: "\(context): programmed over non-erased bytes")
        }
        return model
    }

    static func describeDifference(_ a: JournalSnapshot, _ b: JournalSnapshot) -> String {
        var lines: [String] = []
        for k in Set(a.values.keys).union(b.values.keys) where a.values[k] != b.values[k] {
            lines.append("value \(k): store \(a.values[k].map { hexString($0) } ?? "nil") model \(b.values[k].map { hexString($0) } ?? "nil")")
        }
        for k in Set(a.log.keys).union(b.log.keys) where a.log[k] != b.log[k] {
            lines.append("log \(k): store \(a.log[k] != nil) model \(b.log[k] != nil)")
        }
        if a.counters != b.counters { lines.append("counters store \(a.counters) model \(b.counters)") }
        if a.settledBatches != b.settledBatches { lines.append("settled store \(a.settledBatches) model \(b.settledBatches)") }
        if !a.damagedKeys.isEmpty || !a.damagedLogIds.isEmpty { lines.append("damage \(a.damagedKeys) \(a.damagedLogIds)") }
        return lines.prefix(8).joined(separator: "\n")
    }

    /// Continues the workload on a remounted store (liveness), then remounts once more and
    /// checks the two mounts agree with the model.
    static func continueAndVerify(_ store: JournalStore, model: Model, run: CutRun, steps: Int,
                                  context: String) throws {
        var model = model
        var workload = run.workload
        for _ in 0..<steps {
            let group = workload.next(model.state)
            guard let (expected, ids) = model.applying(group) else { continue }
            do {
                let receipt = try store.commit(group)
                guard receipt.logIds == ids else {
                    throw HarnessFailure(description: "\(context): after remount log ids \(receipt.logIds) != \(ids)")
                }
                model = expected
            } catch JournalError.full {
                continue
            }
        }
        run.device.install(nil)
        let again = try JournalStore(mounting: run.device)
        guard again.snapshot() == model.state else {
            throw HarnessFailure(description: "\(context): second mount disagrees\n" + describeDifference(again.snapshot(), model.state))
        }
    }

    /// One complete cut point: run to the cut, remount (with nested cuts), check, continue,
    /// remount and check again.
    static func cutPoint(_ scenario: Scenario, cutAt: Int, style: CutStyle, nested: [Int] = []) throws {
        let context = "seed \(scenario.seed) cut \(cutAt) \(style) nested \(nested)"
        do {
            let r = try run(scenario, cutAt: cutAt, style: style)
            guard r.cutHappened else { return }
            let (store, _) = try remount(r.device, nested: nested, seed: scenario.seed &+ UInt64(cutAt), style: style,
                                         base: scenario.faults)
            let model = try check(store, r, context: context)
            try continueAndVerify(store, model: model, run: r, steps: 4, context: context)
        } catch let error as HarnessFailure {
            throw error
        } catch {
            throw HarnessFailure(description: "\(context): \(error)")
        }
    }
}
