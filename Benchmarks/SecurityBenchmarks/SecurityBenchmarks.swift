// Security hot paths of a sign-on, a sale and its host-side verification.
import Benchmark
import Security

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.throughput, .wallClock], maxDuration: .seconds(2))

    // The 108-byte MAB of protocol.md §7.2.
    let mab = [UInt8](repeating: 0x5A, count: 108)
    let mak = TestKeys.terminalMasterKey
    let pik = TestKeys.terminalMasterKey
    let pan = "6222021234567890128"

    Benchmark("CUP ECB MAC, 108-byte MAB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try MAC.cupECB(mab, key: mak)) }
    }
    Benchmark("X9.19 MAC, 108-byte MAB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try MAC.x919(mab, key: mak)) }
    }
    Benchmark("ISO 0 PIN block encrypt + host decrypt") { benchmark in
        for _ in benchmark.scaledIterations {
            let block = try ISO9564.encryptFormat0(pin: [1, 2, 3, 4, 5, 6], pan: pan, key: pik)
            blackHole(try ISO9564.decryptFormat0(block, pan: pan, key: pik))
        }
    }
    Benchmark("TDES DUKPT host PIN key from BDK (counter with 10 bits)") { benchmark in
        let ksn: [UInt8] = [0xFF, 0xFF, 0x98, 0x76, 0x54, 0x32, 0x10, 0xEF, 0xFC, 0x00]
        for _ in benchmark.scaledIterations {
            let key = try TDESDUKPT.transactionKey(bdk: TestKeys.tdesDUKPTBaseDerivationKey, ksn: ksn)
            blackHole(try TDESDUKPT.workingKey(.pin, from: key))
        }
    }
    Benchmark("AES DUKPT host PIN key from BDK (counter 1)") { benchmark in
        let ksn: [UInt8] = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x56, 0, 0, 0, 1]
        for _ in benchmark.scaledIterations {
            let key = try AESDUKPT.transactionKey(bdk: TestKeys.aesDUKPTBaseDerivationKey, ksn: ksn)
            blackHole(try AESDUKPT.workingKey(.pinEncryption, type: .aes128, from: key, ksn: ksn))
        }
    }
}
