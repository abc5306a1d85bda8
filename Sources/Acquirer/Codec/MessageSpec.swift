/// A complete message layout: the definitions of fields 2-128 and, per MTI, the fields a
/// message must carry. MTI is packed BCD and bitmaps are binary, as on CUP terminal links.
public struct MessageSpec: Sendable {
    /// Name for documents and error reports.
    public let name: String
    /// Field definitions by number (index 0 and 1 unused).
    let definitions: [FieldSpec?]
    /// The same definitions without names: plain values the codec reads without reference counting.
    let layouts: [FieldLayout?]
    /// Mandatory fields per MTI as bitmap masks (primary, secondary).
    let mandatoryMasks: [MTI: (UInt64, UInt64)]
    /// Mandatory fields per MTI, as given.
    public let mandatoryFields: [MTI: [Int]]

    /// Builds a spec. Two definitions of one field, or a mandatory field without a definition,
    /// are programming errors and stop the program.
    public init(name: String, fields: [FieldSpec], mandatoryFields: [MTI: [Int]] = [:]) {
        var definitions = [FieldSpec?](repeating: nil, count: 129)
        for field in fields {
            precondition(definitions[field.number] == nil, "field \(field.number) defined twice")
            definitions[field.number] = field
        }
        var masks: [MTI: (UInt64, UInt64)] = [:]
        for (mti, numbers) in mandatoryFields {
            var mask: (UInt64, UInt64) = (0, 0)
            for number in numbers {
                precondition((2...128).contains(number) && definitions[number] != nil,
                             "mandatory field \(number) of \(mti) is not defined")
                if number <= 64 { mask.0 |= UInt64(1) << (64 - number) } else { mask.1 |= UInt64(1) << (128 - number) }
            }
            masks[mti] = mask
        }
        self.name = name
        self.definitions = definitions
        self.layouts = definitions.map { $0.map(FieldLayout.init) }
        self.mandatoryMasks = masks
        self.mandatoryFields = mandatoryFields
    }

    /// The definition of field `number`, or nil when the spec does not define it.
    public func field(_ number: Int) -> FieldSpec? {
        (2...128).contains(number) ? definitions[number] : nil
    }

    /// All defined fields in ascending order.
    public var fields: [FieldSpec] { definitions.compactMap { $0 } }
}

/// What the codec needs of a field definition, as a trivially copyable value.
struct FieldLayout: Sendable {
    let number: Int
    let type: FieldType
    let prefix: LengthPrefix
    let length: Int
    let alignment: DigitAlignment

    init(_ spec: FieldSpec) {
        number = spec.number
        type = spec.type
        prefix = spec.prefix
        length = spec.length
        alignment = spec.alignment
    }

    /// Bytes taken by `count` units of content.
    @inline(__always)
    func contentByteCount(_ count: Int) -> Int {
        type.isPacked ? (count + 1) / 2 : count
    }
}
