import HAL

/// A configuration value edited in an entry field; the raw value ends its screen id
/// (`config.edit.<raw>`).
enum ConfigField: String, Sendable, Hashable, CaseIterable {
    case terminalID = "terminal_id"
    case merchantID = "merchant_id"
    case merchantName = "merchant_name"
    case hostAddress = "host_address"
    case hostPort = "host_port"
    case ipAddress = "ip_address"
    case netmask
    case gateway
    case dns
    case apn
    case limit

    /// The outcome of validating an entry.
    enum Validation: Sendable, Hashable {
        /// The configuration with the new value.
        case valid(TerminalConfiguration)
        /// Why the entry is refused.
        case invalid(LocalizedText)
    }

    /// Longest merchant name accepted.
    static let merchantNameMax = 20
    /// Longest APN accepted.
    static let apnMax = 32
    /// Most digits of the per-transaction limit (99,999,999.99).
    static let limitDigits = 10

    var screenID: String { "config.edit.\(rawValue)" }

    /// The menu this field is edited from.
    var menu: MenuID {
        switch self {
        case .ipAddress, .netmask, .gateway, .dns, .apn: return .network
        default: return .config
        }
    }

    var label: LocalizedText {
        switch self {
        case .terminalID: return LocalizedText(zh: "终端号", en: "Terminal ID")
        case .merchantID: return LocalizedText(zh: "商户号", en: "Merchant ID")
        case .merchantName: return LocalizedText(zh: "商户名称", en: "Merchant name")
        case .hostAddress: return LocalizedText(zh: "主机地址", en: "Host address")
        case .hostPort: return LocalizedText(zh: "主机端口", en: "Host port")
        case .ipAddress: return LocalizedText(zh: "本机IP", en: "IP address")
        case .netmask: return LocalizedText(zh: "子网掩码", en: "Netmask")
        case .gateway: return LocalizedText(zh: "网关", en: "Gateway")
        case .dns: return LocalizedText(zh: "DNS服务器", en: "DNS server")
        case .apn: return LocalizedText(zh: "4G APN", en: "4G APN")
        case .limit: return LocalizedText(zh: "单笔限额", en: "Per-txn limit")
        }
    }

    /// The format hint shown under the entry.
    var hint: LocalizedText {
        switch self {
        case .terminalID: return LocalizedText(zh: "8位数字", en: "8 digits")
        case .merchantID: return LocalizedText(zh: "15位数字", en: "15 digits")
        case .merchantName, .apn: return LocalizedText(zh: "多次按键选字母,F1切换", en: "Tap keys for letters, F1 mode")
        case .hostAddress, .ipAddress, .netmask, .gateway, .dns:
            return LocalizedText(zh: "如 192.168.1.10", en: "e.g. 192.168.1.10")
        case .hostPort: return LocalizedText(zh: "1-65535", en: "1-65535")
        case .limit: return LocalizedText(zh: "金额(元)", en: "Amount (CNY)")
        }
    }

    /// An entry field filled with the current value.
    func field(for config: TerminalConfiguration) -> InputField {
        switch self {
        case .terminalID: return InputField(.digits(max: 8), text: config.terminalID)
        case .merchantID: return InputField(.digits(max: 15), text: config.merchantID)
        case .merchantName: return InputField(.text(max: Self.merchantNameMax), text: config.merchantName)
        case .hostAddress: return InputField(.ipv4, text: config.host.host)
        case .hostPort: return InputField(.digits(max: 5), text: String(config.host.port))
        case .ipAddress: return InputField(.ipv4, text: config.network.address)
        case .netmask: return InputField(.ipv4, text: config.network.netmask)
        case .gateway: return InputField(.ipv4, text: config.network.gateway)
        case .dns: return InputField(.ipv4, text: config.network.dns)
        case .apn: return InputField(.text(max: Self.apnMax), text: config.network.apn)
        case .limit:
            let minor = config.perTransactionLimitMinor
            return InputField(.amount(maxDigits: Self.limitDigits), text: minor > 0 ? String(minor) : "")
        }
    }

    /// The value as the audit trail records it.
    func value(in config: TerminalConfiguration) -> String {
        switch self {
        case .terminalID: return config.terminalID
        case .merchantID: return config.merchantID
        case .merchantName: return config.merchantName
        case .hostAddress: return config.host.host
        case .hostPort: return String(config.host.port)
        case .ipAddress: return config.network.address
        case .netmask: return config.network.netmask
        case .gateway: return config.network.gateway
        case .dns: return config.network.dns
        case .apn: return config.network.apn
        case .limit: return Amount.format(minor: config.perTransactionLimitMinor)
        }
    }

    /// Validates `entry` and returns the configuration with it applied.
    func apply(_ entry: InputField, to config: TerminalConfiguration) -> Validation {
        var new = config
        let text = entry.text
        switch self {
        case .terminalID:
            guard text.count == 8, text.allSatisfy(\.isASCIIDigit) else { return .invalid(Strings.errTerminalID) }
            new.terminalID = text
        case .merchantID:
            guard text.count == 15, text.allSatisfy(\.isASCIIDigit) else { return .invalid(Strings.errMerchantID) }
            new.merchantID = text
        case .merchantName:
            let trimmed = text.trimmingSpaces
            guard !trimmed.isEmpty, trimmed.count <= Self.merchantNameMax else { return .invalid(Strings.errMerchantName) }
            new.merchantName = trimmed
        case .hostAddress:
            guard IPv4.parse(text) != nil else { return .invalid(Strings.errIPAddress) }
            new.host.host = text
        case .hostPort:
            guard let port = Int(text), (1...65_535).contains(port), text.first != "0" else {
                return .invalid(Strings.errPort)
            }
            new.host.port = port
        case .ipAddress, .gateway, .dns:
            guard let address = IPv4.parse(text), address != 0 else { return .invalid(Strings.errIPAddress) }
            if self == .ipAddress { new.network.address = text }
            if self == .gateway { new.network.gateway = text }
            if self == .dns { new.network.dns = text }
        case .netmask:
            guard let mask = IPv4.parse(text) else { return .invalid(Strings.errIPAddress) }
            guard IPv4.isContiguousMask(mask) else { return .invalid(Strings.errNetmask) }
            new.network.netmask = text
        case .apn:
            guard !text.isEmpty, !text.contains(" "), text.first != "." else { return .invalid(Strings.errAPN) }
            new.network.apn = text
        case .limit:
            guard entry.amountMinor > 0 else { return .invalid(Strings.errLimit) }
            new.perTransactionLimitMinor = entry.amountMinor
        }
        return .valid(new)
    }
}

/// Dotted-quad IPv4 addresses as typed on the keypad.
enum IPv4 {
    /// The address as a 32-bit number, or nil unless `text` is four decimal numbers 0…255
    /// (no leading zeros) separated by dots.
    static func parse(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit),
                  part.count == 1 || part.first != "0", let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    /// Whether `mask` is ones followed by zeros (and not all zeros).
    static func isContiguousMask(_ mask: UInt32) -> Bool {
        mask != 0 && (~mask) & (~mask &+ 1) == 0
    }
}

extension Character {
    /// `0`…`9` only (not other Unicode digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
