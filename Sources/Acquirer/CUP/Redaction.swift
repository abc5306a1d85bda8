/// A PAN as screens, receipts and logs may show it: first 6 and last 4 digits, the rest `*`.
/// Shorter than 11 characters, everything but the last 4 is masked.
public func maskedPAN(_ pan: String) -> String {
    let characters = Array(pan)
    guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
    let head = characters.count >= 11 ? 6 : 0
    return String(characters[..<head]) + String(repeating: "*", count: characters.count - head - 4)
        + String(characters[(characters.count - 4)...])
}

// Card and PIN data print masked, whatever prints them (logs, test failures, `dump`).

extension CardData: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Entry method and masked PAN only: never tracks, expiry or chip data.
    public var description: String {
        let pan = self.pan.map(maskedPAN) ?? "none"
        return "CardData(\(entryMethod), PAN \(pan)\(track2 == nil ? "" : ", track 2")\(track3 == nil ? "" : ", track 3")"
            + "\(iccData == nil ? "" : ", chip data"))"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// No children: reflection must not reach the tracks.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension PINData: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Never the PIN block.
    public var description: String { "PINData(\(securityControl.digits))" }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// No children: reflection must not reach the PIN block.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension ISO8583Message: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The MTI and the present field numbers, never values (they may hold tracks or a PIN block).
    public var description: String { "\(mti) \(fieldNumbers)" }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// The MTI and field numbers only.
    public var customMirror: Mirror { Mirror(self, children: ["mti": mti, "fields": fieldNumbers]) }
}
