import Acquirer
import AcquirerHost
import Security
import Testing

@Suite struct ResignOnTests {
    @Test func aHeaderAskingForSignOnGetsNewKeysInTheSameSession() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.sale], processingRequirement: 3, times: 1)])
        _ = try wire.run(.signOn)
        let result = try wire.sale("approve", amount: 100)
        #expect(result.code == "00")
        #expect(result.signedOn)
        #expect(wire.client.isSignedOn)
        #expect(wire.traces.inbound(mti: "0800").count == 2)
    }

    @Test func aMACErrorAnswerMakesTheTerminalSignOnAgain() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.sale], responseCode: "A0", times: 1)])
        _ = try wire.run(.signOn)
        let result = try wire.sale("approve", amount: 100)
        #expect(result.code == "A0")
        #expect(result.signedOn)
        #expect(try wire.sale("approve", amount: 100).code == "00")
    }

    @Test func aHostRestartLosesTheSessionAndTheTerminalRecovers() throws {
        let first = try InProcessHost()
        _ = try first.run(.signOn)
        // A new host engine (keys are in memory only) answers C1; the terminal signs on again.
        let second = try InProcessHost()
        second.persisted = first.persisted
        second.restartClient()
        let result = try second.run(.sale(amount: 100, card: try second.card("no-pin"), pin: nil))
        #expect(result.code == "C1")
        #expect(result.signedOn)
        #expect(try second.run(.sale(amount: 100, card: try second.card("no-pin"), pin: nil)).code == "00")
    }

    @Test func aWrongMasterKeyFailsTheKeyCheckAndKeepsTheOldKeys() throws {
        let configuration = HostClientConfiguration(terminal: InProcessHost.identity)
        let wire = try InProcessHost(configuration: configuration)
        _ = try wire.run(.signOn)
        let before = wire.persisted
        var client = HostClient(configuration: configuration, masterKey: SecretKey([UInt8](repeating: 0x11, count: 16)),
                                keyEncryptionKey: TestKeys.mockKeyEncryptionKey, record: before)
        wire.client = client
        let result = try wire.run(.signOn)
        #expect(result.outcome == .failed(.keyCheckFailed))
        client = wire.client
        #expect(client.record.sealedMACKey == before.sealedMACKey)
    }

    @Test func aRefusedSignOnEndsTheOperationWithTheHostsCode() throws {
        let cards = try CardDatabase(cards: CardDatabase.builtIn.cards,
                                     terminals: [RegisteredTerminal(terminalID: "10000009", merchantID: "898100012340001")],
                                     acceptsAnyTerminal: false)
        let host = try AcquirerHost(configuration: HostConfiguration(cards: cards, keySource: .seeded(3)))
        let wire = try InProcessHost(host: host)
        let result = try wire.run(.sale(amount: 100, card: try wire.card("no-pin"), pin: nil))
        #expect(result.code == "97")
        #expect(result.response?.info.english == "Terminal not registered")
        #expect(!result.signedOn)
        #expect(!wire.client.isSignedOn)
        #expect(!wire.client.hasPendingReversal, "the sale never left")
    }
}
