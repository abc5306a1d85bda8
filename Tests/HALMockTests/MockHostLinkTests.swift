import HAL
import HALMock
import Synchronization
import Testing

/// A host that records what it receives and answers each delivery through a script.
final class ScriptedHost: MockHostServer {
    let received = Mutex<[[UInt8]]>([])
    let closes = Mutex(0)
    let connections = Mutex<[MockHostConnection]>([])
    let reply: @Sendable (MockHostConnection, [UInt8]) -> Void

    init(reply: @escaping @Sendable (MockHostConnection, [UInt8]) -> Void = { connection, bytes in connection.send(bytes) }) {
        self.reply = reply
    }

    func accept(_ connection: MockHostConnection) {
        connections.withLock { $0.append(connection) }
        connection.onReceive { [self] bytes in
            received.withLock { $0.append(bytes) }
            reply(connection, bytes)
        }
        connection.onClose { [self] in closes.withLock { $0 += 1 } }
    }

    var last: MockHostConnection? { connections.withLock { $0.last } }
}

@Suite struct MockHostLinkTests {
    let endpoint = HostEndpoint(host: "acquirer.test", port: 5000)

    func makeLink(host: ScriptedHost? = ScriptedHost()) -> (MockHostLink, EventLog, ManualMockScheduler) {
        let scheduler = ManualMockScheduler()
        let link = MockHostLink(scheduler: scheduler, connectLatencyMilliseconds: 20)
        if let host { link.register(host, at: endpoint) }
        let log = EventLog()
        link.start(events: log.sink)
        return (link, log, scheduler)
    }

    /// Connects and checks the answer came after the latency.
    func connect(_ link: MockHostLink, _ log: EventLog, _ scheduler: ManualMockScheduler) {
        link.connect(to: endpoint)
        #expect(link.isConnecting)
        scheduler.advance(byMilliseconds: 19)
        #expect(log.take().isEmpty)
        scheduler.advance(byMilliseconds: 1)
        #expect(log.take() == [.link(.connected(endpoint))])
    }

    @Test func connectsAfterTheLatencyAndCarriesBytesBothWays() throws {
        let host = ScriptedHost { connection, bytes in
            connection.send(Array(bytes.reversed()))
            connection.send([0xFF])
        }
        let (link, log, scheduler) = makeLink(host: host)
        #expect(link.role == .link)
        #expect(link.isNetworkUp)
        #expect(link.signalPercent == nil)
        connect(link, log, scheduler)
        #expect(link.connectedEndpoint == endpoint)
        #expect(host.last?.endpoint == endpoint)
        try link.send([1, 2, 3])
        try link.send([])
        try link.send([4])
        #expect(host.received.withLock { $0 } == [[1, 2, 3], [4]])
        #expect(log.take() == [
            .link(.received([3, 2, 1])), .link(.received([0xFF])),
            .link(.received([4])), .link(.received([0xFF])),
        ])
    }

    @Test func connectFailsWithoutAHostWhenRefusedAndWhenDown() throws {
        let (link, log, scheduler) = makeLink(host: nil)
        link.connect(to: endpoint)
        scheduler.advance(byMilliseconds: 20)
        #expect(log.take() == [.link(.connectFailed(HALError(.disconnected, role: .link, "connection refused: no host at acquirer.test:5000")))])
        link.register(ScriptedHost(), at: endpoint)
        try link.setFault("refused", active: true)
        link.connect(to: endpoint)
        scheduler.advance(byMilliseconds: 20)
        #expect(log.take() == [.link(.connectFailed(HALError(.disconnected, role: .link, "connection refused")))])
        try link.setFault("refused", active: false)
        try link.setFault("down", active: true)
        #expect(link.isNetworkUp == false)
        link.connect(to: endpoint)
        scheduler.advance(byMilliseconds: 20)
        #expect(log.take() == [
            .link(.networkChanged(up: false)),
            .link(.connectFailed(HALError(.disconnected, role: .link, "network down"))),
        ])
        try link.setFault("down", active: false)
        #expect(log.take() == [.link(.networkChanged(up: true))])
        connect(link, log, scheduler)
        link.unregister(at: endpoint)
        link.disconnect()
        _ = log.take()
        link.connect(to: endpoint)
        scheduler.advance(byMilliseconds: 20)
        #expect(log.take().first == .link(.connectFailed(HALError(.disconnected, role: .link, "connection refused: no host at acquirer.test:5000"))))
    }

    @Test func conditionsAtAnswerTimeCount() throws {
        let (link, log, scheduler) = makeLink()
        link.connect(to: endpoint)
        try link.setFault("down", active: true)
        scheduler.advance(byMilliseconds: 20)
        #expect(log.take() == [.link(.networkChanged(up: false)), .link(.connectFailed(HALError(.disconnected, role: .link, "network down")))])
    }

    @Test func secondConnectIsBusyAndDisconnectAbandonsAConnect() throws {
        let (link, log, scheduler) = makeLink()
        link.connect(to: endpoint)
        link.connect(to: endpoint)
        #expect(log.take() == [.link(.connectFailed(HALError(.busy, role: .link, "a connection is already open or opening")))])
        link.disconnect()
        #expect(log.take() == [.link(.connectFailed(HALError(.disconnected, role: .link, "connect abandoned")))])
        #expect(link.isConnecting == false)
        scheduler.advance(byMilliseconds: 100)
        #expect(log.take().isEmpty)
        connect(link, log, scheduler)
        link.connect(to: endpoint)
        #expect(log.take() == [.link(.connectFailed(HALError(.busy, role: .link, "a connection is already open or opening")))])
    }

    @Test func disconnectClosesBothSidesAndSendThenThrows() throws {
        let host = ScriptedHost()
        let (link, log, scheduler) = makeLink(host: host)
        #expect(halError { () throws(HALError) in try link.send([1]) }?.kind == .disconnected)
        connect(link, log, scheduler)
        link.disconnect()
        #expect(log.take() == [.link(.disconnected(nil))])
        #expect(host.closes.withLock { $0 } == 1)
        #expect(host.last?.isOpen == false)
        #expect(halError { () throws(HALError) in try link.send([1]) }?.kind == .disconnected)
        link.disconnect()
        #expect(log.take().isEmpty)
        // The host's late bytes go nowhere.
        host.last?.send([9])
        #expect(log.take().isEmpty)
    }

    @Test func hostClosingIsSeenByTheTerminal() throws {
        let host = ScriptedHost { connection, _ in connection.close() }
        let (link, log, scheduler) = makeLink(host: host)
        connect(link, log, scheduler)
        try link.send([1])
        #expect(log.take() == [.link(.disconnected(nil))])
        #expect(host.closes.withLock { $0 } == 1)
        #expect(link.connectedEndpoint == nil)
        host.last?.close()
        #expect(host.closes.withLock { $0 } == 1)
    }

    @Test func networkDownCutsTheOpenConnection() throws {
        let host = ScriptedHost()
        let (link, log, scheduler) = makeLink(host: host)
        connect(link, log, scheduler)
        try link.setFault("down", active: true)
        #expect(log.take() == [
            .link(.networkChanged(up: false)),
            .link(.disconnected(HALError(.disconnected, role: .link, "network down"))),
        ])
        #expect(host.closes.withLock { $0 } == 1)
        #expect(halError { () throws(HALError) in try link.send([1]) }?.kind == .disconnected)
    }

    @Test func noReplySwallowsBytesToTheHost() throws {
        let host = ScriptedHost()
        let (link, log, scheduler) = makeLink(host: host)
        connect(link, log, scheduler)
        try link.setFault("no_reply", active: true)
        #expect(log.take().isEmpty)
        try link.send([1, 2])
        #expect(host.received.withLock { $0 }.isEmpty)
        #expect(log.take().isEmpty)
        try link.setFault("no_reply", active: false)
        try link.send([3])
        #expect(host.received.withLock { $0 } == [[3]])
        #expect(log.take() == [.link(.received([3]))])
    }

    @Test func linkDropMidExchangeLosesTheLateReply() throws {
        // The host answers 500 ms after each request, like a slow acquirer.
        let scheduler = ManualMockScheduler()
        let host = ScriptedHost { connection, bytes in
            _ = scheduler.schedule(afterMilliseconds: 500) { connection.send([0x02] + bytes) }
        }
        let link = MockHostLink(scheduler: scheduler)
        link.register(host, at: endpoint)
        let log = EventLog()
        link.start(events: log.sink)
        link.connect(to: endpoint)
        scheduler.advance(byMilliseconds: 20)
        try link.send([0x10])
        scheduler.advance(byMilliseconds: 200)
        try link.setFault("drop", active: true)
        scheduler.advance(byMilliseconds: 1000)
        #expect(log.take() == [
            .link(.connected(endpoint)),
            .link(.disconnected(HALError(.disconnected, role: .link, "connection dropped"))),
        ])
        #expect(host.received.withLock { $0 } == [[0x10]])
        #expect(host.closes.withLock { $0 } == 1)
    }

    @Test func dropCutsEachNewConnectionAtItsFirstSend() throws {
        let host = ScriptedHost()
        let (link, log, scheduler) = makeLink(host: host)
        try link.setFault("drop", active: true)
        #expect(log.take().isEmpty)
        connect(link, log, scheduler)
        try link.send([])
        #expect(log.take().isEmpty)
        try link.send([1])
        #expect(log.take() == [.link(.disconnected(HALError(.disconnected, role: .link, "connection dropped")))])
        #expect(host.received.withLock { $0 }.isEmpty)
        #expect(host.closes.withLock { $0 } == 1)
        try link.setFault("drop", active: false)
        connect(link, log, scheduler)
        try link.send([2])
        #expect(log.take() == [.link(.received([2]))])
    }

    @Test func bytesBeforeTheHostListensWaitForIt() throws {
        final class LateHost: MockHostServer {
            let accepted = Mutex<MockHostConnection?>(nil)
            func accept(_ connection: MockHostConnection) { accepted.withLock { $0 = connection } }
        }
        let host = LateHost()
        let (link, log, scheduler) = makeLink(host: nil)
        link.register(host, at: endpoint)
        connect(link, log, scheduler)
        try link.send([1])
        try link.send([2])
        let got = Mutex<[[UInt8]]>([])
        let closed = Mutex(false)
        let connection = host.accepted.withLock { $0 }
        connection?.onReceive { bytes in got.withLock { $0.append(bytes) } }
        try link.send([3])
        #expect(got.withLock { $0 } == [[1], [2], [3]])
        link.disconnect()
        connection?.onClose { closed.withLock { $0 = true } }
        #expect(closed.withLock { $0 })
    }

    @Test func signalChangesAreClampedAndReportedOnce() {
        let (link, log, _) = makeLink()
        link.setSignal(percent: 80)
        link.setSignal(percent: 80)
        link.setSignal(percent: 140)
        link.setSignal(percent: -3)
        link.setSignal(percent: nil)
        #expect(log.take() == [
            .link(.signalChanged(percent: 80)), .link(.signalChanged(percent: 100)),
            .link(.signalChanged(percent: 0)), .link(.signalChanged(percent: nil)),
        ])
        #expect(link.signalPercent == nil)
    }

    @Test func startReportsDownAndSignalAndStopClosesSilently() throws {
        let host = ScriptedHost()
        let scheduler = ManualMockScheduler()
        let link = MockHostLink(scheduler: scheduler)
        link.register(host, at: endpoint)
        try link.setFault("down", active: true)
        link.setSignal(percent: 35)
        let log = EventLog()
        link.start(events: log.sink)
        #expect(log.take() == [.link(.networkChanged(up: false)), .link(.signalChanged(percent: 35))])
        try link.setFault("down", active: false)
        link.connect(to: endpoint)
        scheduler.advance(byMilliseconds: 20)
        _ = log.take()
        link.stop()
        #expect(host.closes.withLock { $0 } == 1)
        #expect(log.take().isEmpty)
        link.connect(to: endpoint)
        link.stop()
        scheduler.advance(byMilliseconds: 100)
        #expect(log.take().isEmpty)
        #expect(link.isConnecting == false)
    }

    @Test func rejectsEndpointsThatCannotExist() {
        let (link, log, scheduler) = makeLink()
        for bad in [HostEndpoint(host: "", port: 5000), HostEndpoint(host: "h", port: 0), HostEndpoint(host: "h", port: 65_536)] {
            link.connect(to: bad)
            #expect(log.take() == [.link(.connectFailed(HALError(.invalidRequest, role: .link, "no such endpoint: \(bad)")))])
        }
        #expect(link.isConnecting == false)
        connect(link, log, scheduler)
    }

    @Test func faultBookkeeping() throws {
        let (link, _, _) = makeLink()
        #expect(link.supportedFaults == ["down", "refused", "no_reply", "drop"])
        try link.setFault("refused", active: true)
        try link.setFault("no_reply", active: true)
        #expect(link.activeFaults == ["refused", "no_reply"])
        #expect(controlErrorCode { () throws(MockControlError) in try link.setFault("unplugged", active: true) } == "unknown_fault")
    }
}
