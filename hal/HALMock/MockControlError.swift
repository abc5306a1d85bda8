import HAL

/// Why a control action on a simulated device was refused (a test, script, rig or console asked
/// for something the device cannot do now).
///
/// `code` is stable and becomes the control protocol's `"error"` field; `message` explains it to
/// a person. Codes:
/// - `device_unplugged`: the device's `unplugged` fault is active.
/// - `no_card`: `remove` with no card in the reader (or in the contactless field).
/// - `card_present`: a card is already in the reader.
/// - `field_off`: a tap while the terminal has not armed the contactless field.
/// - `not_supported`: the reader has no such entry mode.
/// - `unknown_fault`: the device has no fault of that name.
/// - `unknown_device`: no device with faults has that name (`MockDeviceSet.faultTarget(named:)`).
/// - `no_request`: PIN-pad keys while no PIN request runs.
/// - `bad_argument`: the argument cannot exist on a real device (empty key list, track data a
///   stripe cannot encode, a malformed chip record …).
public struct MockControlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable error code.
    public var code: String
    /// A human-readable explanation, free of card data.
    public var message: String

    /// Creates an error with `code` and `message`.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code): \(message)" }

    static func unplugged(_ role: DeviceRole) -> MockControlError {
        MockControlError(code: "device_unplugged", message: "the \(role.rawValue) is unplugged")
    }

    static func badArgument(_ message: String) -> MockControlError {
        MockControlError(code: "bad_argument", message: message)
    }
}
