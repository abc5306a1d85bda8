import Testing
@testable import Security
import CrossCheckSupport
import struct Journal.SeededRandom

/// PIN blocks, MACs and check values recomputed by psec 1.3.0 (protocol.md §13.3).
@Suite struct PsecCrossCheckTests {
    static func randomDigits(_ count: Int, using rng: inout SeededRandom) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    static func randomBytes(_ count: Int, using rng: inout SeededRandom) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    @Test func format0AgainstPsec() throws {
        var rng = SeededRandom(seed: 0x5EC0)
        var lines: [String] = []
        var expected: [String] = []
        for _ in 0..<200 {
            let pin = Self.randomDigits(Int.random(in: 4...12, using: &rng), using: &rng)
            let pan = Self.randomDigits(Int.random(in: 13...19, using: &rng), using: &rng)
            let block = try ISO9564.format0ClearBlock(pin: digits(pin), pan: pan)
            lines.append("\(pin) \(pan) \(hex(block))")
            expected.append("\(hex(block)) \(pin)")
        }
        let script = """
        import sys, psec
        for line in sys.stdin:
            pin, pan, ours = line.split()
            theirs = psec.pinblock.encode_pinblock_iso_0(pin, pan).hex().upper()
            print(theirs, psec.pinblock.decode_pinblock_iso_0(bytes.fromhex(ours), pan))
        """
        guard let output = try PythonCheck.run(modules: ["psec"], script: script, input: lines.joined(separator: "\n")) else { return }
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }

    @Test func format4AgainstPsec() throws {
        var rng = SeededRandom(seed: 0x5EC4)
        var lines: [String] = []
        for _ in 0..<100 {
            let pin = Self.randomDigits(Int.random(in: 4...12, using: &rng), using: &rng)
            let pan = Self.randomDigits(Int.random(in: 1...19, using: &rng), using: &rng)
            let k = Self.randomBytes([16, 24, 32][Int.random(in: 0...2, using: &rng)], using: &rng)
            let block = try ISO9564.encryptFormat4(pin: digits(pin), pan: pan, key: SecretKey(k), random: Self.randomBytes(8, using: &rng))
            lines.append("\(pin) \(pan) \(hex(k)) \(hex(block.bytes)) \(hex(try ISO9564.format4PANField(pan)))")
        }
        // psec decrypts our blocks and encrypts its own (with its own random fill) for us to decrypt.
        let script = """
        import sys, psec
        for line in sys.stdin:
            pin, pan, key, ours, panfield = line.split()
            key = bytes.fromhex(key)
            assert psec.pinblock.encode_pan_field_iso_4(pan).hex().upper() == panfield, ("pan field", pan)
            print(psec.pinblock.decipher_pinblock_iso_4(key, bytes.fromhex(ours), pan),
                  psec.pinblock.encipher_pinblock_iso_4(key, pin, pan).hex().upper())
        """
        guard let output = try PythonCheck.run(modules: ["psec"], script: script, input: lines.joined(separator: "\n")) else { return }
        let answers = output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(answers.count == lines.count)
        for (line, answer) in zip(lines, answers) {
            let fields = line.split(separator: " ").map(String.init)
            #expect(answer.first == fields[0])
            guard answer.count == 2 else { continue }
            let theirs = PINBlock(format: .iso4, bytes: h(answer[1]))
            #expect(try ISO9564.decryptFormat4(theirs, pan: fields[1], key: key(fields[2])) == digits(fields[0]))
        }
    }

    @Test func macsAndCheckValuesAgainstPsec() throws {
        var rng = SeededRandom(seed: 0x3AC)
        var lines: [String] = []
        var expected: [String] = []
        for _ in 0..<150 {
            let data = Self.randomBytes(Int.random(in: 1...120, using: &rng), using: &rng)
            let des = Self.randomBytes(8, using: &rng)
            let double = Self.randomBytes(16, using: &rng)
            let other = Self.randomBytes(16, using: &rng)
            let triple = Self.randomBytes(24, using: &rng)
            let x99 = try MAC.cbcMAC(data, key: SecretKey(des))
            let tdesMAC1 = try MAC.cbcMAC(data, key: SecretKey(double))
            let tdesMAC2 = try MAC.cbcMAC(data, key: SecretKey(triple), padding: .iso9797Method2)
            let x919 = try MAC.x919(data, key: SecretKey(double))
            let alg3 = try MAC.retailMAC(data, key1: SecretKey(double), key2: SecretKey(other), padding: .iso9797Method2)
            let kcv2 = try KeyCheckValue.tdes(SecretKey(double))
            let kcv3 = try KeyCheckValue.tdes(SecretKey(triple))
            lines.append([data, des, double, other, triple].map(hex).joined(separator: " "))
            expected.append([x99, tdesMAC1, tdesMAC2, x919, alg3, kcv2, kcv3].map(hex).joined(separator: " "))
        }
        let script = """
        import sys, psec
        m = psec.mac
        for line in sys.stdin:
            data, des, double, other, triple = (bytes.fromhex(x) for x in line.split())
            out = [m.generate_cbc_mac(des, data, 1), m.generate_cbc_mac(double, data, 1),
                   m.generate_cbc_mac(triple, data, 2), m.generate_retail_mac(double[:8], double[8:], data, 1),
                   m.generate_retail_mac(double, other, data, 2),
                   psec.des.generate_kcv(double, 4), psec.des.generate_kcv(triple, 4)]
            print(" ".join(x.hex().upper() for x in out))
        """
        guard let output = try PythonCheck.run(modules: ["psec"], script: script, input: lines.joined(separator: "\n")) else { return }
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }
}
