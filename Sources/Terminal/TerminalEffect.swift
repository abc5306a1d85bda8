import Acquirer
import HAL

/// What the terminal asks the firmware to do. Effects of one step run in order; a `.persist`
/// completes durably before any later effect of the same step runs (the write-ahead rule).
public enum TerminalEffect: Sendable, Hashable {
    /// Draw this frame on the display.
    case show(DisplayFrame)
    /// Sound the buzzer.
    case beep(BeepPattern)
    /// Switch a status LED.
    case light(IndicatorLight, on: Bool)
    /// Print a document as job `job` (the answer comes as a printer event).
    case print(PrintDocument, job: UInt64)
    /// Ask the PIN pad for a PIN (the answer comes as PIN pad events).
    case requestPin(PinRequest)
    /// Abandon the running PIN request.
    case cancelPin
    /// Arm or disarm the card reader.
    case armCardReader(Bool)
    /// Open a connection to the host (the answer comes as link events).
    case connectHost(HostEndpoint)
    /// Send bytes to the host on the open connection.
    case sendHost([UInt8])
    /// Close the host connection.
    case disconnectHost
    /// Start (or restart) a timer that fires after `milliseconds` of loop time.
    case startTimer(TimerID, milliseconds: Int64)
    /// Cancel a timer; nothing happens if it is not running.
    case cancelTimer(TimerID)
    /// Make these changes durable, atomically, before the next effect runs.
    case persist([StoreChange])
    /// Install the working keys of a sign-on (field 62 of the 0810, under the terminal master
    /// key) in the PIN pad's secure element, so its next PIN blocks use the new PIN key.
    case installWorkingKeys(field62: [UInt8], mode: KeyMode)
}
