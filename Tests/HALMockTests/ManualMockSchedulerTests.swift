import HALMock
import Synchronization
import Testing

@Suite struct ManualMockSchedulerTests {
    @Test func runsActionsInDueOrderWithTiesInSchedulingOrder() {
        let scheduler = ManualMockScheduler()
        let order = Mutex<[String]>([])
        _ = scheduler.schedule(afterMilliseconds: 30) { order.withLock { $0.append("c@30") } }
        _ = scheduler.schedule(afterMilliseconds: 10) { order.withLock { $0.append("a@10") } }
        _ = scheduler.schedule(afterMilliseconds: 10) { order.withLock { $0.append("b@10") } }
        #expect(scheduler.advance(byMilliseconds: 9) == 0)
        #expect(scheduler.nowMilliseconds == 9)
        #expect(scheduler.advance(byMilliseconds: 100) == 3)
        #expect(order.withLock { $0 } == ["a@10", "b@10", "c@30"])
        #expect(scheduler.nowMilliseconds == 109)
        #expect(scheduler.pendingCount == 0)
    }

    @Test func cancelledActionsDoNotRun() {
        let scheduler = ManualMockScheduler()
        let ran = Mutex(0)
        let token = scheduler.schedule(afterMilliseconds: 5) { ran.withLock { $0 += 1 } }
        scheduler.cancel(token)
        scheduler.cancel(token)
        #expect(scheduler.advance(byMilliseconds: 10) == 0)
        #expect(ran.withLock { $0 } == 0)
    }

    @Test func actionsScheduledByActionsRunWithinTheSpanAtTheirOwnTime() {
        let scheduler = ManualMockScheduler()
        let times = Mutex<[Int64]>([])
        _ = scheduler.schedule(afterMilliseconds: 10) {
            times.withLock { $0.append(scheduler.nowMilliseconds) }
            _ = scheduler.schedule(afterMilliseconds: 5) { times.withLock { $0.append(scheduler.nowMilliseconds) } }
            _ = scheduler.schedule(afterMilliseconds: 50) { times.withLock { $0.append(scheduler.nowMilliseconds) } }
        }
        scheduler.advance(byMilliseconds: 20)
        #expect(times.withLock { $0 } == [10, 15])
        #expect(scheduler.pendingCount == 1)
        scheduler.advance(byMilliseconds: 40)
        #expect(times.withLock { $0 } == [10, 15, 60])
    }

    @Test func negativeDelaysRunAtTheCurrentTimeAndScheduleNeverRunsInline() {
        let scheduler = ManualMockScheduler()
        let ran = Mutex(false)
        _ = scheduler.schedule(afterMilliseconds: -5) { ran.withLock { $0 = true } }
        #expect(ran.withLock { $0 } == false)
        scheduler.advance(byMilliseconds: 0)
        #expect(ran.withLock { $0 })
        #expect(scheduler.nowMilliseconds == 0)
    }

    @Test func hugeDelaysDoNotOverflow() {
        let scheduler = ManualMockScheduler()
        scheduler.advance(byMilliseconds: 10)
        _ = scheduler.schedule(afterMilliseconds: .max) {}
        #expect(scheduler.advance(byMilliseconds: .max) == 1)
        #expect(scheduler.nowMilliseconds == .max)
    }
}
