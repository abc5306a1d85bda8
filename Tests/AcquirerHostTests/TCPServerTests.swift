import Acquirer
import AcquirerHost
import Logging
import NIOCore
import NIOPosix
import PostermHostServer
import Testing

/// A terminal over a real loopback socket.
struct SocketTerminal {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    static func connect(port: Int, group: any EventLoopGroup) async throws -> SocketTerminal {
        let channel = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        return SocketTerminal(channel: channel)
    }

    /// Runs `body` with a writer and a frame reader, then closes.
    func session<Result: Sendable>(
        _ body: (_ send: ([UInt8]) async throws -> Void, _ receive: () async throws -> [UInt8]?) async throws -> Result
    ) async throws -> Result {
        try await channel.executeThenClose { inbound, outbound in
            var iterator = inbound.makeAsyncIterator()
            var decoder = FrameDecoder(maximumLength: 4096)
            func send(_ bytes: [UInt8]) async throws {
                try await outbound.write(ByteBuffer(bytes: bytes))
            }
            // The next whole frame (prefix included), nil once the host closed the connection.
            func receive() async throws -> [UInt8]? {
                while true {
                    if let frame = try decoder.nextFrame() { return try frame.encoded() }
                    do {
                        guard let buffer = try await iterator.next() else { return nil }
                        decoder.append(buffer.readableBytesView)
                    } catch {
                        return nil
                    }
                }
            }
            return try await body(send, receive)
        }
    }
}

@Suite(.serialized) struct TCPServerTests {
    private func start(_ host: AcquirerHost, idle: TimeAmount = .seconds(30), frame: TimeAmount = .seconds(10),
                       admin: Bool = false) async throws -> (HostServer, MultiThreadedEventLoopGroup) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let configuration = HostServerConfiguration(host: "127.0.0.1", port: 0, admin: admin ? ("127.0.0.1", 0) : nil,
                                                    maximumFrameLength: 1024, idleTimeout: idle, frameTimeout: frame)
        return (try await HostServer.start(host: host, configuration: configuration, group: group, logger: logger), group)
    }

    /// Sign-on and `sales` sales on one connection; returns the response codes.
    private func terminalDay(port: Int, group: any EventLoopGroup, id: Int, sales: Int) async throws -> [String] {
        let digits = String(id)
        var frames = TerminalFrames(terminalID: "5" + String(repeating: "0", count: 7 - digits.count) + digits)
        let socket = try await SocketTerminal.connect(port: port, group: group)
        let signOn = try frames.signOn()
        let keysReply: [UInt8]? = try await socket.session { send, receive in
            try await send(signOn)
            return try await receive()
        }
        try frames.accept(signOnReply: try #require(keysReply))
        let saleFrames = try (0..<sales).map { _ in try frames.sale(card: "approve", amount: 1) }
        let second = try await SocketTerminal.connect(port: port, group: group)
        return try await second.session { send, receive in
            var codes: [String] = []
            for frame in saleFrames {
                try await send(frame)
                guard let reply = try await receive() else { break }
                codes.append(try TerminalFrames.code(reply) ?? "")
            }
            return codes
        }
    }

    @Test func manyTerminalsAtOnceAreAllServed() async throws {
        let host = try makeHost()
        let (server, group) = try await start(host)
        let port = server.port
        let codes = try await withThrowingTaskGroup(of: [String].self) { tasks in
            for id in 0..<60 {
                tasks.addTask { try await self.terminalDay(port: port, group: group, id: id, sales: 5) }
            }
            var all: [String] = []
            for try await codes in tasks { all += codes }
            return all
        }
        #expect(codes.count == 300)
        #expect(codes.allSatisfy { $0 == "00" })
        #expect(host.balance(ofCard: "approve") == Int64(100_000_000) - 300)
        try await server.close()
        try await group.shutdownGracefully()
    }

    @Test func badPeersCostOnlyTheirOwnConnection() async throws {
        let host = try makeHost()
        let (server, group) = try await start(host, idle: .milliseconds(700), frame: .milliseconds(300))
        let port = server.port
        // Each bad peer is closed by the host: receive() returns nil.
        let peers: [(String, [UInt8])] = [
            ("garbage", Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
            ("oversized", [0x7F, 0xFF, 0x60, 0x00, 0x03, 0x00, 0x00]),
            ("runt", [0x00, 0x02, 0x60, 0x00]),
            ("slow loris", [0x00, 0x40, 0x60]),
            ("idle", []),
            ("bad body", [0x00, 0x15, 0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31, 0x00, 0x31, 0x00, 0x00]
                + [UInt8](repeating: 0xEE, count: 10)),
        ]
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for (name, bytes) in peers {
                tasks.addTask {
                    let socket = try await SocketTerminal.connect(port: port, group: group)
                    let reply: [UInt8]? = try await socket.session { send, receive in
                        if !bytes.isEmpty { try await send(bytes) }
                        return try await receive()
                    }
                    #expect(reply == nil, "\(name) got an answer")
                }
            }
            // An abrupt disconnect in the middle of a frame.
            tasks.addTask {
                let socket = try await SocketTerminal.connect(port: port, group: group)
                try await socket.session { send, _ in try await send([0x00, 0x50, 0x60, 0x00, 0x03]) }
            }
            try await tasks.waitForAll()
        }
        // A replayed frame is answered as a duplicate, and good terminals are served throughout.
        var frames = TerminalFrames(terminalID: "60000001")
        let signOn = try frames.signOn()
        let socket = try await SocketTerminal.connect(port: port, group: group)
        let codes: [String] = try await socket.session { send, receive in
            try await send(signOn)
            try frames.accept(signOnReply: try #require(try await receive()))
            let sale = try frames.sale(card: "approve", amount: 7)
            try await send(sale)
            let first = try TerminalFrames.code(try #require(try await receive())) ?? ""
            try await send(sale)
            let replayed = try TerminalFrames.code(try #require(try await receive())) ?? ""
            return [first, replayed]
        }
        #expect(codes == ["00", "94"])
        #expect(host.statistics.rejected >= 1)
        try await server.close()
        try await group.shutdownGracefully()
    }

    @Test func aGoodFrameFollowedByGarbageIsAnsweredBeforeTheClose() async throws {
        let host = try makeHost()
        let (server, group) = try await start(host)
        var frames = TerminalFrames(terminalID: "61000001")
        let bytes = try frames.signOn() + Array("garbage!".utf8)
        let socket = try await SocketTerminal.connect(port: server.port, group: group)
        let answers: [[UInt8]] = try await socket.session { send, receive in
            try await send(bytes)
            var answers: [[UInt8]] = []
            while let frame = try await receive() { answers.append(frame) }
            return answers
        }
        #expect(answers.count == 1)
        #expect(try TerminalFrames.code(try #require(answers.first)) == "00")
        try await server.close()
        try await group.shutdownGracefully()
    }

    @Test func theAdminPortSetsBehavioursAtRunTime() async throws {
        let host = try makeHost()
        let (server, group) = try await start(host, admin: true)
        let adminPort = try #require(server.adminPort)
        let admin = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: adminPort) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        let lines: [String] = try await admin.executeThenClose { inbound, outbound in
            let commands = #"{"command":"add","rule":{"kinds":["sale"],"responseCode":"51","times":1}}"# + "\n"
                + #"{"command":"list"}"# + "\n" + #"{"command":"balance","card":"approve"}"# + "\n" + "nonsense\n"
            try await outbound.write(ByteBuffer(string: commands))
            var text = ""
            for try await buffer in inbound {
                text += String(buffer: buffer)
                if text.filter({ $0 == "\n" }).count >= 4 { break }
            }
            return text.split(separator: "\n").map(String.init)
        }
        #expect(lines.count == 4)
        #expect(lines[0] == #"{"ok":true}"#)
        #expect(lines[1].contains(#""responseCode":"51""#))
        #expect(lines[2].contains(#""balance":100000000"#))
        #expect(lines[3].contains(#""ok":false"#))
        #expect(host.behaviours.count == 1)
        let codes = try await terminalDay(port: server.port, group: group, id: 9, sales: 2)
        #expect(codes == ["51", "00"])
        try await server.close()
        try await group.shutdownGracefully()
    }
}
