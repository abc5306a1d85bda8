import Foundation
import HAL
import HALMock
import Security
import Terminal

/// Builds the devices a board describes. Every role of the mock board is a mock; roles a board
/// leaves out are served by an inert mock so the terminal still runs (and reports them missing).
enum BoardWiring {
    /// Creates the device set for `board` with mocks scheduled on `loop`. With `host: embedded`
    /// on the mock link, an acquirer host is registered at the default host endpoint
    /// (`TerminalConfiguration().host`); `seed` makes its working keys reproducible.
    static func devices(for board: BoardDescription, loop: EventLoop, seed: UInt64 = 0) throws -> DeviceSet {
        let modes = Set((board.role(.cardReader)?.list("entry-modes") ?? []).compactMap(CardEntryMode.init(rawValue:)))
        let linkSettings = board.role(.link)
        // The mock PIN pad is a software secure element holding the documented test master key.
        let element = try SoftwareSecureElement(keyEncryptionKey: TestKeys.mockKeyEncryptionKey)
        _ = try element.injectMasterKey(TestKeys.terminalMasterKey, expectedCheckValue: TestKeys.terminalMasterKeyCheckValue)
        let mocks = MockDeviceSet(scheduler: LoopMockScheduler(loop: loop),
                                  secureElement: SecureElementPinEncryptor(element: element),
                                  printerWidth: board.role(.printer)?.integer("width") ?? 32,
                                  cardEntryModes: modes.isEmpty ? [.swipe, .insert, .tap] : modes,
                                  connectLatencyMilliseconds: Int64(linkSettings?.integer("connect-latency-ms") ?? 20))
        mocks.link.setSignal(percent: linkSettings?.integer("signal-percent") ?? 80)
        var embedded: EmbeddedHost?
        if linkSettings?.backend == "mock", linkSettings?.string("host") == "embedded" {
            let host = try EmbeddedHost(seed: seed, loop: loop, endpoint: TerminalConfiguration().host)
            mocks.link.register(host, at: host.endpoint)
            embedded = host
        }
        return DeviceSet(display: mocks.display, keypad: mocks.keypad, cardReader: mocks.cardReader, pinPad: mocks.pinPad,
                         printer: mocks.printer, link: mocks.link, scanner: mocks.scanner, indicator: mocks.indicator,
                         secureElement: element,
                         hostKeys: HostKeys(masterKey: TestKeys.terminalMasterKey, keyEncryptionKey: TestKeys.mockKeyEncryptionKey),
                         embeddedHost: embedded, mocks: mocks)
    }

    /// The flash image path the board's `flash` role names (`default` is the user's data
    /// directory), or nil when the board keeps the journal in RAM.
    static func flashImagePath(for board: BoardDescription) -> String? {
        guard let flash = board.role(.flash), flash.backend == "file" else { return nil }
        let path = flash.string("path")
        return path == "default" ? defaultFlashImagePath() : path
    }

    /// `$XDG_DATA_HOME/posterm/flash.img`, or `~/.local/share/posterm/flash.img`.
    static func defaultFlashImagePath() -> String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/share"
        return base + "/posterm/flash.img"
    }
}
