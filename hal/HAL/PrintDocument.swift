/// What a printed document is for; kept with every printed document so tests and rigs can find it.
public enum DocumentKind: String, Sendable, Hashable, Codable {
    /// The merchant's copy of a sale slip (签购单 商户存根).
    case merchantCopy = "merchant_copy"
    /// The cardholder's copy (持卡人存根).
    case customerCopy = "customer_copy"
    /// A void voucher.
    case voidVoucher = "void_voucher"
    /// A settlement slip.
    case settlement
    /// A transaction list or other report.
    case report
    /// A printer test page / configuration page.
    case testPage = "test_page"
}

/// One line or element of a document, independent of the printer's command language.
public enum PrintElement: Sendable, Hashable {
    /// How a text line is placed.
    public enum Alignment: String, Sendable, Hashable, Codable {
        /// Flush left (not padded).
        case left
        /// Centred in the line.
        case center
        /// Flush right.
        case right
    }

    /// A line of text.
    case text(String, alignment: Alignment = .left, bold: Bool = false, doubleSize: Bool = false)
    /// Text on the left and on the right of one line (label … value).
    case columns(left: String, right: String)
    /// A full-width separator line.
    case rule
    /// A QR code holding `payload`.
    case qrCode(String)
    /// Blank lines.
    case feed(lines: Int)
}

/// A document for the printer: its kind and elements.
public struct PrintDocument: Sendable, Hashable {
    /// What the document is.
    public var kind: DocumentKind
    /// Its elements, top to bottom.
    public var elements: [PrintElement]

    /// Creates a document.
    public init(kind: DocumentKind, elements: [PrintElement]) {
        self.kind = kind
        self.elements = elements
    }

    /// The document as plain text, `width` columns wide (CJK characters count as two), as the
    /// mock printer records it and the control protocol's `printed` op returns it.
    public func plainText(width: Int = 32) -> String {
        var out: [String] = []
        for element in elements {
            switch element {
            case let .text(text, alignment, _, _):
                out.append(TextWidth.align(text, alignment: alignment, width: width))
            case let .columns(left, right):
                let gap = max(1, width - TextWidth.columns(left) - TextWidth.columns(right))
                out.append(left + String(repeating: " ", count: gap) + right)
            case .rule:
                out.append(String(repeating: "-", count: width))
            case let .qrCode(payload):
                out.append("[QR \(payload)]")
            case let .feed(lines):
                out.append(contentsOf: Array(repeating: "", count: max(0, lines)))
            }
        }
        return out.joined(separator: "\n")
    }
}

/// Display-column arithmetic for mixed Chinese and Latin text.
public enum TextWidth {
    /// Columns `text` takes on a fixed-pitch display: CJK and full-width characters take two.
    public static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    /// Whether a scalar is drawn double width (CJK ideographs, full-width forms, CJK punctuation).
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6:
            return true
        default:
            return false
        }
    }

    /// Pads `text` to `width` columns with the given alignment (text wider than `width` is kept).
    public static func align(_ text: String, alignment: PrintElement.Alignment, width: Int) -> String {
        let spare = max(0, width - columns(text))
        switch alignment {
        case .left: return text
        case .right: return String(repeating: " ", count: spare) + text
        case .center: return String(repeating: " ", count: spare / 2) + text
        }
    }
}

/// The printer's condition, as it reports it.
public enum PrinterStatus: String, Sendable, Hashable, Codable {
    /// Ready to print.
    case ok
    /// Out of paper; printing fails until paper is loaded.
    case paperOut = "paper_out"
    /// Not answering (unplugged or powered off).
    case offline
    /// The paper cover is open.
    case coverOpen = "cover_open"
}
