/// The terminal and merchant a message is for (fields 41 and 42).
public struct TerminalIdentity: Sendable, Hashable {
    /// Field 41: terminal id, 8 characters.
    public var terminalID: String
    /// Field 42: merchant id, 15 characters.
    public var merchantID: String

    /// An identity from its parts.
    public init(terminalID: String, merchantID: String) {
        self.terminalID = terminalID
        self.merchantID = merchantID
    }

    func write(into message: inout ISO8583Message) {
        message.setText(41, terminalID)
        message.setText(42, merchantID)
    }

    static func read(_ message: ISO8583Message) throws(MessageError) -> TerminalIdentity {
        guard message.has(41) else { throw .missingField(41) }
        guard message.has(42) else { throw .missingField(42) }
        return TerminalIdentity(terminalID: message.trimmedText(41) ?? "", merchantID: message.trimmedText(42) ?? "")
    }
}

/// How the card was read: field 22 digits 1-2 (protocol reference 5.1).
public enum EntryMethod: String, Sendable, Hashable, CaseIterable {
    /// `01`: key entry.
    case manual = "01"
    /// `02`: magnetic stripe.
    case magneticStripe = "02"
    /// `03`: scanned code.
    case scanned = "03"
    /// `05`: contact chip.
    case contactChip = "05"
    /// `07`: contactless.
    case contactless = "07"
}

/// The card part of a financial request: fields 2, 14, 22 (with the PIN flag), 23, 35, 36, 55.
public struct CardData: Sendable, Hashable {
    /// Field 2; omitted on the wire when track 2 is present, as CUP asks (and then read back
    /// from track 2).
    public var pan: String?
    /// Field 14, YYMM.
    public var expiry: String?
    /// Field 35, track 2 with `=` as the separator (or its TDK-encrypted form).
    public var track2: String?
    /// Field 36, track 3.
    public var track3: String?
    /// How the card was read.
    public var entryMethod: EntryMethod
    /// Field 23, the card sequence number of chip cards.
    public var sequenceNumber: Int?
    /// Field 55, EMV/PBOC TLV data of chip transactions.
    public var iccData: [UInt8]?

    /// Card data from its parts.
    public init(pan: String? = nil, expiry: String? = nil, track2: String? = nil, track3: String? = nil,
                entryMethod: EntryMethod, sequenceNumber: Int? = nil, iccData: [UInt8]? = nil) {
        self.pan = pan
        self.expiry = expiry
        self.track2 = track2
        self.track3 = track3
        self.entryMethod = entryMethod
        self.sequenceNumber = sequenceNumber
        self.iccData = iccData
    }

    func write(into message: inout ISO8583Message, pinEntered: Bool) throws(MessageError) {
        message.setText(2, track2 == nil ? pan : nil)
        message.setText(14, expiry)
        message.setText(22, entryMethod.rawValue + (pinEntered ? "1" : "2"))
        if let sequenceNumber {
            guard (0...999).contains(sequenceNumber) else { throw .invalidField(23) }
            message.setNumber(23, sequenceNumber, width: 3)
        }
        message.setText(35, track2)
        message.setText(36, track3)
        message[55] = iccData
    }

    /// Reads the card part; returns it and whether field 22 says a PIN was entered.
    static func read(_ message: ISO8583Message) throws(MessageError) -> (CardData, pinEntered: Bool) {
        let mode = Array(try message.required(22))
        guard mode.count == 3, let method = EntryMethod(rawValue: String(decoding: mode[0..<2], as: UTF8.self)),
              mode[2] == 0x31 || mode[2] == 0x32 else { throw .invalidField(22) }
        // Field 2 is omitted when track 2 is present: the PAN is then track 2 up to the separator.
        let track2 = message[35]
        let pan = message.text(2) ?? track2.flatMap { track in
            track.firstIndex(of: 0x3D).map { String(decoding: track[..<$0], as: UTF8.self) }
        }
        let card = CardData(pan: pan, expiry: message.text(14), track2: message.text(35),
                            track3: message.text(36), entryMethod: method,
                            sequenceNumber: try message.optionalNumber(23), iccData: message[55])
        return (card, mode[2] == 0x31)
    }
}

/// Field 53, security control information (protocol reference 5.5).
public struct SecurityControl: Sendable, Hashable {
    /// 53.1: PIN block formed with the PAN (ISO format 0, `2`) or without (`1`).
    public var pinBlockWithPAN: Bool
    /// 53.2: double-length TDES PIN key (`6`) or single DES (`0`).
    public var doubleLengthKey: Bool
    /// 53.3: track data encrypted with the TDK (`1`) or clear (`0`).
    public var trackDataEncrypted: Bool

    /// Security control from its parts.
    public init(pinBlockWithPAN: Bool = true, doubleLengthKey: Bool = true, trackDataEncrypted: Bool = false) {
        self.pinBlockWithPAN = pinBlockWithPAN
        self.doubleLengthKey = doubleLengthKey
        self.trackDataEncrypted = trackDataEncrypted
    }

    /// The 16 digits of field 53.
    public var digits: String {
        (pinBlockWithPAN ? "2" : "1") + (doubleLengthKey ? "6" : "0") + (trackDataEncrypted ? "1" : "0")
            + String(repeating: "0", count: 13)
    }

    /// Parses field 53.
    public init(digits: [UInt8]) throws(MessageError) {
        guard digits.count == 16, digits[0] == 0x31 || digits[0] == 0x32, digits[1] == 0x30 || digits[1] == 0x36,
              digits[2] == 0x30 || digits[2] == 0x31 else { throw .invalidField(53) }
        self.init(pinBlockWithPAN: digits[0] == 0x32, doubleLengthKey: digits[1] == 0x36,
                  trackDataEncrypted: digits[2] == 0x31)
    }
}

/// The encrypted PIN of a financial request: field 52 (from the PIN pad), 53 and 26.
public struct PINData: Sendable, Hashable {
    /// Field 52: the 8-byte PIN block encrypted under the PIK. Never logged or persisted.
    public var block: [UInt8]
    /// Field 53.
    public var securityControl: SecurityControl

    /// PIN data from its parts.
    public init(block: [UInt8], securityControl: SecurityControl = SecurityControl()) {
        self.block = block
        self.securityControl = securityControl
    }
}

/// Writing and reading the fields financial requests share; STAN and amount serve the other
/// messages and the responses too.
enum FinancialFields {
    static func writeCommon(into message: inout ISO8583Message, processingCode: String, amount: Int64?,
                            stan: Int, conditionCode: String, terminal: TerminalIdentity,
                            field60: Field60, currency: String?) throws(MessageError) {
        message.setText(3, processingCode)
        try writeAmount(amount, into: &message)
        try writeSTAN(stan, into: &message)
        message.setText(25, conditionCode)
        terminal.write(into: &message)
        message.setText(49, currency)
        guard (0...999_999).contains(field60.batch) else { throw .invalidField(60) }
        message.setText(60, field60.digits)
    }

    /// Field 4, twelve digits of minor units, when there is an amount.
    static func writeAmount(_ amount: Int64?, into message: inout ISO8583Message) throws(MessageError) {
        guard let amount else { return }
        guard (0...999_999_999_999).contains(amount) else { throw .invalidField(4) }
        message.setNumber(4, Int(amount), width: 12)
    }

    /// Field 11, the six-digit trace number.
    static func writeSTAN(_ stan: Int, into message: inout ISO8583Message) throws(MessageError) {
        guard (0...999_999).contains(stan) else { throw .invalidField(11) }
        message.setNumber(11, stan, width: 6)
    }

    static func writePIN(_ pin: PINData?, into message: inout ISO8583Message, profile: CUPProfile) throws(MessageError) {
        guard let pin else { return }
        guard pin.block.count == 8 else { throw .invalidField(52) }
        guard (0...99).contains(profile.pinCaptureCode) else { throw .invalidField(26) }
        message.setNumber(26, profile.pinCaptureCode, width: 2)
        message[52] = pin.block
        message.setText(53, pin.securityControl.digits)
    }

    static func readPIN(_ message: ISO8583Message) throws(MessageError) -> PINData? {
        guard let block = message[52] else { return nil }
        return PINData(block: block, securityControl: try SecurityControl(digits: try message.required(53)))
    }

    static func amount(_ message: ISO8583Message) throws(MessageError) -> Int64 {
        Int64(try message.requiredNumber(4))
    }

    static func expectType(_ field60: Field60, _ code: String) throws(MessageError) {
        guard field60.transactionType == code else { throw .invalidField(60) }
    }

    static func expectProcessingCode(_ message: ISO8583Message, _ code: String) throws(MessageError) {
        guard try message.requiredText(3) == code else { throw .invalidField(3) }
    }
}
