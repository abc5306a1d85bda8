import Testing
@testable import Acquirer

@Suite("Framing")
struct FramingTests {
    @Test func framesArriveWhateverTheReadSizes() throws {
        let frames = try Fixtures.frames()
        let stream = frames.flatMap(\.bytes)
        for chunk in [1, 2, 3, 7, 64, stream.count] {
            var decoder = FrameDecoder()
            var received: [[UInt8]] = []
            var index = 0
            while index < stream.count {
                decoder.append(stream[index..<min(index + chunk, stream.count)])
                index += chunk
                while let frame = try decoder.nextFrame() { received.append(try frame.encoded()) }
            }
            #expect(received == frames.map(\.bytes), "chunk \(chunk)")
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    @Test func lengthsOutsideTheLimitsFailTheConnection() throws {
        var decoder = FrameDecoder(maximumLength: 1024)
        decoder.append([0x04, 0x01])
        #expect(throws: FrameError.frameTooLong(length: 1025, maximum: 1024)) { try decoder.nextFrame() }
        #expect(decoder.hasFailed)
        decoder.append(try hexBytes(sampleFrameHex))
        #expect(throws: FrameError.frameTooLong(length: 1025, maximum: 1024)) { try decoder.nextFrame() }

        var short = FrameDecoder()
        short.append([0x00, 0x14])
        #expect(throws: FrameError.frameTooShort(length: 20, minimum: 21)) { try short.nextFrame() }
        var zero = FrameDecoder()
        zero.append([0x00, 0x00])
        #expect(throws: FrameError.frameTooShort(length: 0, minimum: 21)) { try zero.nextFrame() }
    }

    @Test func garbageIsRejectedAtTheTPDUByte() throws {
        var decoder = FrameDecoder()
        decoder.append(Array("GET / HTTP/1.1\r\n".utf8))
        // "GE" reads as length 0x4745 = 18245: over the maximum before any TPDU is seen.
        #expect(throws: FrameError.frameTooLong(length: 0x4745, maximum: 2048)) { try decoder.nextFrame() }
        var wrongID = FrameDecoder()
        wrongID.append([0x00, 0x30, 0x61])
        #expect(throws: FrameError.invalidTPDU(id: 0x61)) { try wrongID.nextFrame() }
        var badHeader = FrameDecoder()
        var bytes = try hexBytes(sampleFrameHex)
        bytes[8] = 0x6A
        badHeader.append(bytes)
        #expect(throws: FrameError.invalidHeaderDigit(offset: 1)) { try badHeader.nextFrame() }
    }

    @Test func partialFrameWaitsForMoreBytes() throws {
        let bytes = try hexBytes(sampleFrameHex)
        var decoder = FrameDecoder()
        decoder.append(bytes.dropLast())
        #expect(try decoder.nextFrame() == nil)
        #expect(decoder.bufferedByteCount == bytes.count - 1)
        decoder.append(bytes.suffix(1))
        #expect(try decoder.nextFrame() != nil)
        #expect(try decoder.nextFrame() == nil)
    }

    @Test func headerDigitsAndProcessingRequirement() throws {
        for digit in UInt8(0)...9 {
            let header = MessageHeader(softwareVersion: 31, terminalStatus: 1,
                                       processingRequirement: ProcessingRequirement(digit: digit), subVersion: 310_072)
            let read = try MessageHeader(header.bytes[...])
            #expect(read == header)
            #expect(read.processingRequirement.digit == digit)
        }
        #expect(MessageHeader(softwareVersion: 31, subVersion: 310000).bytes == [0x60, 0x31, 0x00, 0x31, 0x00, 0x00])
        let response = try MessageHeader([0x60, 0x31, 0x03, 0x31, 0x00, 0x00][...])
        #expect(response.processingRequirement == .signOn)
        #expect(response.with(.none).bytes == [0x60, 0x31, 0x00, 0x31, 0x00, 0x00])
        #expect(ProcessingRequirement(digit: 8) == .unassigned(8))
        #expect(throws: FrameError.frameTooShort(length: 3, minimum: 6)) { try MessageHeader([0x60, 0x31, 0x00][...]) }
    }

    @Test func tpduAndUnprefixedFrames() throws {
        let tpdu = TPDU(destination: 0x0003, originator: 0x0000)
        #expect(tpdu.bytes == [0x60, 0x00, 0x03, 0x00, 0x00])
        #expect(tpdu.swapped == TPDU(destination: 0, originator: 3))
        #expect(TPDU([0x60, 0x00][...]) == nil)
        let bytes = try hexBytes(sampleFrameHex)
        let frame = try Frame(unprefixed: bytes[2...])
        #expect(frame.unprefixedBytes == Array(bytes.dropFirst(2)))
        #expect(throws: FrameError.frameTooShort(length: 20, minimum: 21)) { try Frame(unprefixed: bytes[2..<22]) }
        #expect(throws: FrameError.invalidTPDU(id: 0x60)) { try Frame(unprefixed: bytes[2...], tpduID: 0x68) }
        let huge = Frame(tpdu: tpdu, header: frame.header, body: [UInt8](repeating: 0, count: 70_000))
        #expect(throws: FrameError.frameTooLong(length: 70_011, maximum: 65_535)) { try huge.encoded() }
    }
}

@Suite("Frames with messages")
struct ReceivedMessageTests {
    @Test func frameFromMessageAndBack() throws {
        let request = try Fixtures.sale.message()
        let header = MessageHeader(softwareVersion: 31, subVersion: 310000)
        var seenInput: [UInt8] = []
        let frame = try Frame(message: request, tpdu: TPDU(destination: 3, originator: 0), header: header) { input in
            seenInput = Array(input)
            return Fixtures.mac
        }
        var decoder = FrameDecoder()
        decoder.append(try frame.encoded())
        let received = try ReceivedMessage(try #require(try decoder.nextFrame()))
        #expect(received.mac == Fixtures.mac)
        #expect(received.macInput.map(Array.init) == seenInput)
        #expect(received.processingRequirement == .none)
        var withoutMAC = received.message
        withoutMAC[64] = nil
        #expect(withoutMAC == request)
        let plain = try ReceivedMessage(try Frame(message: request, tpdu: TPDU(destination: 3, originator: 0),
                                                  header: header.with(.signOn)))
        #expect(plain.mac == nil && plain.macInput == nil)
        #expect(plain.processingRequirement == .signOn)
        #expect(plain.demandsSignOn)
        #expect(!received.demandsSignOn)
        for (code, demands) in [("A0", true), ("99", true), ("77", true), ("C1", true), ("00", false), ("51", false)] {
            let response = try HostResponse(answering: request, responseCode: code).message()
            let frame = try Frame(message: response, tpdu: TPDU(destination: 0, originator: 3), header: header)
            #expect(try ReceivedMessage(frame).demandsSignOn == demands, "code \(code)")
        }
    }
}
