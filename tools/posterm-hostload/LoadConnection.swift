import Acquirer
import NIOCore
import Security

/// What one simulated terminal measured.
struct ConnectionReport: Sendable {
    var latenciesNanoseconds: [Int64] = []
    var approved = 0
    var declined = 0
    var failure: String?
}

/// One simulated terminal on one TCP connection: signs on, decrypts its working keys with the
/// test TMK, then sends sales back to back (each with a PIN block under its PIK and a MAC under
/// its MAK, so the host verifies both) and times each answer. Sales sent during the warm-up are
/// not measured; none are sent after `stopAt`.
final class LoadConnection: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let terminal: TerminalIdentity
    private let card: (pan: String, pin: [UInt8])
    private let measureFrom: NIODeadline
    private let stopAt: NIODeadline
    private let done: EventLoopPromise<ConnectionReport>
    /// Open loop: the time between sales (nil: closed loop, the next sale as soon as the answer arrives).
    private let interval: TimeAmount?
    private var nextSendAt = NIODeadline.now()
    private var decoder = FrameDecoder()
    private var report = ConnectionReport()
    private var stan = 0
    private var macKey: SecretKey?
    private var template: ISO8583Message?
    private var sentAt = NIODeadline.now()
    private var finished = false

    init(terminal: TerminalIdentity, card: (pan: String, pin: [UInt8]), measureFrom: NIODeadline, stopAt: NIODeadline,
         interval: TimeAmount?, phase: TimeAmount, done: EventLoopPromise<ConnectionReport>) {
        self.interval = interval
        nextSendAt = NIODeadline.now() + phase
        self.terminal = terminal
        self.card = card
        self.measureFrom = measureFrom
        self.stopAt = stopAt
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        stan += 1
        do {
            let message = try SignOnRequest(stan: stan, terminal: terminal, batch: 1).message()
            send(context, body: try MessageSpec.cup.pack(message))
        } catch {
            fail(context, "sign-on not built: \(error)")
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        decoder.append(buffer.readBytes(length: buffer.readableBytes) ?? [])
        do {
            while let frame = try decoder.nextFrame() {
                try answer(context, frame: frame)
            }
        } catch {
            fail(context, "\(error)")
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished { fail(context, "connection closed by the host") }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context, "\(error)")
    }

    private func answer(_ context: ChannelHandlerContext, frame: Frame) throws {
        let now = NIODeadline.now()
        let response = try HostResponse(try MessageSpec.cup.unpack(frame.body))
        if response.mti == .signOnResponse {
            guard response.responseCode == "00", let field62 = response.privateData else {
                return fail(context, "sign-on declined \(response.responseCode)")
            }
            let keys = try KeyDownload.decode(field62: field62, mode: .doubleLength, masterKey: TestKeys.terminalMasterKey)
            macKey = keys.macKey
            let block = try ISO9564.encryptFormat0(pin: card.pin, pan: card.pan, key: keys.pinKey)
            template = try SaleRequest(stan: 1, amount: 1, card: CardData(pan: card.pan, expiry: "3012",
                                                                         entryMethod: .magneticStripe),
                                       pin: PINData(block: block.bytes), terminal: terminal, batch: response.field60?.batch ?? 1,
                                       operatorNumber: "01 ").message()
        } else {
            // Open loop measures from the moment the sale was due, so a slow host cannot hide queueing.
            if sentAt >= measureFrom {
                report.latenciesNanoseconds.append((now - sentAt).nanoseconds)
                if response.responseCode == "00" { report.approved += 1 } else { report.declined += 1 }
            }
        }
        guard now < stopAt else {
            finished = true
            done.succeed(report)
            context.close(promise: nil)
            return
        }
        guard let interval else { return try sendSale(context) }
        // Open loop: sales leave on a fixed schedule (one outstanding at a time, as a terminal
        // would); a late answer makes the next sale leave at once, never in a burst.
        nextSendAt = max(nextSendAt + interval, now)
        context.eventLoop.assumeIsolated().scheduleTask(deadline: nextSendAt) { [self] in
            do {
                try sendSale(context)
            } catch {
                fail(context, "\(error)")
            }
        }
    }

    private func sendSale(_ context: ChannelHandlerContext) throws {
        guard var message = template, let macKey else { return fail(context, "no keys") }
        stan = stan >= 999_999 ? 1 : stan + 1
        var digits = String(stan)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        message.setText(11, digits)
        let pending = try MessageSpec.cup.packForMAC(message)
        let body = try pending.sealed(with: try MAC.cupECB(Array(pending.macInput), key: macKey))
        send(context, body: body)
    }

    private func send(_ context: ChannelHandlerContext, body: [UInt8]) {
        let header = MessageHeader(softwareVersion: 31, subVersion: 310_000)
        guard let bytes = try? Frame(tpdu: TPDU(destination: 3, originator: 0), header: header, body: body).encoded() else {
            return fail(context, "frame not encodable")
        }
        let now = NIODeadline.now()
        sentAt = interval == nil ? now : min(now, nextSendAt)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    private func fail(_ context: ChannelHandlerContext, _ reason: String) {
        guard !finished else { return }
        finished = true
        report.failure = reason
        done.succeed(report)
        context.close(promise: nil)
    }
}
