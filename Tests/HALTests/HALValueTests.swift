import HAL
import Testing

@Suite struct HALValueTests {
    @Test func panMaskKeepsFirstSixAndLastFour() {
        #expect(PANMask.mask("6225881234567890") == "622588******7890")
        #expect(PANMask.mask("6225880000000000001") == "622588*********0001")
        #expect(PANMask.mask("12345678901") == "123456*8901")
        #expect(PANMask.mask("1234567890") == "******7890")
        #expect(PANMask.mask("123") == "123")
        #expect(PANMask.mask("") == "")
    }

    @Test func sensitiveValuesNeverPrintTheirContents() {
        let tracks = MagneticTracks(track2: "6225881234567890=30122010000000000")
        #expect(!String(describing: tracks).contains("6225881234567890"))
        let card = ChipCardData(pan: "6225881234567890", expiry: "3012", track2Equivalent: "6225881234567890=3012")
        #expect(String(describing: card) == "ChipCardData(pan: 622588******7890)")
        #expect(!String(describing: EncryptedPinBlock(bytes: [0xAB, 0xCD])).contains("AB"))
    }

    @Test func textWidthCountsCJKAsTwoColumns() {
        #expect(TextWidth.columns("POS") == 3)
        #expect(TextWidth.columns("商户名称") == 8)
        #expect(TextWidth.columns("金额:12.34") == 10)
        #expect(TextWidth.align("中", alignment: .right, width: 4) == "  中")
        #expect(TextWidth.align("ab", alignment: .center, width: 6) == "  ab")
        #expect(TextWidth.align("toolong", alignment: .right, width: 3) == "toolong")
    }

    @Test func documentsRenderAsPlainText() {
        let document = PrintDocument(kind: .merchantCopy, elements: [
            .text("签购单", alignment: .center, bold: true),
            .columns(left: "金额", right: "CNY 12.34"),
            .rule,
            .qrCode("https://qr.example/1"),
            .feed(lines: 1),
        ])
        let lines = document.plainText(width: 20).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "       签购单")
        #expect(lines[1] == "金额       CNY 12.34")
        #expect(TextWidth.columns(String(lines[1])) == 20)
        #expect(lines[2] == String(repeating: "-", count: 20))
        #expect(lines[3] == "[QR https://qr.example/1]")
        #expect(lines.count == 5)
    }

    @Test func keypadKeysHaveProtocolNamesAndDigits() {
        #expect(KeypadKey(rawValue: "00")?.digits == "00")
        #expect(KeypadKey.enter.digits == nil)
        #expect(KeypadKey.allCases.count == 22)
        #expect(Set(KeypadKey.allCases.map(\.rawValue)).count == 22)
    }

    @Test func hostEndpointsParseTheirOwnDescription() {
        #expect(HostEndpoint(parsing: "10.0.0.54:8583") == HostEndpoint(host: "10.0.0.54", port: 8583))
        #expect(HostEndpoint(parsing: "[::1]:0") == HostEndpoint(host: "[::1]", port: 0))
        let endpoint = HostEndpoint(host: "acquirer.test", port: 65_535)
        #expect(HostEndpoint(parsing: endpoint.description) == endpoint)
        for bad in ["", "host", ":80", "host:", "host:port", "host:-1", "host:65536", "host:80 "] {
            #expect(HostEndpoint(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func errorsDescribeRoleKindAndDetail() {
        #expect(HALError(.timeout, role: .pinPad, "no answer").description == "pinpad: timeout: no answer")
    }
}
