/// Sign-on 签到: 0800 with 60 = `00` + batch + key mode, 62 = terminal information, 63 = operator.
public struct SignOnRequest: Sendable, Hashable {
    /// Field 11.
    public var stan: Int
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2: the terminal's current batch.
    public var batch: Int
    /// 60.3: which working keys to download.
    public var keyMode: KeyMode
    /// Field 62: terminal hardware information, as the acquirer wants it.
    public var terminalInfo: [UInt8]?
    /// Field 63: operator number (e.g. `"01 "`).
    public var operatorNumber: String?

    /// A sign-on from its parts.
    public init(stan: Int, terminal: TerminalIdentity, batch: Int, keyMode: KeyMode = .double,
                terminalInfo: [UInt8]? = nil, operatorNumber: String? = nil) {
        self.stan = stan
        self.terminal = terminal
        self.batch = batch
        self.keyMode = keyMode
        self.terminalInfo = terminalInfo
        self.operatorNumber = operatorNumber
    }

    /// The generic 0800 (sign-on carries no MAC: the terminal has no MAK yet).
    public func message() throws(MessageError) -> ISO8583Message {
        var message = ISO8583Message(mti: .signOnRequest)
        try ManagementFields.write(into: &message, stan: stan, terminal: terminal,
                                   field60: Field60(transactionType: "00", batch: batch, networkCode: keyMode.rawValue))
        message[62] = terminalInfo
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0800 sign-on (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        try message.expect(.signOnRequest)
        let field60 = try Field60.read(message)
        guard field60.transactionType == "00", let mode = KeyMode(rawValue: field60.networkCode) else {
            throw .invalidField(60)
        }
        self.init(stan: try message.requiredNumber(11), terminal: try TerminalIdentity.read(message),
                  batch: field60.batch, keyMode: mode, terminalInfo: message[62], operatorNumber: message.text(63))
    }
}

/// Which 0820 network-management request a `ManagementRequest` is (60.3).
public enum ManagementFunction: String, Sendable, Hashable, CaseIterable {
    /// `002`: sign-off 签退.
    case signOff = "002"
    /// `301`: echo test 回响测试 (link and host status).
    case echoTest = "301"
}

/// Sign-off or echo test: 0820 with 60 = `00` + batch + function code.
public struct ManagementRequest: Sendable, Hashable {
    /// Sign-off or echo test.
    public var function: ManagementFunction
    /// Field 11.
    public var stan: Int
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// 60.2.
    public var batch: Int
    /// Field 63: operator number.
    public var operatorNumber: String?

    /// A management request from its parts.
    public init(function: ManagementFunction, stan: Int, terminal: TerminalIdentity, batch: Int,
                operatorNumber: String? = nil) {
        self.function = function
        self.stan = stan
        self.terminal = terminal
        self.batch = batch
        self.operatorNumber = operatorNumber
    }

    /// The generic 0820.
    public func message() throws(MessageError) -> ISO8583Message {
        var message = ISO8583Message(mti: .managementRequest)
        try ManagementFields.write(into: &message, stan: stan, terminal: terminal,
                                   field60: Field60(transactionType: "00", batch: batch,
                                                    networkCode: function.rawValue))
        message.setText(63, operatorNumber)
        return message
    }

    /// Reads a 0820 (host side).
    public init(_ message: ISO8583Message) throws(MessageError) {
        try message.expect(.managementRequest)
        let field60 = try Field60.read(message)
        guard field60.transactionType == "00", let function = ManagementFunction(rawValue: field60.networkCode) else {
            throw .invalidField(60)
        }
        self.init(function: function, stan: try message.requiredNumber(11),
                  terminal: try TerminalIdentity.read(message), batch: field60.batch,
                  operatorNumber: message.text(63))
    }
}

enum ManagementFields {
    static func write(into message: inout ISO8583Message, stan: Int, terminal: TerminalIdentity,
                      field60: Field60) throws(MessageError) {
        try FinancialFields.writeSTAN(stan, into: &message)
        guard (0...999_999).contains(field60.batch) else { throw .invalidField(60) }
        terminal.write(into: &message)
        message.setText(60, field60.digits)
    }
}
