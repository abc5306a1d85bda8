import Acquirer
import AcquirerHost
import ArgumentParser
import Foundation
import HAL
import Logging
import NIOCore
import NIOPosix
import PostermHostServer

/// `posterm-host`: the acquirer host simulator served over TCP.
@main
struct PostermHost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posterm-host",
        abstract: "CUP-style ISO 8583 acquirer host simulator (test cards, test keys only).",
        discussion: "See docs/host-simulator.md for cards, behaviours, the trace format and the admin port.")

    @Option(help: "Address and port terminals connect to.")
    var listen = "127.0.0.1:5800"

    @Option(help: "Address and port of the JSON Lines admin control (behaviours at run time).")
    var admin: String?

    @Option(help: "Card database (JSON, docs/test-cards.md); the built-in cards when absent.")
    var cards: String?

    @Option(help: "Ledger file (JSON Lines), replayed at start and appended to; in memory when absent.")
    var ledger: String?

    @Option(help: "Behaviour rules (JSON) in force at start.")
    var behaviours: String?

    @Option(help: "Write every frame in and out to this file as JSON Lines.")
    var trace: String?

    @Option(help: "Largest frame (bytes after the length prefix).")
    var maxFrame = 2048

    @Option(help: "Close connections idle for this many seconds.")
    var idleTimeout = 60

    @Option(help: "Close connections whose frame is not complete this many seconds after it started.")
    var frameTimeout = 10

    @Option(help: "Event loop threads (one per core unless given).")
    var threads = System.coreCount

    @Option(help: "Seed for deterministic working keys (tests only; random when absent).")
    var seed: UInt64?

    func validate() throws {
        guard (Frame.minimumLength...Frame.prefixMaximum).contains(maxFrame) else {
            throw ValidationError("--max-frame must be \(Frame.minimumLength)-\(Frame.prefixMaximum)")
        }
        guard idleTimeout >= 1, frameTimeout >= 1 else { throw ValidationError("timeouts must be at least 1 second") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1-256") }
    }

    mutating func run() async throws {
        var logger = Logger(label: "posterm-host")
        logger.logLevel = .info
        let listen = try Self.endpoint(self.listen, option: "--listen")
        let admin = try self.admin.map { try Self.endpoint($0, option: "--admin") }
        var hostConfiguration = HostConfiguration()
        do {
            if let cards { hostConfiguration.cards = try CardDatabase.load(path: cards) }
            if let behaviours { hostConfiguration.behaviours = try BehaviourSet.load(path: behaviours) }
        } catch {
            throw ValidationError(error.description)
        }
        if let seed { hostConfiguration.keySource = .seeded(seed) }
        if let trace {
            let file = try TraceFile(path: trace)
            hostConfiguration.trace = { file.write($0) }
        }
        let host: AcquirerHost
        do {
            host = try AcquirerHost(configuration: hostConfiguration, ledgerPath: ledger)
        } catch {
            throw ValidationError(error.description)
        }
        let serverConfiguration = HostServerConfiguration(
            host: listen.host, port: listen.port, admin: admin, maximumFrameLength: maxFrame,
            idleTimeout: .seconds(Int64(idleTimeout)), frameTimeout: .seconds(Int64(frameTimeout)))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        let server = try await HostServer.start(host: host, configuration: serverConfiguration, group: group,
                                                logger: logger)
        logger.info("listening", metadata: [
            "terminals": "\(listen.host):\(server.port)",
            "admin": "\(server.adminPort.map { "\(admin?.host ?? ""):\($0)" } ?? "off")",
            "cards": "\(hostConfiguration.cards.cards.count)",
            "ledger": "\(ledger ?? "memory")",
        ])
        try await server.channel.closeFuture.get()
        try await group.shutdownGracefully()
    }

    /// Parses `HOST:PORT`.
    static func endpoint(_ text: String, option: String) throws -> (host: String, port: Int) {
        guard let endpoint = HostEndpoint(parsing: text) else { throw ValidationError("\(option) must be HOST:PORT") }
        return (endpoint.host, endpoint.port)
    }
}
