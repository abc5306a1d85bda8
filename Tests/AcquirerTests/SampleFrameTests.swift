import Testing
@testable import Acquirer

/// The public 0200 QR sale of protocol reference 7.2, byte for byte.
let sampleFrameHex = "007F600003000060321032007202003020048000C08015000000000000001234000002030099303030303030303139353237313831383232313738373531353600192600000100060000000000435F01123238343431323334353637383930313233345F03063136303033365F04063230303832365C0230314233413039324145"

@Suite("Published sample frame")
struct SampleFrameTests {
    @Test func decodesEveryPartOfThePublishedFrame() throws {
        var decoder = FrameDecoder()
        decoder.append(try hexBytes(sampleFrameHex))
        let frame = try #require(try decoder.nextFrame())
        #expect(frame.tpdu == TPDU(destination: 0x0003, originator: 0x0000))
        #expect(frame.header == MessageHeader(softwareVersion: 32, terminalStatus: 1, subVersion: 320072))
        let message = try MessageSpec.cup.unpack(frame.body)
        #expect(message.mti == MTI(200))
        #expect(message.fieldNumbers == [3, 4, 11, 22, 25, 41, 42, 49, 60, 62, 64])
        #expect(message.text(3) == "000000")
        #expect(message.text(4) == "000000001234")
        #expect(message.text(22) == "030")
        #expect(message.text(25) == "99")
        #expect(message.text(41) == "00000001")
        #expect(message.text(42) == "952718182217875")
        #expect(message.text(60) == "2600000100060000000")
        #expect(message[62]?.count == 43)
        #expect(message.text(64) == "B3A092AE")
        let mab = try #require(MessageSpec.cup.macInput(ofPacked: frame.body[...], message: message))
        #expect(mab.count == 108)
        // Re-packing gives the same bytes, and the frame re-encodes identically.
        #expect(try MessageSpec.cup.pack(message) == frame.body)
        #expect(try frame.encoded() == hexBytes(sampleFrameHex))
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func macPendingMessageSealsTheMACAfterItsInput() throws {
        let frame = try Frame(unprefixed: try hexBytes(sampleFrameHex)[2...])
        let message = try MessageSpec.cup.unpack(frame.body)
        let pending = try MessageSpec.cup.packForMAC(message)
        #expect(pending.macInput.count == 108)
        #expect(Array(pending.macInput) == Array(frame.body.dropLast(8)))
        #expect(try pending.sealed(with: Array("B3A092AE".utf8)) == frame.body)
        #expect(throws: CodecError.valueLength(field: 64, length: 4, allowed: 8...8)) {
            try pending.sealed(with: [1, 2, 3, 4])
        }
    }
}
