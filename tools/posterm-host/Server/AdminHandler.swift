import AcquirerHost
import Foundation
import Logging
import NIOCore

/// The admin control: one JSON object per line in, one JSON object per line out.
///
/// Commands (`docs/host-simulator.md`): `{"command":"add","rule":{...}}`,
/// `{"command":"clear"}`, `{"command":"list"}`, `{"command":"stats"}`,
/// `{"command":"balance","card":"approve"}`. Answers carry `"ok": true` or `"ok": false` with
/// an `"error"`. Lines over 64 KiB close the connection.
final class AdminHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let maximumLine = 65_536

    private let host: AcquirerHost
    private let logger: Logger
    private var pending: [UInt8] = []

    init(host: AcquirerHost, logger: Logger) {
        self.host = host
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            var answer = AdminCommands.answer(line, host: host)
            answer.append(0x0A)
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: answer)), promise: nil)
        }
        if pending.count > Self.maximumLine {
            logger.info("admin line too long, closing")
            context.close(promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Parses and runs admin commands (kept apart from the channel so tests can call it).
public enum AdminCommands {
    private struct Command: Decodable {
        var command: String
        var rule: BehaviourRule?
        var card: String?
    }

    private struct Answer: Encodable {
        var ok: Bool
        var error: String?
        var rules: [BehaviourRule]?
        var statistics: HostStatistics?
        var balance: Int64?
    }

    /// The answer line (without newline) to one command line.
    public static func answer(_ line: [UInt8], host: AcquirerHost) -> [UInt8] {
        let answer: Answer
        do {
            let command = try JSONDecoder().decode(Command.self, from: Data(line))
            answer = try run(command, host: host)
        } catch let error as HostConfigurationError {
            answer = Answer(ok: false, error: error.description)
        } catch {
            answer = Answer(ok: false, error: "not a command object: \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(answer)) ?? Data("{\"ok\":false}".utf8))
    }

    private static func run(_ command: Command, host: AcquirerHost) throws -> Answer {
        switch command.command {
        case "add":
            guard let rule = command.rule else { return Answer(ok: false, error: "add needs a rule") }
            try host.addBehaviour(rule)
            return Answer(ok: true)
        case "clear":
            host.clearBehaviours()
            return Answer(ok: true)
        case "list":
            return Answer(ok: true, rules: host.behaviours)
        case "stats":
            return Answer(ok: true, statistics: host.statistics)
        case "balance":
            guard let name = command.card, let balance = host.balance(ofCard: name) else {
                return Answer(ok: false, error: "unknown card")
            }
            return Answer(ok: true, balance: balance)
        default:
            return Answer(ok: false, error: "unknown command \(command.command)")
        }
    }
}
