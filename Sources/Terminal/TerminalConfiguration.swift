import HAL

/// The language of screens and receipts.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    /// Simplified Chinese.
    case chinese = "zh"
    /// English.
    case english = "en"
}

/// How the terminal gets its IP settings.
public struct NetworkSettings: Sendable, Hashable, Codable {
    /// Whether DHCP assigns address, gateway and DNS.
    public var dhcp: Bool
    /// Static IPv4 address (ignored with DHCP).
    public var address: String
    /// Static netmask.
    public var netmask: String
    /// Static gateway.
    public var gateway: String
    /// DNS server.
    public var dns: String
    /// The 4G access point name.
    public var apn: String

    /// Creates network settings.
    public init(dhcp: Bool = true, address: String = "192.168.1.100", netmask: String = "255.255.255.0",
                gateway: String = "192.168.1.1", dns: String = "114.114.114.114", apn: String = "CMNET") {
        self.dhcp = dhcp
        self.address = address
        self.netmask = netmask
        self.gateway = gateway
        self.dns = dns
        self.apn = apn
    }
}

/// The terminal's configuration (参数设置). Changed only by an admin; persisted in the journal.
public struct TerminalConfiguration: Sendable, Hashable, Codable {
    /// Terminal id (field 41), 8 characters.
    public var terminalID: String
    /// Merchant id (field 42), 15 characters.
    public var merchantID: String
    /// Merchant name shown on the idle screen and receipts.
    public var merchantName: String
    /// The acquirer host.
    public var host: HostEndpoint
    /// IP, DNS and APN settings.
    public var network: NetworkSettings
    /// Language of screens and receipts.
    public var language: Language
    /// Largest amount of one transaction, in minor units (fen).
    public var perTransactionLimitMinor: Int64
    /// Local time zone offset from UTC in minutes (China: 480).
    public var utcOffsetMinutes: Int
    /// Seconds without a key before a screen returns to idle.
    public var idleTimeoutSeconds: Int

    /// Creates a configuration; the defaults are those of a factory-fresh mock terminal.
    public init(terminalID: String = "00000001", merchantID: String = "898100000000001",
                merchantName: String = "POSTERM DEMO", host: HostEndpoint = HostEndpoint(host: "127.0.0.1", port: 5800),
                network: NetworkSettings = NetworkSettings(), language: Language = .chinese,
                perTransactionLimitMinor: Int64 = 5_000_000, utcOffsetMinutes: Int = 480, idleTimeoutSeconds: Int = 60) {
        self.terminalID = terminalID
        self.merchantID = merchantID
        self.merchantName = merchantName
        self.host = host
        self.network = network
        self.language = language
        self.perTransactionLimitMinor = perTransactionLimitMinor
        self.utcOffsetMinutes = utcOffsetMinutes
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}
