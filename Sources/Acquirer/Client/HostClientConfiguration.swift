import Security

/// The terminal's host-link parameters: who it is, how its frames look, which MAC it uses, how
/// long it waits and how often it resends a reversal. Acquirers differ in all of these.
public struct HostClientConfiguration: Sendable {
    /// Fields 41 and 42.
    public var terminal: TerminalIdentity
    /// The TPDU in front of every request.
    public var tpdu: TPDU
    /// The message header of every request (processing requirement `0`).
    public var header: MessageHeader
    /// Message layout choices.
    public var profile: CUPProfile
    /// The field-64 MAC scheme.
    public var macScheme: MACScheme
    /// Key mode asked for at sign-on (60.3).
    public var keyMode: KeyMode
    /// How long to wait for each response (the caller's timer), in milliseconds.
    public var responseTimeoutMilliseconds: Int64
    /// 冲正重发次数: resends of a pending reversal per online session (attempts = resends + 1).
    /// The record is kept after the last attempt and retried before the next transaction.
    public var reversalResendCount: Int
    /// Field 63 of requests: the operator number.
    public var operatorNumber: String?
    /// Field 62 of the sign-on: terminal hardware information.
    public var terminalInfo: [UInt8]?
    /// The largest response frame accepted.
    public var maximumFrameLength: Int

    /// A configuration with the reference defaults: TPDU `6000030000`, header `603100310000`,
    /// CUP ECB MAC, double-length keys, 30 s timeout, two reversal resends, operator `01 `.
    public init(terminal: TerminalIdentity, tpdu: TPDU = TPDU(destination: 0x0003, originator: 0x0000),
                header: MessageHeader = MessageHeader(softwareVersion: 31, subVersion: 310_000),
                profile: CUPProfile = .standard, macScheme: MACScheme = .cupECB(tripleDES: false),
                keyMode: KeyMode = .double, responseTimeoutMilliseconds: Int64 = 30_000,
                reversalResendCount: Int = 2, operatorNumber: String? = "01 ", terminalInfo: [UInt8]? = nil,
                maximumFrameLength: Int = 2048) {
        self.terminal = terminal
        self.tpdu = tpdu
        self.header = header
        self.profile = profile
        self.macScheme = macScheme
        self.keyMode = keyMode
        self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
        self.reversalResendCount = max(0, reversalResendCount)
        self.operatorNumber = operatorNumber
        self.terminalInfo = terminalInfo
        self.maximumFrameLength = maximumFrameLength
    }
}
