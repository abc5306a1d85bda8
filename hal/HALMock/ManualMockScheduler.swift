import Synchronization

/// A `MockScheduler` on a virtual clock that only moves when told to, for tests and tools that
/// drive simulated devices without the firmware's event loop.
///
/// Actions run on the thread that calls `advance`, in due-time order (ties in scheduling order).
/// An action may schedule further actions; those due within the advanced span run too.
public final class ManualMockScheduler: MockScheduler {
    private struct Entry {
        var due: Int64
        var id: UInt64
        var action: @Sendable () -> Void
    }

    private struct State {
        var now: Int64 = 0
        var nextID: UInt64 = 1
        var entries: [Entry] = []
    }

    private let state = Mutex(State())

    /// Creates a scheduler whose virtual clock reads 0.
    public init() {}

    /// The virtual time in milliseconds since creation.
    public var nowMilliseconds: Int64 { state.withLock { $0.now } }

    /// How many actions are waiting.
    public var pendingCount: Int { state.withLock { $0.entries.count } }

    /// Schedules `action` at now + `afterMilliseconds` (negative delays count as 0).
    public func schedule(afterMilliseconds: Int64, _ action: @escaping @Sendable () -> Void) -> MockTimerToken {
        state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            let (due, overflow) = state.now.addingReportingOverflow(max(0, afterMilliseconds))
            state.entries.append(Entry(due: overflow ? Int64.max : due, id: id, action: action))
            return MockTimerToken(id)
        }
    }

    /// Removes the action named by `token` if it has not run.
    public func cancel(_ token: MockTimerToken) {
        state.withLock { state in state.entries.removeAll { $0.id == token.raw } }
    }

    /// Moves the clock forward by `milliseconds`, running every action that falls due on the way
    /// at its own due time. Returns how many actions ran.
    @discardableResult
    public func advance(byMilliseconds milliseconds: Int64) -> Int {
        let target = state.withLock { state in
            let (sum, overflow) = state.now.addingReportingOverflow(max(0, milliseconds))
            return overflow ? Int64.max : sum
        }
        var ran = 0
        while let action = takeNext(dueBy: target) {
            action()
            ran += 1
        }
        state.withLock { $0.now = max($0.now, target) }
        return ran
    }

    /// Runs the earliest action due by `target`, moving the clock to its due time.
    private func takeNext(dueBy target: Int64) -> (@Sendable () -> Void)? {
        state.withLock { state -> (@Sendable () -> Void)? in
            var best: Int?
            for index in state.entries.indices where state.entries[index].due <= target {
                if let current = best {
                    let a = state.entries[index], b = state.entries[current]
                    if (a.due, a.id) < (b.due, b.id) { best = index }
                } else {
                    best = index
                }
            }
            guard let best else { return nil }
            let entry = state.entries.remove(at: best)
            state.now = max(state.now, entry.due)
            return entry.action
        }
    }
}
