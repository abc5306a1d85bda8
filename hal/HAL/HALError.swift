/// The error every HAL device method throws.
///
/// `kind` says what class of failure it is, so the firmware can react without knowing the
/// backend; `detail` is a human-readable explanation for logs (never containing card data).
public struct HALError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The device is gone (unplugged, port closed, link down).
        case disconnected
        /// The device did not answer in time.
        case timeout
        /// The device is busy with another request.
        case busy
        /// The device cannot do this at all.
        case notSupported = "not_supported"
        /// The device answered something that breaks its protocol.
        case `protocol`
        /// The device reports a hardware fault (paper out, cover open, read error …).
        case hardwareFault = "hardware_fault"
        /// The request itself was invalid (bad argument).
        case invalidRequest = "invalid_request"
    }

    /// The class of failure.
    public var kind: Kind
    /// The device role that failed.
    public var role: DeviceRole
    /// A human-readable explanation, free of sensitive data.
    public var detail: String

    /// Creates an error of `kind` for the device in `role`.
    public init(_ kind: Kind, role: DeviceRole, _ detail: String) {
        self.kind = kind
        self.role = role
        self.detail = detail
    }

    /// `"<role>: <kind>: <detail>"`.
    public var description: String { "\(role.rawValue): \(kind.rawValue): \(detail)" }
}
