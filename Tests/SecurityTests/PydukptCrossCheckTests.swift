import Testing
@testable import Security
import CrossCheckSupport
import struct Journal.SeededRandom

/// TDES DUKPT recomputed by pydukpt 0.1.0 (protocol.md §13.3): IPEKs, transaction keys, every
/// variant, PIN blocks, and the device's KSN sequence against `next_ksn`.
@Suite struct PydukptCrossCheckTests {
    @Test func derivationsAgainstPydukpt() throws {
        var rng = SeededRandom(seed: 0xD0C7)
        var lines: [String] = []
        var expected: [String] = []
        for _ in 0..<120 {
            let bdk = SecretKey((0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
            var counter = UInt32.random(in: 1...0x1FFFFF, using: &rng)
            while counter.nonzeroBitCount > 10 { counter &= counter - 1 }  // drop low bits until valid
            let base = (0..<10).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let ksn = try TDESDUKPT.ksn(base, withCounter: counter)
            let ipek = try TDESDUKPT.initialKey(bdk: bdk, ksn: ksn)
            let txn = try TDESDUKPT.transactionKey(initialKey: ipek, ksn: ksn)
            var out = [ipek, txn]
            for variant in TDESDUKPT.Variant.allCases { out.append(try TDESDUKPT.workingKey(variant, from: txn)) }
            let block = try ISO9564.encryptFormat0(pin: digits("4321"), pan: "4012345678909", key: try TDESDUKPT.workingKey(.pin, from: txn))
            lines.append("\(hex(bdk.bytes)) \(hex(ksn))")
            expected.append(out.map { hex($0.bytes) }.joined(separator: " ") + " " + hex(block.bytes))
        }
        let script = """
        import sys, pydukpt as d
        for line in sys.stdin:
            bdk, ksn = (bytes.fromhex(x) for x in line.split())
            ipek = d.derive_ipek(bdk, ksn)
            k = d.derive_key(ipek, ksn)
            out = [ipek, k, d.pin_key(k), d.mac_request_key(k), d.mac_response_key(k),
                   d.data_request_key(k), d.data_response_key(k), d.encrypt_pin(k, "4321", "4012345678909")]
            print(" ".join(x.hex().upper() for x in out))
        """
        guard let output = try PythonCheck.run(modules: ["pydukpt"], script: script, input: lines.joined(separator: "\n")) else { return }
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }

    @Test func deviceSequenceAgainstNextKSN() throws {
        let ksn = h("FFFF9876543210E00000")
        var device = try TDESDUKPTDevice(initialKey: try TDESDUKPT.initialKey(bdk: TestKeys.tdesDUKPTBaseDerivationKey, ksn: ksn), ksn: ksn)
        var ours: [String] = []
        for _ in 0..<2100 {
            let (used, k) = try device.nextTransaction()
            ours.append("\(hex(used)) \(hex(k.bytes))")
        }
        let script = """
        import sys, pydukpt as d
        bdk = bytes.fromhex(sys.stdin.read().strip())
        ksn = bytes.fromhex("FFFF9876543210E00000")
        ipek = d.derive_ipek(bdk, ksn)
        for _ in range(2100):
            ksn = d.next_ksn(ksn)
            print(ksn.hex().upper(), d.derive_key(ipek, ksn).hex().upper())
        """
        guard let output = try PythonCheck.run(modules: ["pydukpt"], script: script, input: hex(TestKeys.tdesDUKPTBaseDerivationKey.bytes)) else { return }
        #expect(output.split(separator: "\n").map(String.init) == ours)
    }
}
