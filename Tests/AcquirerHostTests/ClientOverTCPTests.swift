import Acquirer
import AcquirerHost
import Logging
import NIOCore
import NIOPosix
import PostermHostServer
import Security
import Testing

/// Passes what a connection receives to an async stream (nil when it closes).
final class StreamHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let continuation: AsyncStream<[UInt8]?>.Continuation

    init(continuation: AsyncStream<[UInt8]?>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        continuation.yield(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.yield(nil)
    }
}

/// Runs the terminal-side client over real sockets against `posterm-host`'s server: the link
/// events come from SwiftNIO, the client decides everything. No timers are needed here: the
/// host answers or closes.
struct TCPClientDriver {
    let port: Int
    let group: any EventLoopGroup
    let pinPad: SoftwareSecureElement

    func run(_ client: inout HostClient, _ operation: HostOperation) async throws -> HostExchangeResult {
        var pending = try client.start(operation)
        var channel: (any Channel)?
        var iterator: AsyncStream<[UInt8]?>.AsyncIterator?
        while true {
            var input: HostClientInput?
            for output in pending {
                switch output {
                case .connect:
                    let (stream, continuation) = AsyncStream<[UInt8]?>.makeStream()
                    iterator = stream.makeAsyncIterator()
                    channel = try await ClientBootstrap(group: group)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(StreamHandler(continuation: continuation))
                            }
                        }
                        .connect(host: "127.0.0.1", port: port).get()
                    input = .connected
                case .send(let bytes):
                    try await channel?.writeAndFlush(ByteBuffer(bytes: bytes))
                case .disconnect:
                    try? await channel?.close()
                    channel = nil
                case let .installWorkingKeys(field62, mode):
                    _ = try pinPad.installWorkingKeys(field62: field62, mode: KeyDownloadMode(rawValue: mode.rawValue)
                                                      ?? .doubleLength)
                case .completed(let result):
                    try? await channel?.close()
                    return result
                case .persist, .startTimer, .cancelTimer:
                    break
                }
            }
            if input == nil {
                guard var current = iterator else { throw HarnessStall() }
                let next = await current.next()
                iterator = current
                switch next {
                case .some(.some(let bytes)): input = .received(bytes)
                default: input = .disconnected
                }
            }
            guard let input else { throw HarnessStall() }
            pending = client.handle(input)
        }
    }
}

struct HarnessStall: Error {}

@Suite(.serialized) struct ClientOverTCPTests {
    @Test func theClientSignsOnSellsAndReversesOverRealSockets() async throws {
        let host = try makeHost(behaviours: [BehaviourRule(kinds: [.sale], dropConnection: true, times: 1)])
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = try await HostServer.start(host: host, configuration: HostServerConfiguration(port: 0), group: group,
                                                logger: logger)
        let pinPad = try SoftwareSecureElement(keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        _ = try pinPad.injectMasterKey(TestKeys.terminalMasterKey)
        let driver = TCPClientDriver(port: server.port, group: group, pinPad: pinPad)
        var client = HostClient(configuration: HostClientConfiguration(terminal: TerminalIdentity(
                                    terminalID: "80000001", merchantID: "898100012340001")),
                                masterKey: TestKeys.terminalMasterKey, keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        let card = CardData(pan: "6222021000000005", expiry: "3012", entryMethod: .magneticStripe)
        func pin() throws -> PINData {
            PINData(block: try pinPad.pinBlock(digits: [1, 2, 3, 4, 5, 6], pan: "6222021000000005", format: .iso0).bytes)
        }

        let signOn = try await driver.run(&client, .signOn)
        #expect(signOn.outcome != .failed(.disconnected))
        #expect(client.isSignedOn)
        // The host books the sale, then drops the connection: the client holds a reversal.
        let dropped = try await driver.run(&client, .sale(amount: 4_200, card: card, pin: try pin()))
        #expect(dropped.outcome == .failed(.disconnected))
        #expect(client.hasPendingReversal)
        #expect(host.balance(ofCard: "approve") == Int64(100_000_000) - 4_200)
        // The next sale delivers the reversal first, on the same connection.
        let next = try await driver.run(&client, .sale(amount: 100, card: card, pin: try pin()))
        #expect(next.reversalsDelivered == 1)
        guard case .approved(let response) = next.outcome else {
            Issue.record("not approved: \(next.outcome)")
            return
        }
        #expect(response.amount == 100)
        #expect(!client.hasPendingReversal)
        #expect(host.balance(ofCard: "approve") == Int64(100_000_000) - 100)
        try await server.close()
        try await group.shutdownGracefully()
    }
}
