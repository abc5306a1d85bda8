import HAL

/// Draws a console snapshot as text: the device display in a box, device status, the last
/// receipt, the command line and the last reply. Pure, so it is tested without a terminal.
enum ConsoleRenderer {
    /// Columns of the drawn display (the mock display's width in half-width characters).
    static let displayColumns = 32

    static func render(_ snapshot: ConsoleSnapshot, boardName: String, commandLine: String?, message: String, columns: Int) -> String {
        var out: [String] = []
        let inner = displayColumns
        out.append("┌─ posterm · \(boardName) " + String(repeating: "─", count: max(0, inner - 13 - TextWidth.columns(boardName))) + "┐")
        if let frame = snapshot.frame, snapshot.poweredOn {
            out.append("│" + pad(frame.title, inner, center: true) + "│")
            out.append("├" + String(repeating: "─", count: inner) + "┤")
            for (index, line) in frame.lines.enumerated() {
                let marker = frame.highlighted == index ? "▶" : " "
                out.append("│" + pad(marker + line, inner) + "│")
            }
            out.append("│" + pad("", inner) + "│")
            out.append("│" + pad("[\(frame.screenID)]", inner) + "│")
        } else {
            out.append("│" + pad(snapshot.poweredOn ? "" : "(power off)", inner, center: true) + "│")
        }
        out.append("└" + String(repeating: "─", count: inner) + "┘")
        out.append("link \(snapshot.linkUp ? "up" : "DOWN") · printer \(snapshot.printerStatus.rawValue)"
            + (snapshot.cardPresent ? " · card in reader" : "") + (snapshot.pinPadCollecting ? " · PIN pad waiting" : ""))
        out.append("keys: 0-9 . Enter Esc=CANCEL Bksp=CLEAR ↑↓ F1-F4 m=MENU  : command  Ctrl-C quit")
        if let printed = snapshot.lastPrinted {
            out.append("last printed (\(printed.kind)):")
            out.append(contentsOf: printed.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(12).map { "  " + $0 })
        }
        out.append("")
        out.append(contentsOf: message.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.prefix(columns)) })
        if let commandLine { out.append(":" + commandLine + "█") }
        return out.joined(separator: "\n")
    }

    /// Pads (or cuts) `text` to `width` display columns.
    static func pad(_ text: String, _ width: Int, center: Bool = false) -> String {
        var kept = ""
        var used = 0
        for character in text {
            let columns = TextWidth.columns(String(character))
            if used + columns > width { break }
            kept.append(character)
            used += columns
        }
        let spare = width - used
        if center { return String(repeating: " ", count: spare / 2) + kept + String(repeating: " ", count: spare - spare / 2) }
        return kept + String(repeating: " ", count: spare)
    }
}
