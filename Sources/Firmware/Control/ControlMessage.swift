import Foundation

/// The control protocol's version. Bumped in its minor part when ops or fields are added, in its
/// major part when anything existing changes meaning (see docs/control-protocol.md).
public let controlProtocolVersion = "1.1"

/// A control-protocol error: a stable code and a message for people.
public struct ControlError: Error, Sendable, Hashable {
    /// Stable error code (`bad_json`, `unknown_op`, `bad_argument`, `timeout`, …).
    public var code: String
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// One parsed request line: its op, its optional id, and typed access to its fields.
public struct ControlRequest: @unchecked Sendable {
    /// The request's `op`.
    public let op: String
    /// The request's `id`, echoed in the reply (any JSON value).
    let id: RequestID?
    private let fields: [String: Any]

    /// Longest line accepted, in bytes.
    public static let maximumLineBytes = 65_536

    /// Parses one line. Throws `bad_json`, `not_an_object` or `missing_op`.
    public init(line: String) throws(ControlError) {
        guard line.utf8.count <= Self.maximumLineBytes else {
            throw ControlError("line_too_long", "a request line may be at most \(Self.maximumLineBytes) bytes")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        } catch {
            throw ControlError("bad_json", "the line is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ControlError("not_an_object", "a request must be a JSON object like {\"op\":\"status\"}")
        }
        id = dictionary["id"].map(RequestID.init)
        guard let op = dictionary["op"] as? String else {
            throw ControlError("missing_op", "the request has no string \"op\" field")
        }
        self.op = op
        fields = dictionary
    }

    /// A required string field.
    func string(_ key: String) throws(ControlError) -> String {
        guard let value = fields[key] else { throw ControlError("bad_argument", "'\(op)' needs a \"\(key)\" field") }
        guard let text = value as? String else { throw ControlError("bad_argument", "\"\(key)\" must be a string") }
        return text
    }

    /// An optional string field.
    func optionalString(_ key: String) throws(ControlError) -> String? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw ControlError("bad_argument", "\"\(key)\" must be a string") }
        return text
    }

    /// A required list of strings.
    func strings(_ key: String) throws(ControlError) -> [String] {
        guard let value = fields[key] else { throw ControlError("bad_argument", "'\(op)' needs a \"\(key)\" list") }
        guard let list = value as? [Any], let texts = list as? [String] else {
            throw ControlError("bad_argument", "\"\(key)\" must be a list of strings")
        }
        return texts
    }

    /// An integer field (required unless `defaultValue` is given), within `range`.
    func integer(_ key: String, default defaultValue: Int64? = nil, range: ClosedRange<Int64>) throws(ControlError) -> Int64 {
        guard let value = fields[key] else {
            if let defaultValue { return defaultValue }
            throw ControlError("bad_argument", "'\(op)' needs a numeric \"\(key)\" field")
        }
        guard !Self.isJSONBool(value), let number = value as? NSNumber, number.doubleValue == Double(number.int64Value) else {
            throw ControlError("bad_argument", "\"\(key)\" must be an integer")
        }
        let integer = number.int64Value
        guard range.contains(integer) else {
            throw ControlError("bad_argument", "\"\(key)\" must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return integer
    }

    /// A required boolean field.
    func bool(_ key: String) throws(ControlError) -> Bool {
        guard let raw = fields[key], Self.isJSONBool(raw), let value = raw as? Bool else { throw ControlError("bad_argument", "'\(op)' needs a boolean \"\(key)\" field") }
        return value
    }

    /// Whether a parsed JSON value is `true`/`false` (Foundation bridges 0 and 1 to Bool too, so
    /// `is Bool` cannot tell; the boxed type's encoding can).
    static func isJSONBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// A required object field.
    func object(_ key: String) throws(ControlError) -> [String: Any] {
        guard let value = fields[key] as? [String: Any] else { throw ControlError("bad_argument", "'\(op)' needs an object \"\(key)\"") }
        return value
    }
}

/// A request's `id`: any JSON value, echoed untouched. JSONSerialization's values are immutable
/// Foundation objects, so sharing one across threads is safe.
struct RequestID: @unchecked Sendable {
    let value: Any
}

/// Encodes replies as single JSON lines with sorted keys (so transcripts compare byte for byte).
public enum ControlReply {
    /// `{"ok":true, …fields}` with the request's id echoed.
    static func success(_ fields: [String: Any], id: RequestID?) -> String {
        var object = fields
        object["ok"] = true
        if let id { object["id"] = id.value }
        return encode(object)
    }

    /// `{"ok":false,"error":code,"message":…}` with the request's id echoed when known.
    static func failure(_ error: ControlError, id: RequestID?) -> String {
        var object: [String: Any] = ["ok": false, "error": error.code, "message": error.message]
        if let id { object["id"] = id.value }
        return encode(object)
    }

    private static func encode(_ object: [String: Any]) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else {
            return #"{"error":"internal","message":"reply could not be encoded","ok":false}"#
        }
        return text
    }
}
