import Foundation
import Synchronization
import Testing
@testable import Firmware

@Suite struct EventLoopTests {
    /// Collects values from loop jobs.
    final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    @Test func jobsRunInOrderBeforeTimers() {
        let loop = EventLoop(mode: .simulated(startWallTimeMilliseconds: 0))
        let log = Log()
        loop.schedule(afterMilliseconds: 0) { log.add("timer") }
        loop.post { log.add("a") }
        loop.post { log.add("b") }
        loop.runUntilIdle()
        #expect(log.all == ["a", "b", "timer"])
    }

    @Test func simulatedTimeStandsStillWithoutDemand() {
        let loop = EventLoop(mode: .simulated(startWallTimeMilliseconds: 1_000))
        let log = Log()
        loop.schedule(afterMilliseconds: 60_000) { log.add("late") }
        loop.runUntilIdle()
        #expect(log.all.isEmpty)
        #expect(loop.now == 0)
        #expect(loop.wallTimeMilliseconds == 1_000)
    }

    @Test func timeDemandJumpsFromTimerToTimerInDeadlineOrder() {
        let loop = EventLoop(mode: .simulated(startWallTimeMilliseconds: 0))
        let log = Log()
        let done = DispatchSemaphore(value: 0)
        loop.schedule(afterMilliseconds: 300) { log.add("300@\(loop.now)") }
        loop.schedule(afterMilliseconds: 100) { log.add("100@\(loop.now)") }
        let cancelled = loop.schedule(afterMilliseconds: 200) { log.add("cancelled") }
        loop.cancel(cancelled)
        loop.beginTimeDemand()
        loop.schedule(afterMilliseconds: 60_000) {
            loop.endTimeDemand()
            log.add("end@\(loop.now)")
            done.signal()
        }
        loop.start(name: "test")
        done.wait()
        loop.stop()
        #expect(log.all == ["100@100", "300@300", "end@60000"])
    }

    @Test func liveLoopRunsPostedJobsFromOtherThreads() {
        let loop = EventLoop(mode: .live)
        let log = Log()
        let done = DispatchSemaphore(value: 0)
        loop.start(name: "test-live")
        DispatchQueue.global().async {
            loop.post { log.add("from another thread") }
            loop.post { done.signal() }
        }
        done.wait()
        loop.stop()
        #expect(log.all == ["from another thread"])
    }
}

@Suite struct EventLoopRequestOrderTests {
    @Test func requestsWaitForJobsAndDueTimers() {
        let loop = EventLoop(mode: .simulated(startWallTimeMilliseconds: 0))
        let log = EventLoopTests.Log()
        loop.postRequest { log.add("request") }
        loop.schedule(afterMilliseconds: 0) { log.add("due timer") }
        loop.schedule(afterMilliseconds: 5) { log.add("later timer") }
        loop.post { log.add("job") }
        loop.runUntilIdle()
        #expect(log.all == ["job", "due timer", "request"])
    }
}
