import Foundation
import Testing
@testable import Acquirer
import struct Journal.SeededRandom

/// Mutated frames per run: 6,000 by default, more with `POSTERM_FUZZ_CASES` for a deep run.
private let fuzzCases = ProcessInfo.processInfo.environment["POSTERM_FUZZ_CASES"].flatMap(Int.init) ?? 6_000

/// A real frame plus where its variable-length prefixes sit, for length-prefix lies.
private struct Seed {
    let bytes: [UInt8]
    /// (offset in the frame, prefix byte count, field maximum).
    let prefixes: [(offset: Int, size: Int, maximum: Int)]
}

/// Offsets of each variable field's length prefix: the packed size of the same message with
/// only the fields before it (the primary bitmap has a fixed size).
private func seeds() throws -> [Seed] {
    var result: [Seed] = []
    let frames = try Fixtures.frames()
    for (index, (_, message)) in try Fixtures.messages().enumerated() {
        var prefixes: [(Int, Int, Int)] = []
        var before = ISO8583Message(mti: message.mti)
        for number in message.fieldNumbers {
            let spec = try #require(MessageSpec.cup.field(number))
            if spec.prefix != .fixed {
                prefixes.append((2 + 5 + 6 + (try MessageSpec.cup.pack(before)).count, spec.prefix.byteCount, spec.length))
            }
            before[number] = message[number]
        }
        result.append(Seed(bytes: frames[index].bytes, prefixes: prefixes))
    }
    result.append(Seed(bytes: try hexBytes(sampleFrameHex), prefixes: []))
    return result
}

/// Outcome counts, so the test can show the mutations reach every kind of check.
private struct Tally {
    var frames = 0
    var decoded = 0
    var frameErrors: Set<String> = []
    var codecErrors: Set<String> = []
}

@Suite("Decoder fuzzing")
struct FuzzTests {
    /// Mutated frames of every type (`fuzzCases`): bit flips, truncations, insertions, deletions,
    /// length-prefix lies (frame and field), splices. The decoder must return a frame or a typed
    /// error every time, and whatever decodes must re-pack to the same bytes.
    @Test func mutatedFramesNeverTrapAndDecodedOnesRepackIdentically() throws {
        var random = SeededRandom(seed: 0x5EED_8583)
        let corpus = try seeds()
        var tally = Tally()
        for _ in 0..<fuzzCases {
            let seed = corpus[Int.random(in: 0..<corpus.count, using: &random)]
            let mutated = mutate(seed, corpus: corpus, using: &random)
            try feed(mutated, tally: &tally, using: &random)
        }
        print("fuzz: \(tally.frames) frames, \(tally.decoded) decoded, frame errors \(tally.frameErrors.sorted()), codec errors \(tally.codecErrors.sorted())")
        #expect(tally.decoded > 100)
        // Every kind of framing and decoding check was reached by some mutation.
        #expect(tally.frameErrors == ["frameTooLong", "frameTooShort", "invalidHeaderDigit", "invalidTPDU"])
        #expect(tally.codecErrors.isSuperset(of: ["invalidCharacter", "invalidDigit", "lengthOverMaximum",
                                                  "messageTooShort", "missingMandatoryField", "trailingBytes",
                                                  "truncatedField", "undefinedField"]))
    }

    /// Random bytes, no seed at all: the framer and codec still answer with typed errors.
    @Test func randomBytesAreRejectedCleanly() throws {
        var random = SeededRandom(seed: 42)
        var tally = Tally()
        for _ in 0..<2_000 {
            let length = Int.random(in: 0..<200, using: &random)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            if bytes.count > 3, Bool.random(using: &random) {
                bytes[0] = 0
                bytes[1] = UInt8(bytes.count - 2)
                bytes[2] = 0x60
            }
            try feed(bytes, tally: &tally, using: &random)
            _ = try? MessageSpec.cup.unpack(bytes)
        }
        #expect(!tally.frameErrors.isEmpty)
    }

    private func feed(_ bytes: [UInt8], tally: inout Tally, using random: inout SeededRandom) throws {
        var decoder = FrameDecoder()
        var index = 0
        while index < bytes.count {
            let chunk = Int.random(in: 1...64, using: &random)
            decoder.append(bytes[index..<min(index + chunk, bytes.count)])
            index += chunk
            do {
                while let frame = try decoder.nextFrame() {
                    tally.frames += 1
                    try check(frame.body, tally: &tally)
                }
            } catch {
                tally.frameErrors.insert(kind(of: error))
                return
            }
        }
        // Also hand the codec whatever follows the TPDU and header, framed or not.
        if bytes.count > 13 { try check(Array(bytes[13...]), tally: &tally) }
    }

    private func check(_ body: [UInt8], tally: inout Tally) throws {
        do {
            let message = try MessageSpec.cup.unpack(body)
            tally.decoded += 1
            #expect(try MessageSpec.cup.pack(message) == body)
            if message.mti.isResponse { _ = try? HostResponse(message) } else { _ = try? CUPRequest(message) }
        } catch {
            tally.codecErrors.insert(kind(of: error))
        }
    }

    /// The enum case name of an error (`truncatedField`), without its values.
    private func kind(of error: some Error) -> String {
        Mirror(reflecting: error).children.first?.label ?? String(describing: error)
    }

    private func mutate(_ seed: Seed, corpus: [Seed], using random: inout SeededRandom) -> [UInt8] {
        var bytes = seed.bytes
        switch Int.random(in: 0..<8, using: &random) {
        case 0:  // bit flips
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            }
        case 1:  // truncation
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &random))
        case 2:  // insertion of random bytes
            let insert = (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            bytes.insert(contentsOf: insert, at: Int.random(in: 0...bytes.count, using: &random))
        case 3:  // deletion of a range
            let start = Int.random(in: 0..<bytes.count, using: &random)
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...8, using: &random)))
        case 4:  // the frame's length prefix lies
            let lie = UInt16.random(in: 0...UInt16.max, using: &random) % UInt16(bytes.count + 16)
            bytes[0] = UInt8(lie >> 8)
            bytes[1] = UInt8(lie & 0xFF)
        case 5:  // a field's length prefix lies: over the maximum, off by a little, or not BCD
            guard let prefix = seed.prefixes.randomElement(using: &random) else { break }
            let value: Int
            switch Int.random(in: 0..<3, using: &random) {
            case 0: value = prefix.maximum + Int.random(in: 1...5, using: &random)
            case 1: value = Int.random(in: 0...min(prefix.maximum, prefix.size == 1 ? 99 : 999), using: &random)
            default: value = -1
            }
            if value < 0 {
                bytes[prefix.offset] = UInt8.random(in: 0xA0...0xFF, using: &random)
            } else if prefix.size == 1 {
                bytes[prefix.offset] = UInt8((min(value, 99) / 10) << 4 | min(value, 99) % 10)
            } else {
                bytes[prefix.offset] = UInt8(value / 100)
                bytes[prefix.offset + 1] = UInt8((value / 10 % 10) << 4 | value % 10)
            }
        case 6:  // interesting byte values
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] = [0x00, 0xFF, 0x99, 0xAA, 0x0A, 0xA0, 0x3D, 0x7F].randomElement(using: &random) ?? 0
        default:  // splice with another frame
            let other = corpus[Int.random(in: 0..<corpus.count, using: &random)].bytes
            let cut = Int.random(in: 0...bytes.count, using: &random)
            bytes = Array(bytes[..<cut]) + other[Int.random(in: 0..<other.count, using: &random)...]
        }
        return bytes
    }
}
