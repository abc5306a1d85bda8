import Logging

/// How to run the firmware: what the `posterm run` command line says.
public struct FirmwareOptions: Sendable {
    /// Board file path or name (`mock`).
    public var board: String = "mock"
    /// `ROLE=PATH` port overrides.
    public var portOverrides: [String] = []
    /// The flash image path, overriding the board's.
    public var flashPath: String?
    /// No console: run without drawing the screen or reading the keyboard.
    public var headless = false
    /// A control-protocol script to run; replies go to standard output.
    public var scriptPath: String?
    /// Control servers to open.
    public var controlEndpoints: [ControlEndpoint] = []
    /// Seed for everything random (salts, later trace-number-independent randomness).
    public var seed: UInt64?
    /// Run on virtual time.
    public var simulatedTime = false
    /// Virtual start time (milliseconds since the epoch) with `simulatedTime`: 2026-11-21 09:00 Beijing.
    public var simulatedStartMilliseconds: Int64 = 1_795_222_800_000
    /// Log level.
    public var logLevel: Logger.Level = .info
    /// Where logs go when the console owns the screen (nil: standard error).
    public var logFile: String?

    /// Creates options with the defaults (mock board, live time, console).
    public init() {}
}
