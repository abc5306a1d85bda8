// Acquirer codec throughput: pack + unpack of a CUP 0200 sale, and the pieces around it.
import Acquirer
import Benchmark

/// The packed sale both this benchmark and scripts/bench-codec-vs-pyiso8583.py measure.
private let saleHex = "0200302404C020C09813000000000000001234000123281202100012376222021234567890123D281210112345678900"
    + "31303030303030313839383130303031323334303030313135361B9C1845EB993A7A2600000000000000001322000001"
    + "00060000033031204233413039324145"

/// The 0200 sale measured by the target "≥ 500,000 round trips/s": stripe card with track 2,
/// PIN block, MAC. The same message is in scripts/bench-codec-vs-pyiso8583.py.
private func saleMessage() -> ISO8583Message {
    var message = ISO8583Message(mti: MTI(200))
    message.setText(3, "000000")
    message.setText(4, "000000001234")
    message.setText(11, "000123")
    message.setText(14, "2812")
    message.setText(22, "021")
    message.setText(25, "00")
    message.setText(26, "12")
    message.setText(35, "6222021234567890123=28121011234567890")
    message.setText(41, "10000001")
    message.setText(42, "898100012340001")
    message.setText(49, "156")
    message[52] = [0x1B, 0x9C, 0x18, 0x45, 0xEB, 0x99, 0x3A, 0x7A]
    message.setText(53, "2600000000000000")
    message.setText(60, "2200000100060")
    message.setText(63, "01 ")
    message.setText(64, "B3A092AE")
    return message
}

let benchmarks: @Sendable () -> Void = {
    // A thousand operations per sample, so the clock reads around each sample do not dominate
    // a one-microsecond operation; the results are reported per operation.
    Benchmark.defaultConfiguration = .init(metrics: [.throughput, .wallClock, .mallocCountTotal],
                                           scalingFactor: .kilo, maxDuration: .seconds(3))
    let spec = MessageSpec.cup
    let sale = saleMessage()
    let body = (try? spec.pack(sale)) ?? []
    let digits = Array("0123456789ABCDEF".utf8)
    let packedHex = String(decoding: body.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    // Both sides of the comparison must measure the same bytes.
    precondition(packedHex == saleHex, "the benchmark sale no longer packs to the bytes pyiso8583 measures")

    Benchmark("0200 sale pack + unpack (round trip)") { benchmark in
        for _ in benchmark.scaledIterations {
            guard let packed = try? spec.pack(sale), let unpacked = try? spec.unpack(packed) else { return }
            blackHole(unpacked)
        }
    }
    Benchmark("0200 sale pack") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try? spec.pack(sale)) }
    }
    Benchmark("0200 sale unpack") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try? spec.unpack(body)) }
    }
    Benchmark("0200 sale typed build + frame + deframe + typed read") { benchmark in
        let request = SaleRequest(
            stan: 123, amount: 1234,
            card: CardData(track2: "6222021234567890123=28121011234567890", entryMethod: .magneticStripe),
            pin: PINData(block: [0x1B, 0x9C, 0x18, 0x45, 0xEB, 0x99, 0x3A, 0x7A]),
            terminal: TerminalIdentity(terminalID: "10000001", merchantID: "898100012340001"), batch: 1)
        let header = MessageHeader(softwareVersion: 31, subVersion: 310000)
        for _ in benchmark.scaledIterations {
            var decoder = FrameDecoder()
            guard let message = try? request.message(), let body = try? spec.pack(message),
                  let wire = try? Frame(tpdu: TPDU(destination: 3, originator: 0), header: header, body: body).encoded()
            else { return }
            decoder.append(wire)
            guard let frame = try? decoder.nextFrame(), let read = try? spec.unpack(frame.body) else { return }
            blackHole(try? SaleRequest(read))
        }
    }
}
