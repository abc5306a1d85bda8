extension LedgerEntry {
    /// The entry as one line of JSON (keys sorted, absent fields left out, newline included),
    /// written by hand because Foundation's encoder costs more than the authorisation itself.
    /// `JSONDecoder` reads it back as the same entry.
    public var jsonLine: [UInt8] {
        var writer = JSONObjectWriter()
        writer.number("amount", amount)
        writer.string("authCode", authCode)
        writer.bool("balanced", balanced)
        writer.number("batch", Int64(batch))
        writer.string("card", card)
        writer.string("code", code)
        writer.bool("domestic", domestic)
        writer.string("kind", kind.rawValue)
        writer.string("maskedPAN", maskedPAN)
        writer.number("originalBatch", originalBatch.map(Int64.init))
        writer.string("originalRRN", originalRRN)
        writer.number("originalStan", originalStan.map(Int64.init))
        writer.bool("pinFailure", pinFailure)
        writer.string("qrCode", qrCode)
        writer.string("qrStatus", qrStatus)
        writer.number("records", records.map(Int64.init))
        writer.string("rrn", rrn)
        writer.number("sequence", Int64(sequence))
        writer.number("stan", Int64(stan))
        writer.string("terminal", terminal)
        writer.string("time", time)
        return writer.finish()
    }
}

/// Builds one JSON object as bytes.
struct JSONObjectWriter {
    private var bytes: [UInt8] = [0x7B]

    init() {
        bytes.reserveCapacity(320)
    }

    private mutating func key(_ name: String) {
        if bytes.count > 1 { bytes.append(0x2C) }
        bytes.append(0x22)
        bytes += name.utf8
        bytes += [0x22, 0x3A]
    }

    mutating func number(_ name: String, _ value: Int64?) {
        guard let value else { return }
        key(name)
        bytes += String(value).utf8
    }

    mutating func bool(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bytes += (value ? "true" : "false").utf8
    }

    mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        bytes.append(0x22)
        for byte in value.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    mutating func finish() -> [UInt8] {
        bytes += [0x7D, 0x0A]
        return bytes
    }
}
