import Acquirer

/// The text of the payment screens and receipts, Simplified Chinese and English side by side.
enum PaymentStrings {
    private static func t(_ zh: String, _ en: String) -> LocalizedText { LocalizedText(zh: zh, en: en) }

    // MARK: titles and prompts
    static let itemSale = t("消费", "Sale")
    static let saleTitle = t("消费", "SALE")
    static let signOnTitle = t("POS签到", "HOST SIGN-ON")
    static let signingOn = t("正在签到,请稍候...", "Signing on, please wait...")
    static let enterAmount = t("请输入金额:", "Enter amount:")
    static let presentCard = t("请刷卡/插卡/挥卡", "Swipe, insert or tap")
    static let confirmQuestion = t("确认键继续 取消键退出", "ENTER: go on CANCEL: stop")
    static let pinPrompt = t("请持卡人输入密码", "Cardholder: enter PIN")
    static let pinOnPad = t("(在密码键盘上输入)", "(on the PIN pad)")
    static let processing = t("交易处理中,请稍候...", "Processing, please wait...")
    static let cancelToStop = t("取消键退出", "CANCEL: stop")

    // MARK: results
    static let approved = t("交易成功", "Approved")
    static let declined = t("交易失败", "Declined")
    static let saleFailed = t("交易失败", "Transaction failed")
    static let saleCancelled = t("交易已取消", "Sale cancelled")
    static let reversalPending = t("冲正待发送", "Reversal pending")
    static let signOnFailed = t("签到失败", "Sign-on failed")
    static let noHostKeys = t("终端未装主密钥", "No terminal master key")
    static let readFailed = t("读卡失败,请重试", "Card read failed, retry")
    static let cardNotSupported = t("卡号无效,请换卡", "Card not usable")
    static let pinTimedOut = t("输入密码超时", "PIN entry timed out")
    static let hostBusy = t("正在与主机通讯,请稍后", "Host link busy, try later")
    static let pinPadFailed = t("密码键盘故障", "PIN pad error")

    static func overLimit(_ limit: Int64) -> LocalizedText {
        t("超过单笔限额 \(Amount.format(minor: limit))", "Over the limit \(Amount.format(minor: limit))")
    }

    static func amountLine(_ amount: Int64) -> LocalizedText {
        t("金额:RMB \(Amount.format(minor: amount))", "Amount: RMB \(Amount.format(minor: amount))")
    }

    static func authCode(_ code: String) -> LocalizedText { t("授权码:\(code)", "Auth code: \(code)") }

    static func pinStars(_ count: Int) -> LocalizedText {
        let stars = String(repeating: "*", count: count)
        return t(stars, stars)
    }

    /// A host response code with its message, from the response-code table.
    static func responseText(_ info: ResponseCodeInfo) -> LocalizedText {
        t("\(info.code) \(info.chinese)", "\(info.code) \(info.english)")
    }

    /// Why an exchange got no usable answer.
    static func failureText(_ failure: HostClientFailure) -> LocalizedText {
        switch failure {
        case .connectFailed: return t("无法连接主机", "Cannot reach the host")
        case .noResponse: return t("主机无应答(超时)", "No reply from the host")
        case .disconnected: return t("通讯中断", "Connection lost")
        case .unreadableResponse: return t("应答报文错误", "Unreadable response")
        case .responseCheckFailed: return t("应答校验错(MAC)", "Response check failed")
        case .keyCheckFailed: return t("工作密钥校验错", "Working keys failed check")
        case .reversalUndelivered: return t("冲正未成功,请稍后重试", "Reversal not delivered; retry")
        case .nothingToReverse: return t("无冲正", "Nothing to reverse")
        case .invalidRequest: return t("请求报文错误", "Request not built")
        case .security: return t("安全模块错误", "Security error")
        }
    }

    // MARK: receipts
    static let slipTitle = t("POS签购单", "POS SALES SLIP")
    static let merchantCopy = t("商户存根", "MERCHANT COPY")
    static let customerCopy = t("持卡人存根", "CARDHOLDER COPY")
    static let merchantName = t("商户名称", "MERCHANT")
    static let merchantID = t("商户编号", "MERCHANT ID")
    static let terminalID = t("终端编号", "TERMINAL ID")
    static let operatorLabel = t("操作员", "OPERATOR")
    static let cardNumber = t("卡号", "CARD NO")
    static let transactionType = t("交易类型", "TYPE")
    static let saleType = t("消费", "SALE")
    static let batchLabel = t("批次号", "BATCH")
    static let traceLabel = t("凭证号", "TRACE")
    static let rrnLabel = t("参考号", "REF NO")
    static let authLabel = t("授权码", "AUTH")
    static let dateLabel = t("日期时间", "DATE/TIME")
    static let amountLabel = t("金额", "AMOUNT")
    static let signature = t("持卡人签名:", "CARDHOLDER SIGNATURE:")
    static let agreement = t("本人确认以上交易", "I agree to the above")

    static func entryMode(_ mode: String) -> LocalizedText {
        switch mode {
        case "swipe": return t("刷卡", "SWIPE")
        case "insert": return t("插卡", "CHIP")
        case "tap": return t("挥卡", "CONTACTLESS")
        default: return t(mode, mode)
        }
    }
}
