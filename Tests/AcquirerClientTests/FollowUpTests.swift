import Acquirer
import AcquirerHost
import Security
import Testing

@Suite struct FollowUpTests {
    private func original(_ result: HostExchangeResult) throws -> (String, String?, OriginalTransaction) {
        let response = try #require(result.response)
        return (try #require(response.retrievalReference), response.authorizationCode,
                OriginalTransaction(batch: try #require(result.batch), stan: try #require(result.stan), date: "0528"))
    }

    @Test func voidRestoresTheBalanceOnceAndOnlyForTheRightOriginal() throws {
        let wire = try InProcessHost()
        let sale = try wire.sale("approve", amount: 6_000)
        let (rrn, auth, original) = try original(sale)
        let card = try wire.card("approve")
        let void = try wire.run(.void(amount: 6_000, card: card, pin: nil, originalRRN: rrn,
                                      originalAuthorizationCode: auth, original: original))
        #expect(void.code == "00")
        #expect(wire.host.balance(ofCard: "approve") == 100_000_000)
        let again = try wire.run(.void(amount: 6_000, card: card, pin: nil, originalRRN: rrn,
                                       originalAuthorizationCode: auth, original: original))
        #expect(again.code == "12")
        let wrong = try wire.run(.void(amount: 6_000, card: card, pin: nil, originalRRN: "999999999999",
                                       originalAuthorizationCode: auth, original: original))
        #expect(wrong.code == "25")
    }

    @Test func voidOfADifferentAmountIsRefused() throws {
        let wire = try InProcessHost()
        let (rrn, auth, original) = try original(try wire.sale("approve", amount: 6_000))
        let result = try wire.run(.void(amount: 5_000, card: try wire.card("approve"), pin: nil, originalRRN: rrn,
                                        originalAuthorizationCode: auth, original: original))
        #expect(result.code == "64")
    }

    @Test func refundsCreditUpToTheOriginalAmount() throws {
        let wire = try InProcessHost()
        let (rrn, _, original) = try original(try wire.sale("approve", amount: 10_000))
        let card = try wire.card("approve")
        #expect(try wire.run(.refund(amount: 4_000, card: card, pin: nil, originalRRN: rrn, original: original)).code == "00")
        #expect(try wire.run(.refund(amount: 7_000, card: card, pin: nil, originalRRN: rrn, original: original)).code == "64")
        #expect(try wire.run(.refund(amount: 6_000, card: card, pin: nil, originalRRN: rrn, original: original)).code == "00")
        #expect(wire.host.balance(ofCard: "approve") == 100_000_000)
        #expect(try wire.run(.refund(amount: 1, card: card, pin: nil, originalRRN: "000000000000",
                                     original: original)).code == "25")
    }

    @Test func qrPaymentsQueriesAndCancels() throws {
        let wire = try InProcessHost()
        let paid = try wire.run(.qr(operation: .payment, amount: 1_234, paymentCode: "134567890123456789", original: nil))
        #expect(paid.code == "00")
        #expect(paid.response?.qrOrderStatus() == .paid)
        let reused = try wire.run(.qr(operation: .payment, amount: 1_234, paymentCode: "134567890123456789", original: nil))
        #expect(reused.code == "94")
        #expect(try wire.run(.qr(operation: .payment, amount: 1, paymentCode: "99123", original: nil)).code == "14")

        let big = try wire.run(.qr(operation: .payment, amount: 500_000, paymentCode: "284412345678901234", original: nil))
        #expect(big.response?.qrOrderStatus() == .customerPaying)
        let order = OriginalTransaction(batch: try #require(big.batch), stan: try #require(big.stan))
        let query = try wire.run(.qr(operation: .query, amount: 500_000, paymentCode: "284412345678901234", original: order))
        #expect(query.response?.qrOrderStatus() == .paid)
        let cancel = try wire.run(.qr(operation: .cancel, amount: 500_000, paymentCode: "284412345678901234", original: order))
        #expect(cancel.response?.qrOrderStatus() == .cancelled)
        let unknown = OriginalTransaction(batch: 1, stan: 999)
        #expect(try wire.run(.qr(operation: .query, amount: 1, paymentCode: "284412345678901234",
                                 original: unknown)).code == "25")
    }
}
