import Acquirer
import AcquirerHost
import Foundation
import HAL
import Security
import Testing
@testable import Terminal

/// The host link for machine-level tests: an in-process `AcquirerHost` behind
/// `HostConnectionSession`, answering at once (no latency), plus the PIN pad's secure element
/// holding the test master key and the working keys the terminal installs.
final class HostWire {
    let host: AcquirerHost
    let pinPad: SoftwareSecureElement
    /// Bytes to the host are lost while set (the host never sees them).
    var noReply = false
    /// The MTIs of the frames that reached the host, in order.
    private(set) var receivedMTIs: [String] = []
    /// The last PIN request.
    private(set) var pinRequest: PinRequest?
    private var session: HostConnectionSession?
    private var events: [DeviceEvent] = []
    static let endpoint = HostEndpoint(host: "127.0.0.1", port: 5800)

    init() throws {
        var configuration = HostConfiguration(keySource: .seeded(11))
        configuration.clock = { Date(timeIntervalSince1970: 1_795_226_400) }
        host = try AcquirerHost(configuration: configuration)
        pinPad = try SoftwareSecureElement(keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        _ = try pinPad.injectMasterKey(TestKeys.terminalMasterKey)
    }

    /// The services of a terminal whose host keys are the mock board's.
    static var services: TerminalServices {
        TerminalServices(passwords: TestHasher(),
                         hostKeys: HostKeys(masterKey: TestKeys.terminalMasterKey, keyEncryptionKey: TestKeys.mockKeyEncryptionKey))
    }

    func execute(_ effect: TerminalEffect, now: WallTime) {
        switch effect {
        case let .connectHost(endpoint):
            guard endpoint == Self.endpoint, session == nil else {
                events.append(.link(.connectFailed(HALError(.disconnected, role: .link, "refused"))))
                return
            }
            session = HostConnectionSession(host: host)
            events.append(.link(.connected(endpoint)))
        case let .sendHost(bytes):
            guard !noReply, var current = session else { return }
            if bytes.count > 14 { receivedMTIs.append(bytes[13...14].map { String(format: "%02X", $0) }.joined()) }
            let outputs = current.receive(bytes)
            session = current
            for output in outputs {
                switch output {
                case let .send(reply, _): events.append(.link(.received(reply)))
                case .close:
                    session = nil
                    events.append(.link(.disconnected(nil)))
                }
            }
        case .disconnectHost:
            if session != nil { events.append(.link(.disconnected(nil))) }
            session = nil
        case let .installWorkingKeys(field62, mode):
            _ = try? pinPad.installWorkingKeys(field62: field62, mode: KeyDownloadMode(rawValue: mode.rawValue) ?? .doubleLength)
        case let .requestPin(request):
            pinRequest = request
        default:
            break
        }
    }

    func takeEvent() -> DeviceEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// The PIN pad's answer for `digits` on the last request: a real ISO 9564 format 0 block.
    func pinBlock(_ digits: String) throws -> TerminalEvent {
        let request = try #require(pinRequest)
        let block = try pinPad.pinBlock(digits: digits.utf8.map { $0 - 0x30 }, pan: request.pan, format: .iso0)
        return .device(.pinPad(.pinBlock(EncryptedPinBlock(bytes: block.bytes))))
    }
}
