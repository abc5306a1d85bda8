import Acquirer
import HAL

/// A sale being put together: the amount and the card as read. Lives in RAM only (it holds the
/// track data the request needs); what is persisted is a `TransactionRecord` with the masked PAN.
struct SaleDraft: Sendable, Hashable {
    /// The amount in minor units.
    var amount: Int64
    /// The card part of the request (PAN, expiry, track 2, entry method).
    var card: CardData
    /// The PAN as read.
    var pan: String
    /// How the card was read: `swipe`, `insert` or `tap`.
    var entryMode: String

    /// The PAN masked for screens, receipts and the journal.
    var maskedPAN: String { PANMask.mask(pan) }

    /// A draft from a card event, nil when the event carries no usable PAN.
    init?(amount: Int64, event: CardEvent) {
        self.amount = amount
        switch event {
        case let .swiped(tracks):
            guard let track2 = tracks.track2, let parsed = Self.parseTrack2(track2) else { return nil }
            pan = parsed.pan
            card = CardData(pan: parsed.pan, expiry: parsed.expiry, track2: track2, track3: tracks.track3,
                            entryMethod: .magneticStripe)
            entryMode = "swipe"
        case let .inserted(chip), let .tapped(chip):
            guard Self.isPAN(chip.pan) else { return nil }
            pan = chip.pan
            let expiry = chip.expiry.count >= 4 && chip.expiry.allSatisfy(\.isASCIIDigit) ? String(chip.expiry.prefix(4)) : nil
            // Track 2 equivalent data goes in field 35 only when it is in the `PAN=YYMM…` form.
            let track2 = chip.track2Equivalent.flatMap { Self.parseTrack2($0)?.pan == chip.pan ? $0 : nil }
            let isTap: Bool
            if case .tapped = event { isTap = true } else { isTap = false }
            card = CardData(pan: chip.pan, expiry: expiry, track2: track2,
                            entryMethod: isTap ? .contactless : .contactChip,
                            sequenceNumber: chip.panSequenceNumber.flatMap { Int($0) })
            entryMode = isTap ? "tap" : "insert"
        case .removed, .readFailed:
            return nil
        }
    }

    /// PAN and expiry from track 2 (`PAN=YYMM…`, `D` also accepted as the separator).
    static func parseTrack2(_ track2: String) -> (pan: String, expiry: String?)? {
        guard let separator = track2.firstIndex(where: { $0 == "=" || $0 == "D" }) else { return nil }
        let pan = String(track2[..<separator])
        guard isPAN(pan) else { return nil }
        let rest = track2[track2.index(after: separator)...]
        let expiry = rest.prefix(4)
        return (pan, expiry.count == 4 && expiry.allSatisfy(\.isASCIIDigit) ? String(expiry) : nil)
    }

    /// 12 to 19 digits.
    static func isPAN(_ text: String) -> Bool {
        (12...19).contains(text.count) && text.allSatisfy(\.isASCIIDigit)
    }
}

/// Printing or dumping a draft shows only the masked PAN: track data never reaches a log.
extension SaleDraft: CustomStringConvertible, CustomReflectable {
    var description: String { "SaleDraft(\(maskedPAN), \(Amount.format(minor: amount)))" }
    var customMirror: Mirror { Mirror(self, children: ["maskedPAN": maskedPAN, "amount": amount], displayStyle: .struct) }
}
