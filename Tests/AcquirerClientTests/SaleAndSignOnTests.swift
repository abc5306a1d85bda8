import Acquirer
import AcquirerHost
import Security
import Testing

@Suite struct SaleAndSignOnTests {
    @Test func signOnInstallsVerifiedKeysAndAdoptsTheBatch() throws {
        let wire = try InProcessHost()
        let result = try wire.run(.signOn)
        #expect(result.code == "00")
        #expect(result.signedOn)
        #expect(wire.client.isSignedOn)
        #expect(wire.persisted.sealedMACKey != nil)
        #expect(wire.persisted.signOnRequired == false)
        #expect(wire.pinPad.loadedKeys.contains(.pinKey))
        #expect(wire.host.currentBatch(terminal: InProcessHost.identity.terminalID) == 1)
        // The sealed MAK is not the clear key and opens only under the KEK.
        let sealed = try #require(wire.persisted.sealedMACKey)
        #expect(throws: SecurityError.self) {
            try KeySealing.unseal(sealed, kek: SecretKey([UInt8](repeating: 9, count: 32)))
        }
    }

    @Test func aSaleBeforeSignOnSignsOnFirst() throws {
        let wire = try InProcessHost()
        let result = try wire.run(.sale(amount: 1_234, card: try wire.card("no-pin"), pin: nil))
        #expect(result.signedOn)
        #expect(result.code == "00")
        #expect(result.response?.retrievalReference?.count == 12)
        #expect(result.response?.authorizationCode?.count == 6)
        #expect(wire.host.balance(ofCard: "no-pin") == Int64(100_000_000) - 1_234)
    }

    /// Every built-in card, with the answer a real issuer would give.
    @Test(arguments: [
        ("approve", Int64(10_000), nil as String?, "00"),
        ("low-balance", 10_000, nil, "51"),
        ("low-limit", 20_000, nil, "61"),
        ("expired", 100, nil, "54"),
        ("lost", 100, nil, "41"),
        ("stolen", 100, nil, "43"),
        ("restricted", 100, nil, "62"),
        ("not-activated", 100, nil, "21"),
        ("fraud", 100, nil, "34"),
        ("foreign", 100, nil, "00"),
        ("approve", 100, "654321", "55"),
        ("approve", 0, nil, "13"),
    ])
    func saleAnswers(card: String, amount: Int64, pin: String?, code: String) throws {
        let wire = try InProcessHost()
        let result = try wire.sale(card, amount: amount, pin: pin)
        #expect(result.code == code, "card \(card)")
        if code == "00" {
            guard case .approved = result.outcome else { Issue.record("not approved"); return }
        } else {
            guard case .declined(let response) = result.outcome else { Issue.record("not declined"); return }
            #expect(response.info.code == code)
        }
        #expect(wire.persisted.pendingReversal == nil, "any valid answer clears the reversal")
    }

    @Test func aCardThatNeedsNoPINIsApprovedWithoutOneAndOthersAreNot() throws {
        let wire = try InProcessHost()
        let noPIN = try wire.run(.sale(amount: 500, card: try wire.card("no-pin"), pin: nil))
        #expect(noPIN.code == "00")
        let withoutPIN = try wire.run(.sale(amount: 500, card: try wire.card("approve"), pin: nil))
        #expect(withoutPIN.code == "55")
    }

    @Test func anUnknownCardIsInvalid() throws {
        let wire = try InProcessHost()
        _ = try wire.run(.signOn)
        let card = CardData(pan: "6222029999999999", expiry: "3012", entryMethod: .magneticStripe)
        let result = try wire.run(.sale(amount: 100, card: card, pin: try wire.pin("1234", pan: "6222029999999999")))
        #expect(result.code == "14")
    }

    @Test func wrongPINsUseUpTheTriesAndThenEvenTheRightPINIsRefused() throws {
        let wire = try InProcessHost()
        #expect(try wire.sale("pin-tries", amount: 100, pin: "111111").code == "55")
        #expect(try wire.sale("pin-tries", amount: 100, pin: "111111").code == "75")
        #expect(try wire.sale("pin-tries", amount: 100).code == "75")
    }

    @Test func tracesAreNeverReusedAcrossRestarts() throws {
        let wire = try InProcessHost()
        let first = try wire.sale("approve", amount: 100)
        wire.restartClient()
        let second = try wire.sale("approve", amount: 100)
        let firstStan = try #require(first.stan)
        let secondStan = try #require(second.stan)
        #expect(secondStan > firstStan)
        #expect(second.code == "00")
    }

    @Test func theReversalRecordIsPersistedBeforeTheSaleLeaves() throws {
        let wire = try InProcessHost()
        _ = try wire.run(.signOn)
        wire.outputs.removeAll()
        _ = try wire.sale("approve", amount: 100)
        let persistIndex = try #require(wire.outputs.firstIndex {
            if case .persist(let record) = $0 { return record.pendingReversal != nil }
            return false
        })
        let sendIndex = try #require(wire.outputs.firstIndex { if case .send = $0 { return true }; return false })
        #expect(persistIndex < sendIndex)
        // The sealed reversal holds no PIN block and no clear PAN.
        guard case .persist(let record) = wire.outputs[persistIndex], let pending = record.pendingReversal else {
            Issue.record("no reversal record")
            return
        }
        #expect(pending.reason == "98")
        let body = try RecordSealing.open(pending.sealedMessage, kek: TestKeys.mockKeyEncryptionKey)
        let reversal = try MessageSpec.cup.unpack(body)
        #expect(reversal.mti == .reversalRequest)
        #expect(reversal[52] == nil && reversal[35] == nil && reversal[26] == nil)
        #expect(!Hex.encode(pending.sealedMessage).contains(Hex.encode(Array("6222021000000005".utf8))))
    }

    @Test func balanceInquiryReturnsTheLedgerBalance() throws {
        let wire = try InProcessHost()
        _ = try wire.sale("approve", amount: 2_500)
        let card = try #require(CardDatabase.builtIn.card(named: "approve"))
        let result = try wire.run(.balanceInquiry(card: try wire.card("approve"), pin: try wire.pin(card.pin, pan: card.pan)))
        #expect(result.code == "00")
        #expect(result.response?.balance?.amount == Int64(100_000_000) - 2_500)
    }

    @Test func echoAndSignOffWork() throws {
        let wire = try InProcessHost()
        #expect(try wire.run(.echo).code == "00")
        _ = try wire.run(.signOn)
        #expect(try wire.run(.echo).code == "00")
        #expect(try wire.run(.signOff).code == "00")
        #expect(!wire.client.isSignedOn)
        // The next sale signs on again by itself.
        #expect(try wire.run(.sale(amount: 100, card: try wire.card("no-pin"), pin: nil)).signedOn)
    }
}
