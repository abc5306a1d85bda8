/// How a card was presented to the reader.
public enum CardEntryMode: String, Sendable, Hashable, Codable {
    /// Magnetic stripe swiped.
    case swipe
    /// Contact chip inserted.
    case insert
    /// Contactless card or phone tapped.
    case tap
    /// Card details keyed by the operator.
    case manual
}

/// The tracks read from a magnetic stripe.
///
/// Track data is sensitive: it lives in RAM only for the transaction in progress, is never
/// persisted or logged, and `description` never shows it.
public struct MagneticTracks: Sendable, Hashable, CustomStringConvertible {
    /// Track 1 (alphanumeric, name and PAN), without sentinels.
    public var track1: String?
    /// Track 2 (`PAN=YYMM…`), without sentinels.
    public var track2: String?
    /// Track 3, without sentinels.
    public var track3: String?

    /// Creates a set of tracks; at least one should be present.
    public init(track1: String? = nil, track2: String? = nil, track3: String? = nil) {
        self.track1 = track1
        self.track2 = track2
        self.track3 = track3
    }

    /// Never shows track contents.
    public var description: String {
        let present = [("1", track1), ("2", track2), ("3", track3)].filter { $0.1 != nil }.map(\.0)
        return "MagneticTracks(tracks: \(present.joined(separator: ",")), redacted)"
    }
}

/// What a chip (contact or contactless) card answers when the reader selects it.
///
/// The mock reader takes these values from the control protocol's `card` object; a real reader
/// fills them from the card's records. `description` masks the PAN.
public struct ChipCardData: Sendable, Hashable, CustomStringConvertible {
    /// The primary account number, digits only.
    public var pan: String
    /// Expiry as `YYMM`.
    public var expiry: String
    /// PAN sequence number (EMV tag 5F34), if the card has one.
    public var panSequenceNumber: String?
    /// Track 2 equivalent data (EMV tag 57) as digits with `=` separator. Sensitive.
    public var track2Equivalent: String?
    /// The application label shown to the cardholder.
    public var applicationLabel: String?
    /// The cardholder name, if the card reveals it.
    public var cardholderName: String?

    /// Creates chip card data.
    public init(pan: String, expiry: String, panSequenceNumber: String? = nil,
                track2Equivalent: String? = nil, applicationLabel: String? = nil,
                cardholderName: String? = nil) {
        self.pan = pan
        self.expiry = expiry
        self.panSequenceNumber = panSequenceNumber
        self.track2Equivalent = track2Equivalent
        self.applicationLabel = applicationLabel
        self.cardholderName = cardholderName
    }

    /// Shows the masked PAN only.
    public var description: String { "ChipCardData(pan: \(PANMask.mask(pan)))" }
}

/// Why the reader could not read a presented card.
public enum CardReadError: String, Sendable, Hashable, Codable, Error {
    /// The stripe or chip could not be read; try again or use another interface.
    case unreadable
    /// The chip did not answer; swipe instead (fallback).
    case chipFailure = "chip_failure"
    /// More than one contactless card in the field.
    case collision
    /// The card was pulled out during the read.
    case removedEarly = "removed_early"
}

/// What the card reader reports.
public enum CardEvent: Sendable, Hashable {
    /// A stripe was swiped and these tracks were read.
    case swiped(MagneticTracks)
    /// A chip card was inserted and read.
    case inserted(ChipCardData)
    /// A contactless card was tapped and read.
    case tapped(ChipCardData)
    /// The inserted card was taken out of the slot. (A tap is one read: a tapped card that
    /// leaves the field after its read posts nothing; one that leaves during it posts
    /// `.readFailed(.removedEarly)`.)
    case removed
    /// A presented card could not be read.
    case readFailed(CardReadError)
}

/// Masks a primary account number for screens, receipts, logs and the journal.
public enum PANMask {
    /// Keeps the first 6 and last 4 digits and replaces the rest with `*`; PANs of 10 digits or
    /// fewer keep only the last 4.
    public static func mask(_ pan: String) -> String {
        let digits = Array(pan)
        guard digits.count > 10 else {
            return String(repeating: "*", count: max(0, digits.count - 4)) + String(digits.suffix(4))
        }
        return String(digits.prefix(6)) + String(repeating: "*", count: digits.count - 10) + String(digits.suffix(4))
    }
}
