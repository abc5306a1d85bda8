@testable import HALMock
import Synchronization
import Testing

@Suite struct DeviceTimerTests {
    @Test func reArmingReplacesTheAction() {
        let scheduler = ManualMockScheduler()
        let timer = DeviceTimer(scheduler: scheduler)
        let fired = Mutex<[String]>([])
        timer.arm(afterMilliseconds: 10) { fired.withLock { $0.append("first") } }
        timer.arm(afterMilliseconds: 20) { fired.withLock { $0.append("second") } }
        #expect(scheduler.pendingCount == 1)
        scheduler.advance(byMilliseconds: 100)
        #expect(fired.withLock { $0 } == ["second"])
    }

    @Test func disarmingCancelsAndALateActionStaysQuiet() {
        let scheduler = LateCancelScheduler()
        let timer = DeviceTimer(scheduler: scheduler)
        let fired = Mutex(0)
        timer.arm(afterMilliseconds: 10) { fired.withLock { $0 += 1 } }
        timer.disarm()
        scheduler.inner.advance(byMilliseconds: 100)
        #expect(fired.withLock { $0 } == 0)
    }

    @Test func aTimerThatIsGoneDoesNotFire() {
        let scheduler = ManualMockScheduler()
        let fired = Mutex(0)
        do {
            let timer = DeviceTimer(scheduler: scheduler)
            timer.arm(afterMilliseconds: 10) { fired.withLock { $0 += 1 } }
        }
        scheduler.advance(byMilliseconds: 100)
        #expect(fired.withLock { $0 } == 0)
    }
}
