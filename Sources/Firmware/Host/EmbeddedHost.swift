import Acquirer
import AcquirerHost
import Foundation
import HAL
import HALMock
import Synchronization

/// The acquirer host simulator embedded in the mock board: an `AcquirerHost` (in-memory ledger,
/// working keys from a seeded generator, the loop's wall clock) reachable through the mock link.
/// Each connection runs through `HostConnectionSession`, the same framing code `posterm-host`
/// serves over TCP, so the terminal exchanges real ISO 8583 frames with it. Replies leave after
/// the delay a behaviour asks for, scheduled on the loop (simulated time in tests).
///
/// It also counts what reaches it by message type, so a rig can see, for instance, that exactly
/// one reversal (0400) arrived.
public final class EmbeddedHost: MockHostServer, Sendable {
    /// Counters of what reached the host.
    public struct Traffic: Sendable, Hashable {
        /// Connections accepted.
        public var connections = 0
        /// Frames received, by MTI (`0800`, `0200`, `0400` …).
        public var framesByMTI: [String: Int] = [:]
        /// The MTIs of the last frames received, oldest first (at most `recentLimit`).
        public var recentMTIs: [String] = []
    }

    /// How many recent MTIs `Traffic.recentMTIs` keeps.
    public static let recentLimit = 64

    /// The host engine (ledger, cards, behaviours, statistics).
    public let engine: AcquirerHost
    /// The endpoint the host is registered at on the mock link.
    public let endpoint: HostEndpoint
    private let loop: EventLoop
    private let traffic = Mutex(Traffic())

    /// A host whose working keys come from `seed` and whose clock is `loop`'s wall time.
    public init(seed: UInt64, loop: EventLoop, endpoint: HostEndpoint) throws {
        let configuration = HostConfiguration(
            clock: { Date(timeIntervalSince1970: Double(loop.wallTimeMilliseconds) / 1000) },
            keySource: .seeded(seed))
        engine = try AcquirerHost(configuration: configuration)
        self.loop = loop
        self.endpoint = endpoint
    }

    /// What reached the host so far.
    public var trafficSnapshot: Traffic { traffic.withLock { $0 } }

    /// Takes over a connection from the terminal.
    public func accept(_ connection: MockHostConnection) {
        traffic.withLock { $0.connections += 1 }
        let state = ConnectionState(session: HostConnectionSession(host: engine))
        connection.onReceive { [self] bytes in
            let (outputs, mtis) = state.receive(bytes)
            count(mtis)
            deliver(outputs, on: connection)
        }
        connection.onClose {
            state.closed()
        }
    }

    /// Sends the session's replies after their delays; a close follows the replies before it.
    private func deliver(_ outputs: [HostConnectionSession.Output], on connection: MockHostConnection) {
        var latest: Int64 = 0
        for output in outputs {
            switch output {
            case let .send(bytes, delay):
                latest = max(latest, Int64(delay))
                loop.schedule(afterMilliseconds: Int64(delay)) { connection.send(bytes) }
            case .close:
                loop.schedule(afterMilliseconds: latest) { connection.close() }
            }
        }
    }

    /// Counts frames by MTI.
    private func count(_ mtis: [String]) {
        guard !mtis.isEmpty else { return }
        traffic.withLock { traffic in
            for mti in mtis {
                traffic.framesByMTI[mti, default: 0] += 1
                traffic.recentMTIs.append(mti)
            }
            if traffic.recentMTIs.count > Self.recentLimit {
                traffic.recentMTIs.removeFirst(traffic.recentMTIs.count - Self.recentLimit)
            }
        }
    }
}

/// One connection's host session, plus a second decoder that only reads MTIs for the counters.
private final class ConnectionState: Sendable {
    private struct Parts {
        var session: HostConnectionSession
        var counter = FrameDecoder(maximumLength: 2048)
    }

    private let parts: Mutex<Parts>

    init(session: HostConnectionSession) {
        parts = Mutex(Parts(session: session))
    }

    /// Feeds bytes to the session; returns its outputs and the MTIs of the frames completed (a
    /// framing error stops the count: the session closes the connection for it).
    func receive(_ bytes: [UInt8]) -> ([HostConnectionSession.Output], [String]) {
        parts.withLock { parts in
            parts.counter.append(bytes)
            var mtis: [String] = []
            while let frame = try? parts.counter.nextFrame() {
                mtis.append(frame.body.prefix(2).map { String($0 >> 4, radix: 16) + String($0 & 0x0F, radix: 16) }.joined())
            }
            return (parts.session.receive(bytes), mtis)
        }
    }

    /// The terminal closed the connection.
    func closed() {
        parts.withLock { _ = $0.session.peerClosed() }
    }
}
