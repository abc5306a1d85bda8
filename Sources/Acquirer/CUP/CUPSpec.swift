extension MessageSpec {
    /// The CUP terminal-link spec (protocol reference section 3): fields 2-64, BCD length
    /// prefixes counted in digits for `n`/`z` and bytes otherwise, fixed numeric fields
    /// right-aligned except field 22, variable numeric fields left-aligned.
    ///
    /// Mandatory fields per MTI are those every message of that type carries whatever the
    /// transaction; the typed messages check the rest.
    public static let cup = MessageSpec(
        name: "CUP terminal link",
        fields: [
            FieldSpec(2, "Primary account number", .n, .llvar, 19),
            FieldSpec(3, "Processing code", .n, .fixed, 6),
            FieldSpec(4, "Amount, transaction", .n, .fixed, 12),
            FieldSpec(11, "System trace audit number", .n, .fixed, 6),
            FieldSpec(12, "Time, local transaction", .n, .fixed, 6),
            FieldSpec(13, "Date, local transaction", .n, .fixed, 4),
            FieldSpec(14, "Date, expiration", .n, .fixed, 4),
            FieldSpec(15, "Date, settlement", .n, .fixed, 4),
            FieldSpec(22, "Point of service entry mode", .n, .fixed, 3, alignment: .left),
            FieldSpec(23, "Card sequence number", .n, .fixed, 3),
            FieldSpec(25, "Point of service condition code", .n, .fixed, 2),
            FieldSpec(26, "Point of service PIN capture code", .n, .fixed, 2),
            FieldSpec(32, "Acquiring institution identification code", .n, .llvar, 11),
            FieldSpec(35, "Track 2 data", .z, .llvar, 37),
            FieldSpec(36, "Track 3 data", .z, .lllvar, 104),
            FieldSpec(37, "Retrieval reference number", .an, .fixed, 12),
            FieldSpec(38, "Authorization identification response", .an, .fixed, 6),
            FieldSpec(39, "Response code", .an, .fixed, 2),
            FieldSpec(41, "Card acceptor terminal identification", .ans, .fixed, 8),
            FieldSpec(42, "Card acceptor identification code", .ans, .fixed, 15),
            FieldSpec(44, "Additional response data", .ans, .llvar, 25),
            FieldSpec(48, "Additional data, private", .n, .lllvar, 322),
            FieldSpec(49, "Currency code, transaction", .an, .fixed, 3),
            FieldSpec(52, "PIN data", .b, .fixed, 8),
            FieldSpec(53, "Security related control information", .n, .fixed, 16),
            FieldSpec(54, "Additional amounts", .an, .lllvar, 20),
            FieldSpec(55, "ICC system related data", .b, .lllvar, 255),
            FieldSpec(60, "Reserved private (transaction type, batch, network code)", .n, .lllvar, 99),
            FieldSpec(61, "Original message data", .n, .lllvar, 29),
            FieldSpec(62, "Reserved private (keys, terminal information, TLV)", .b, .lllvar, 512),
            FieldSpec(63, "Reserved private (operator, card organisation)", .ans, .lllvar, 163),
            FieldSpec(64, "Message authentication code", .b, .fixed, 8),
        ],
        mandatoryFields: [
            MTI(800): [11, 41, 60],
            MTI(810): [11, 39, 41],
            MTI(820): [11, 41, 60],
            MTI(830): [11, 39, 41],
            MTI(200): [3, 11, 25, 41, 42, 60],
            MTI(210): [3, 11, 39, 41],
            MTI(220): [3, 4, 11, 41, 42, 60],
            MTI(230): [3, 11, 39, 41],
            MTI(400): [3, 11, 39, 41, 42, 60],
            MTI(410): [3, 11, 39, 41],
            MTI(500): [11, 41, 42, 48, 49, 60],
            MTI(510): [11, 41, 48],
            MTI(320): [11, 41, 42, 60],
            MTI(330): [11, 39, 41],
        ]
    )
}
