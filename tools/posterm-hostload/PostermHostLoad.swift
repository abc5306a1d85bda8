import Acquirer
import ArgumentParser
import Foundation
import HAL
import NIOCore
import NIOPosix

/// `posterm-hostload`: a load generator for `posterm-host`. Opens N terminal connections, signs
/// each on, then has every terminal send PIN-verified, MACed sales back to back for the duration,
/// and prints throughput and latency percentiles as one JSON object.
@main
struct PostermHostLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posterm-hostload",
        abstract: "Drive posterm-host with concurrent terminals sending authorisations.")

    @Option(help: "Host address and port.")
    var connect = "127.0.0.1:5800"

    @Option(help: "Concurrent terminal connections.")
    var connections = 100

    @Option(help: "Measured seconds (after the warm-up).")
    var duration = 10

    @Option(help: "Warm-up seconds not measured.")
    var warmup = 2

    @Option(help: "Event loop threads for the generator.")
    var threads = 1

    @Option(help: "Number of the first terminal (ids LD000000 up); give each run against one host its own range, since STANs restart at 1.")
    var firstTerminal = 0

    @Option(help: "Open loop: total authorisations per second spread over the connections (default: closed loop, as fast as answered).")
    var rate: Int?

    mutating func run() async throws {
        guard let endpoint = HostEndpoint(parsing: connect) else { throw ValidationError("--connect must be HOST:PORT") }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        let connections = self.connections
        guard connections >= 1, firstTerminal >= 0, firstTerminal + connections <= 1_000_000 else {
            throw ValidationError("terminal numbers must stay within 0-999999")
        }
        let start = NIODeadline.now()
        let measureFrom = start + .seconds(Int64(warmup))
        let stopAt = measureFrom + .seconds(Int64(duration))
        let interval = rate.map { TimeAmount.nanoseconds(Int64(1_000_000_000) * Int64(connections) / Int64(max(1, $0))) }
        var futures: [EventLoopFuture<ConnectionReport>] = []
        for index in 0..<connections {
            let phase = interval.map { TimeAmount.nanoseconds($0.nanoseconds * Int64(index) / Int64(connections)) } ?? .zero
            let loop = group.next()
            let done = loop.makePromise(of: ConnectionReport.self)
            let digits = String(firstTerminal + index)
            let terminal = TerminalIdentity(terminalID: "LD" + String(repeating: "0", count: 6 - digits.count) + digits,
                                            merchantID: "898100012340001")
            let bootstrap = ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            LoadConnection(terminal: terminal, card: ("6222021000000005", [1, 2, 3, 4, 5, 6]),
                                           measureFrom: measureFrom, stopAt: stopAt, interval: interval,
                                           phase: phase,
                                           done: done))
                    }
                }
            bootstrap.connect(host: endpoint.host, port: endpoint.port).whenFailure { done.fail($0) }
            futures.append(done.futureResult)
        }
        var latencies: [Int64] = []
        var approved = 0
        var declined = 0
        var failures: [String] = []
        for future in futures {
            do {
                let report = try await future.get()
                latencies += report.latenciesNanoseconds
                approved += report.approved
                declined += report.declined
                if let failure = report.failure { failures.append(failure) }
            } catch {
                failures.append("\(error)")
            }
        }
        try await group.shutdownGracefully()
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let index = min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)
            return Double(latencies[max(0, index)]) / 1_000_000
        }
        let summary: [String: Any] = [
            "connections": connections,
            "mode": rate.map { "open loop at \($0)/s" } ?? "closed loop",
            "seconds": duration,
            "authorisations": latencies.count,
            "approved": approved,
            "declined": declined,
            "perSecond": Double(latencies.count) / Double(max(1, duration)),
            "p50Milliseconds": percentile(0.50),
            "p99Milliseconds": percentile(0.99),
            "maxMilliseconds": percentile(1.0),
            "failures": failures.count,
            "firstFailure": failures.first ?? "",
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
