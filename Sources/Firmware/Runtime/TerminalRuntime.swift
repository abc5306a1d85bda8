import Acquirer
import HAL
import Logging
import Security
import Terminal

/// Runs the terminal on a board: feeds device events and timers to the `TerminalMachine` on the
/// event loop, executes the effects it returns, and keeps what the control protocol observes.
///
/// Thread confinement: every method except `init` runs on the loop thread (callers post to the
/// loop). That is what makes it safe to mark `@unchecked Sendable`.
public final class TerminalRuntime: @unchecked Sendable {
    /// The loop everything runs on.
    public let loop: EventLoop
    /// The board's devices.
    public let devices: DeviceSet
    private let store: any TerminalStore
    private let services: TerminalServices
    private let logger: Logger

    /// The machine of the current boot, nil while the power is off.
    public private(set) var machine: TerminalMachine?
    /// The last frame the terminal drew (nil while off).
    public private(set) var currentFrame: DisplayFrame?
    /// Whether the terminal is powered.
    public var isPoweredOn: Bool { machine != nil }
    /// How many times the terminal has booted in this process.
    public private(set) var bootCount = 0
    /// The last storage failure, if the journal refused a commit.
    public private(set) var storageFault: String?

    private var terminalTimers: [TimerID: LoopTimerToken] = [:]
    private var observers: [UInt64: @Sendable (TerminalRuntime) -> Bool] = [:]
    private var nextObserverID: UInt64 = 0

    /// Creates a runtime; nothing runs until `powerOn()`.
    public init(loop: EventLoop, devices: DeviceSet, store: any TerminalStore, services: TerminalServices, logger: Logger) {
        self.loop = loop
        self.devices = devices
        self.store = store
        var services = services
        if services.hostKeys == nil { services.hostKeys = devices.hostKeys }
        self.services = services
        self.logger = logger
    }

    // MARK: Power

    /// Boots: starts the devices, recovers the state from the store, and feeds `.powerOn`.
    ///
    /// Throws when the store cannot be read; the terminal then stays off.
    public func powerOn() throws {
        guard machine == nil else { return }
        var recovered = try store.load()
        // The working keys live in the PIN pad; one that lost them (a fresh process, a replaced
        // PIN pad) cannot make PIN blocks, so the terminal must sign on again before it sells.
        if var record = recovered.hostRecord, !devices.secureElement.loadedKeys.contains(.pinKey) {
            record.signOnRequired = true
            recovered.hostRecord = record
        }
        bootCount += 1
        let boot = bootCount
        machine = TerminalMachine(services: services)
        for device in devices.all {
            device.start { [weak self, loop] event in
                loop.post { [weak self] in self?.deliverDeviceEvent(event, boot: boot) }
            }
        }
        logger.info("power on", metadata: ["boot": "\(boot)", "operators": "\(recovered.operators.count)"])
        deliver(.powerOn(recovered))
    }

    /// Cuts the power: the terminal stops at once; queued events, timers and anything not yet
    /// committed are lost. Devices stop posting.
    public func powerCut() {
        guard machine != nil else { return }
        machine = nil
        currentFrame = nil
        for device in devices.all { device.stop() }
        // Timers and queued events of this boot are dropped by their boot-number check.
        terminalTimers.removeAll()
        logger.notice("power cut")
        notifyObservers()
    }

    // MARK: Events

    private func deliverDeviceEvent(_ event: DeviceEvent, boot: Int) {
        guard boot == bootCount, machine != nil else { return }
        deliver(.device(event))
    }

    /// Feeds one event to the machine and runs its effects. No-op while the power is off.
    public func deliver(_ event: TerminalEvent) {
        guard var current = machine else { return }
        let effects = current.handle(event, at: WallTime(millisecondsSinceEpoch: loop.wallTimeMilliseconds))
        machine = current
        execute(effects)
        notifyObservers()
    }

    // MARK: Effects

    private func execute(_ effects: [TerminalEffect]) {
        for effect in effects {
            guard machine != nil else { return }
            if !execute(effect) { return }
        }
    }

    /// Runs one effect; false stops the rest of the step (a failed persist: the write-ahead rule
    /// forbids anything after it).
    private func execute(_ effect: TerminalEffect) -> Bool {
        switch effect {
        case let .show(frame):
            currentFrame = frame
            do { try devices.display.show(frame) } catch { logger.warning("display: \(error)") }
        case let .beep(pattern):
            devices.indicator.beep(pattern)
        case let .light(light, on):
            devices.indicator.setLight(light, on: on)
        case let .print(document, job):
            do { try devices.printer.print(document, job: job) } catch {
                post(.printer(.failed(job: job, error)))
            }
        case let .requestPin(request):
            do { try devices.pinPad.requestPin(request) } catch {
                post(.pinPad(.failed(error)))
            }
        case .cancelPin:
            devices.pinPad.cancelPinRequest()
        case let .armCardReader(armed):
            do { try devices.cardReader.setArmed(armed) } catch { logger.warning("card reader: \(error)") }
        case let .connectHost(endpoint):
            devices.link.connect(to: endpoint)
        case let .sendHost(bytes):
            do { try devices.link.send(bytes) } catch {
                post(.link(.disconnected(error)))
            }
        case .disconnectHost:
            devices.link.disconnect()
        case let .startTimer(id, milliseconds):
            if let running = terminalTimers[id] { loop.cancel(running) }
            let boot = bootCount
            terminalTimers[id] = loop.schedule(afterMilliseconds: milliseconds) { [weak self] in
                self?.timerFired(id, boot: boot)
            }
        case let .cancelTimer(id):
            if let running = terminalTimers.removeValue(forKey: id) { loop.cancel(running) }
        case let .installWorkingKeys(field62, mode):
            do {
                guard let downloadMode = KeyDownloadMode(rawValue: mode.rawValue) else {
                    throw SecurityError.invalidArgument("key mode \(mode.rawValue)")
                }
                _ = try devices.secureElement.installWorkingKeys(field62: field62, mode: downloadMode)
            } catch {
                // The PIN pad keeps its old keys; its next PIN request fails and says so.
                logger.error("PIN pad refused the working keys: \(error)")
            }
        case let .persist(changes):
            do {
                try store.commit(changes)
            } catch {
                storageFault = "\(error)"
                logger.error("journal commit failed: \(error)")
                post(.status(.flash, .faulty))
                return false
            }
        }
        return true
    }

    /// Posts a device event that an effect's failure produced, so the machine hears of it as it
    /// would from the device itself.
    private func post(_ event: DeviceEvent) {
        let boot = bootCount
        loop.post { [weak self] in self?.deliverDeviceEvent(event, boot: boot) }
    }

    private func timerFired(_ id: TimerID, boot: Int) {
        guard boot == bootCount, machine != nil else { return }
        terminalTimers.removeValue(forKey: id)
        deliver(.timerFired(id))
    }

    // MARK: Observers

    /// Calls `check` after every step (and once now) until it returns true. Returns a handle for
    /// `removeObserver`.
    @discardableResult
    public func observe(_ check: @escaping @Sendable (TerminalRuntime) -> Bool) -> UInt64 {
        nextObserverID += 1
        let id = nextObserverID
        if !check(self) { observers[id] = check }
        return id
    }

    /// Stops calling an observer.
    public func removeObserver(_ id: UInt64) {
        observers.removeValue(forKey: id)
    }

    private func notifyObservers() {
        for (id, check) in observers.sorted(by: { $0.key < $1.key }) where check(self) {
            observers.removeValue(forKey: id)
        }
    }
}
