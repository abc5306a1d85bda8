import Acquirer
import AcquirerHost
import Security
import Testing

@Suite struct SettlementTests {
    private func records(_ wire: InProcessHost, _ sales: [(String, Int64)]) throws -> (SettlementField, [BatchUploadRecord]) {
        var domestic = SettlementTotals()
        var foreign = SettlementTotals()
        var records: [BatchUploadRecord] = []
        for (name, amount) in sales {
            let result = try wire.sale(name, amount: amount)
            try #require(result.code == "00")
            let card = try #require(CardDatabase.builtIn.card(named: name))
            if card.isDomestic {
                domestic.debitAmount += amount
                domestic.debitCount += 1
            } else {
                foreign.debitAmount += amount
                foreign.debitCount += 1
            }
            records.append(BatchUploadRecord(organisation: card.isDomestic ? .cup : .foreign,
                                             stan: try #require(result.stan), pan: card.pan, amount: amount))
        }
        return (SettlementField(domestic: domestic, foreign: foreign), records)
    }

    @Test func balancedSettlementSendsOnlyTheEndOfBatchAndMovesTheBatchOn() throws {
        let wire = try InProcessHost()
        let (totals, records) = try records(wire, [("approve", 1_000), ("foreign", 2_000), ("approve", 300)])
        let result = try wire.run(.settle(totals: totals, records: records))
        #expect(result.code == "00")
        #expect(result.settlement?.balanced == true)
        #expect(result.uploadedRecords == 0)
        #expect(wire.persisted.batch == 2)
        #expect(wire.host.currentBatch(terminal: InProcessHost.identity.terminalID) == 2)
        let uploads = wire.traces.inbound(mti: "0320")
        #expect(uploads.count == 1)
        // The next sale belongs to the new batch and is accepted.
        #expect(try wire.sale("approve", amount: 5).code == "00")
    }

    @Test func unbalancedSettlementUploadsEveryRecordEightPerMessage() throws {
        let wire = try InProcessHost()
        let sales = (1...10).map { _ in ("approve", Int64(100)) }
        var (totals, records) = try records(wire, sales)
        totals.domestic.debitAmount -= 100
        totals.domestic.debitCount -= 1
        let result = try wire.run(.settle(totals: totals, records: records))
        #expect(result.settlement?.balanced == false)
        #expect(result.settlement?.hostTotals.domestic.settleCode == .unbalanced)
        #expect(result.settlement?.hostTotals.foreign.settleCode == .balanced)
        #expect(result.uploadedRecords == 10)
        // 8 + 2 records, then the 202 end-of-batch.
        #expect(wire.traces.inbound(mti: "0320").count == 3)
        #expect(wire.persisted.batch == 2)
    }

    @Test func voidedSalesCountOnBothSides() throws {
        let wire = try InProcessHost()
        let sale = try wire.sale("approve", amount: 1_500)
        let response = try #require(sale.response)
        let void = try wire.run(.void(amount: 1_500, card: try wire.card("approve"), pin: nil,
                                      originalRRN: try #require(response.retrievalReference),
                                      originalAuthorizationCode: response.authorizationCode,
                                      original: OriginalTransaction(batch: 1, stan: try #require(sale.stan))))
        #expect(void.code == "00")
        let totals = SettlementField(domestic: SettlementTotals(debitAmount: 1_500, debitCount: 1, creditAmount: 1_500,
                                                                creditCount: 1),
                                     foreign: SettlementTotals())
        #expect(try wire.run(.settle(totals: totals, records: [])).settlement?.balanced == true)
    }

    @Test func anInterruptedUploadIsRunAgainOnItsOwn() throws {
        let wire = try InProcessHost(behaviours: [BehaviourRule(kinds: [.batchUpload], noReply: true, times: 1)])
        let (totals, records) = try records(wire, (1...3).map { _ in ("approve", Int64(50)) })
        var wrong = totals
        wrong.domestic.debitCount = 1
        let settle = try wire.run(.settle(totals: wrong, records: records))
        #expect(settle.settlement?.balanced == false)
        #expect(settle.outcome == .failed(.noResponse))
        #expect(wire.persisted.batch == 2)
        let upload = try wire.run(.uploadBatch(batch: 1, records: records, balanced: false))
        #expect(upload.code == "00")
        #expect(upload.uploadedRecords == 3)
        #expect(upload.stan == nil)
    }
}
