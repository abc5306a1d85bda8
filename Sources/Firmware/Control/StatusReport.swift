import Foundation
import Terminal

/// Builds the reply to `{"op":"status"}`: power, machine state, operator, devices, time.
enum StatusReport {
    static func make(_ runtime: TerminalRuntime) -> [String: Any] {
        var fields: [String: Any] = [
            "power": runtime.isPoweredOn ? "on" : "off",
            "boots": runtime.bootCount,
            "simulated": runtime.loop.isSimulated,
            "now_ms": runtime.loop.now,
            "wall_time_ms": runtime.loop.wallTimeMilliseconds,
        ]
        if let fault = runtime.storageFault { fields["storage_fault"] = fault }
        let mocks = runtime.devices.mocks
        var devices: [String: Any] = ["printer": runtime.devices.printer.status.rawValue,
                                      "link": runtime.devices.link.isNetworkUp ? "up" : "down"]
        if let signal = runtime.devices.link.signalPercent { devices["signal_percent"] = signal }
        if let reader = mocks?.cardReader { devices["card_present"] = reader.cardPresent }
        if let pinPad = mocks?.pinPad { devices["pinpad_collecting"] = pinPad.isCollecting }
        fields["devices"] = devices
        guard let state = runtime.machine?.state else { return fields }
        fields["state"] = state.phase.rawValue
        fields["screen"] = runtime.currentFrame?.screenID ?? NSNull()
        fields["language"] = state.language.rawValue
        fields["operator"] = state.signedInOperator ?? NSNull()
        fields["role"] = state.signedInRole?.rawValue ?? NSNull()
        fields["terminal_id"] = state.configuration.terminalID
        fields["merchant_id"] = state.configuration.merchantID
        fields["trace_number"] = state.traceNumber ?? NSNull()
        fields["batch_number"] = state.batchNumber ?? NSNull()
        fields["pending_reversal"] = state.pendingReversal
        fields["signed_on"] = state.signedOnToHost
        fields["transactions"] = state.transactionCount
        return fields
    }
}
