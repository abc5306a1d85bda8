import HAL

/// A simulated device whose faults a test, script or rig can switch on and off
/// (`{"op":"fault","device":…,"fault":…,"active":…}` in the control protocol).
public protocol FaultInjectable: AnyObject {
    /// The names of the faults this device simulates, in a fixed order.
    var supportedFaults: [String] { get }
    /// The faults active now. One-shot faults (such as the card reader's `unreadable`) leave this
    /// set when they have fired.
    var activeFaults: Set<String> { get }
    /// Switches fault `name` on or off, posting the status events the change causes. Setting a
    /// fault to the state it is already in changes nothing and posts nothing.
    ///
    /// Throws `unknown_fault` for a name not in `supportedFaults`.
    func setFault(_ name: String, active: Bool) throws(MockControlError)
}

extension FaultInjectable {
    /// Throws `unknown_fault` unless `name` is one of `supportedFaults`.
    func checkFaultName(_ name: String, role: DeviceRole) throws(MockControlError) {
        guard supportedFaults.contains(name) else {
            throw MockControlError(
                code: "unknown_fault",
                message: "the \(role.rawValue) has no fault \"\(name)\" (it has: \(supportedFaults.joined(separator: ", ")))")
        }
    }
}

/// Posts `events` in order through `sink`, if the device is started. Devices call it after
/// releasing their lock, so a sink that calls back into the device cannot deadlock.
func post(_ events: [DeviceEvent], to sink: DeviceEventSink?) {
    guard let sink else { return }
    for event in events { sink(event) }
}
