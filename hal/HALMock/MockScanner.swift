import HAL
import Synchronization

/// A simulated barcode / QR scanner: `scan` posts `.scanned(code)`.
///
/// Faults: `unplugged` (posts `.status(.scanner, .unplugged)`; `scan` throws `device_unplugged`
/// until cleared, which posts `.status(.scanner, .ready)`).
public final class MockScanner: Scanner, FaultInjectable {
    /// The most characters a QR code holds (version 40, numeric mode).
    public static let maximumCodeLength = 7089

    private let plug = PlugState(role: .scanner)

    /// Creates a plugged-in scanner.
    public init() {}

    /// Always `.scanner`.
    public var role: DeviceRole { .scanner }

    /// Connects the scanner to the firmware; reports `.unplugged` at once if it is unplugged.
    public func start(events: @escaping DeviceEventSink) { plug.start(events) }

    /// Disconnects the scanner from the firmware; later scans are lost.
    public func stop() { plug.stop() }

    /// Scans a code, posting `.scanned(code)`.
    ///
    /// Throws `bad_argument` for an empty code or one longer than `maximumCodeLength`, and
    /// `device_unplugged` while unplugged.
    public func scan(_ code: String) throws(MockControlError) {
        guard !code.isEmpty, code.count <= Self.maximumCodeLength else {
            throw .badArgument("a code has 1 to \(Self.maximumCodeLength) characters")
        }
        let sink = try plug.sinkIfPlugged()
        post([.scanned(code)], to: sink)
    }

    /// `["unplugged"]`.
    public var supportedFaults: [String] { ["unplugged"] }

    /// The active faults.
    public var activeFaults: Set<String> { plug.isUnplugged ? ["unplugged"] : [] }

    /// Plugs the scanner out or back in.
    public func setFault(_ name: String, active: Bool) throws(MockControlError) {
        try checkFaultName(name, role: role)
        plug.setUnplugged(active)
    }
}
