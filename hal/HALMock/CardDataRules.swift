import HAL

/// What a physical card can carry: the control side may only present cards that could exist.
/// (Whether the terminal accepts the card — Luhn check, expiry, BIN — is the terminal's business.)
enum CardDataRules {
    /// Checks the tracks against ISO/IEC 7811: at least one track; track 1 in the 6-bit
    /// alphabet (space … underscore, without the `%` and `?` sentinels), at most 76 characters;
    /// tracks 2 and 3 in the 4-bit alphabet (`0`…`9 : ; < = >`), at most 37 and 104 characters.
    static func check(_ tracks: MagneticTracks) throws(MockControlError) {
        guard tracks.track1 != nil || tracks.track2 != nil || tracks.track3 != nil else {
            throw .badArgument("a swipe needs at least one track")
        }
        if let track1 = tracks.track1 {
            let ok = track1.unicodeScalars.allSatisfy { (0x20...0x5F).contains($0.value) && $0 != "%" && $0 != "?" }
            guard !track1.isEmpty, track1.unicodeScalars.count <= 76, ok else {
                throw .badArgument("track 1 holds 1 to 76 characters from space to '_' (no '%' or '?')")
            }
        }
        try checkNumericTrack(tracks.track2, number: 2, maximum: 37)
        try checkNumericTrack(tracks.track3, number: 3, maximum: 104)
    }

    private static func checkNumericTrack(_ track: String?, number: Int, maximum: Int) throws(MockControlError) {
        guard let track else { return }
        let ok = track.unicodeScalars.allSatisfy { (0x30...0x3E).contains($0.value) && $0 != ";" }
        guard !track.isEmpty, track.unicodeScalars.count <= maximum, ok else {
            throw .badArgument("track \(number) holds 1 to \(maximum) characters from '0'-'9', ':', '<', '=', '>'")
        }
    }

    /// Checks a chip record: PAN of 8 to 19 digits, expiry `YYMM` with a real month, PAN
    /// sequence number of 1 to 3 digits, track 2 equivalent of digits with `=` or `D` separators
    /// (at most 37), label at most 16 characters, cardholder name at most 26.
    static func check(_ card: ChipCardData) throws(MockControlError) {
        guard (8...19).contains(card.pan.count), isDigits(card.pan) else {
            throw .badArgument("a PAN has 8 to 19 digits")
        }
        let expiry = Array(card.expiry.unicodeScalars)
        guard expiry.count == 4, isDigits(card.expiry), let month = Int(String(card.expiry.suffix(2))),
              (1...12).contains(month) else {
            throw .badArgument("expiry is YYMM with a month from 01 to 12")
        }
        if let psn = card.panSequenceNumber, !((1...3).contains(psn.count) && isDigits(psn)) {
            throw .badArgument("a PAN sequence number has 1 to 3 digits")
        }
        if let track2 = card.track2Equivalent {
            let ok = track2.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "=" || $0 == "D" }
            guard !track2.isEmpty, track2.unicodeScalars.count <= 37, ok else {
                throw .badArgument("track 2 equivalent data holds 1 to 37 digits and '=' or 'D'")
            }
        }
        if let label = card.applicationLabel, label.isEmpty || label.count > 16 {
            throw .badArgument("an application label has 1 to 16 characters")
        }
        if let name = card.cardholderName, name.isEmpty || name.count > 26 {
            throw .badArgument("a cardholder name has 1 to 26 characters")
        }
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}
