import HAL

/// The sales slips (签购单) of an approved sale. They show the masked PAN only.
enum Receipt {
    /// The slip for `copy` (`.merchantCopy` or `.customerCopy`) in the configured language.
    static func sale(_ record: TransactionRecord, copy: DocumentKind, configuration: TerminalConfiguration) -> PrintDocument {
        let language = configuration.language
        func s(_ text: LocalizedText) -> String { text.text(language) }
        let civil = record.time.civil(utcOffsetMinutes: configuration.utcOffsetMinutes)
        var elements: [PrintElement] = [
            .text(s(PaymentStrings.slipTitle), alignment: .center, bold: true, doubleSize: true),
            .text(s(copy == .merchantCopy ? PaymentStrings.merchantCopy : PaymentStrings.customerCopy), alignment: .center),
            .rule,
            .columns(left: s(PaymentStrings.merchantName), right: configuration.merchantName),
            .columns(left: s(PaymentStrings.merchantID), right: configuration.merchantID),
            .columns(left: s(PaymentStrings.terminalID), right: configuration.terminalID),
            .columns(left: s(PaymentStrings.operatorLabel), right: record.operatorNumber ?? ""),
            .rule,
            .columns(left: s(PaymentStrings.cardNumber), right: s(PaymentStrings.entryMode(record.entryMode))),
            .text(record.maskedPAN, bold: true),
            .columns(left: s(PaymentStrings.transactionType), right: s(PaymentStrings.saleType)),
            .columns(left: s(PaymentStrings.batchLabel), right: sixDigits(record.batch)),
            .columns(left: s(PaymentStrings.traceLabel), right: sixDigits(record.stan)),
            .columns(left: s(PaymentStrings.rrnLabel), right: record.rrn ?? ""),
            .columns(left: s(PaymentStrings.authLabel), right: record.authCode ?? ""),
            .columns(left: s(PaymentStrings.dateLabel), right: "\(civil.dateString) \(civil.timeString)"),
            .columns(left: s(PaymentStrings.amountLabel), right: "RMB \(Amount.format(minor: record.amountMinor))"),
            .rule,
        ]
        if copy == .merchantCopy {
            elements += [.text(s(PaymentStrings.signature)), .feed(lines: 2), .text(s(PaymentStrings.agreement))]
        }
        elements.append(.feed(lines: 3))
        return PrintDocument(kind: copy, elements: elements)
    }

    private static func sixDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
