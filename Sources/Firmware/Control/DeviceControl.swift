import Foundation
import HAL
import HALMock

/// The control ops that act on simulated devices: keys, card, pinpad, scan, fault.
enum DeviceControl {
    /// Runs `keys`, `card`, `pinpad` or `scan` on the board's mocks.
    static func operate(_ request: ControlRequest, mocks: MockDeviceSet?) throws(ControlError) -> [String: Any] {
        guard let mocks else { throw ControlError("not_simulated", "this board's devices are not mocks") }
        do {
            switch request.op {
            case "keys":
                let keys = try parse(request.strings("keys"), as: KeypadKey.self, what: "keypad key")
                try mocks.keypad.press(keys)
                return ["pressed": keys.count]
            case "pinpad":
                let keys = try parse(request.strings("keys"), as: PinPadKey.self, what: "PIN pad key")
                try mocks.pinPad.press(keys)
                return ["pressed": keys.count]
            case "scan":
                let code = try request.string("code")
                guard !code.isEmpty, code.utf8.count <= 512 else {
                    throw ControlError("bad_argument", "\"code\" must be 1 to 512 bytes")
                }
                try mocks.scanner.scan(code)
                return [:]
            default:
                return try card(request, reader: mocks.cardReader)
            }
        } catch let error as ControlError {
            throw error
        } catch let error as MockControlError {
            throw ControlError(error.code, error.message)
        } catch {
            throw ControlError("device_error", "\(error)")
        }
    }

    private static func card(_ request: ControlRequest, reader: MockCardReader) throws -> [String: Any] {
        let action = try request.string("action")
        switch action {
        case "swipe":
            let tracks = MagneticTracks(track1: try request.optionalString("track1"),
                                        track2: try request.optionalString("track2"),
                                        track3: try request.optionalString("track3"))
            guard tracks.track1 != nil || tracks.track2 != nil || tracks.track3 != nil else {
                throw ControlError("bad_argument", "swipe needs at least one of track1, track2, track3")
            }
            try reader.swipe(tracks)
        case "insert", "tap":
            let card = try chipCard(request.object("card"))
            if action == "insert" { try reader.insert(card) } else { try reader.tap(card) }
        case "remove":
            try reader.remove()
        default:
            throw ControlError("bad_argument", "card action must be swipe, insert, tap or remove, got '\(action)'")
        }
        return ["card_present": reader.cardPresent]
    }

    /// Reads the `card` object of an insert/tap: `pan` and `expiry` (YYMM) required.
    static func chipCard(_ object: [String: Any]) throws(ControlError) -> ChipCardData {
        func text(_ key: String) throws(ControlError) -> String? {
            guard let value = object[key] else { return nil }
            guard let string = value as? String else { throw ControlError("bad_argument", "card.\(key) must be a string") }
            return string
        }
        guard let pan = try text("pan"), (12...19).contains(pan.count), pan.allSatisfy(\.isASCIIDigit) else {
            throw ControlError("bad_argument", "card.pan must be 12 to 19 digits")
        }
        guard let expiry = try text("expiry"), expiry.count == 4, expiry.allSatisfy(\.isASCIIDigit) else {
            throw ControlError("bad_argument", "card.expiry must be YYMM")
        }
        let known: Set<String> = ["pan", "expiry", "pan_sequence", "track2", "label", "name"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ControlError("bad_argument", "unknown card field '\(unknown)' (fields: \(known.sorted().joined(separator: ", ")))")
        }
        return ChipCardData(pan: pan, expiry: expiry, panSequenceNumber: try text("pan_sequence"),
                            track2Equivalent: try text("track2") ?? "\(pan)=\(expiry)201",
                            applicationLabel: try text("label"), cardholderName: try text("name"))
    }

    /// `fault`: turns a named fault of a simulated device on or off.
    static func fault(_ request: ControlRequest, runtime: TerminalRuntime) throws(ControlError) -> [String: Any] {
        let deviceName = try request.string("device")
        let faultName = try request.string("fault")
        let active = try request.bool("active")
        // `host` faults are the link's view of the host (no reply, refused, dropped).
        let normalized = deviceName == "host" || deviceName == "modem" ? "link" : deviceName.replacingOccurrences(of: "_", with: "-")
        guard let role = DeviceRole(rawValue: normalized) else {
            throw ControlError("unknown_device", "unknown device '\(deviceName)' (devices: \(DeviceRole.allCases.map(\.rawValue).joined(separator: ", ")), host)")
        }
        guard let target = runtime.devices.mocks?.faultTarget(for: role) else {
            throw ControlError("not_simulated", "the \(role.rawValue) on this board takes no injected faults")
        }
        do {
            try target.setFault(faultName, active: active)
        } catch {
            throw ControlError(error.code, error.message)
        }
        return ["device": role.rawValue, "fault": faultName, "active": active, "faults": target.activeFaults.sorted()]
    }

    private static func parse<Key: RawRepresentable>(_ names: [String], as: Key.Type, what: String) throws(ControlError) -> [Key] where Key.RawValue == String {
        guard !names.isEmpty, names.count <= 256 else { throw ControlError("bad_argument", "give 1 to 256 keys") }
        var keys: [Key] = []
        for name in names {
            guard let key = Key(rawValue: name) else { throw ControlError("bad_key", "unknown \(what) '\(name)'") }
            keys.append(key)
        }
        return keys
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
