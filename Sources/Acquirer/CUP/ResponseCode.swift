/// CUP action classes for response codes (protocol reference 11.1).
public enum ActionClass: String, Sendable, Hashable, CaseIterable {
    /// A: success; store, print, delete the pending reversal.
    case a = "A"
    /// B: failed, the operator may retry (after sign-on where stated).
    case b = "B"
    /// C: failed, do not retry; end the transaction.
    case c = "C"
    /// D: failed, operator action (retain the card where stated).
    case d = "D"
    /// E: system fault, no retry; log for support.
    case e = "E"
}

/// What the terminal does with a response code.
public enum TerminalAction: String, Sendable, Hashable, CaseIterable {
    /// Approved: complete the transaction.
    case approve
    /// Approved for a different amount (field 4 differs): show the amount to the operator.
    case approvePartial
    /// Declined; the operator may retry.
    case retry
    /// Declined; end the transaction.
    case decline
    /// Declined; retain the card and end.
    case retainCard
    /// Declined; insist on the chip (no fallback).
    case useChip
    /// Keys or batch out of step with the host: sign on again, then redo.
    case signOnAgain
    /// Host or switch fault; end and log for support.
    case systemFault
    /// A code only offline IC records carry; never expected online.
    case offlineOnly
}

/// One row of the response-code table: the code, its CUP meaning, what the terminal shows (in
/// Chinese and English) and what it does.
public struct ResponseCodeInfo: Sendable, Hashable {
    /// Field 39, two characters.
    public let code: String
    /// Action class A-E.
    public let actionClass: ActionClass
    /// Terminal action.
    public let action: TerminalAction
    /// The CUP meaning (Q/CUP 006.6 A.2).
    public let meaning: String
    /// The message the terminal shows in Chinese.
    public let chinese: String
    /// The message the terminal shows in English.
    public let english: String

    /// Whether the transaction is approved (class A).
    public var isApproval: Bool { actionClass == .a }

    /// The table row for `code`; codes not in the table get the generic 交易失败 row with the code.
    public static func lookup(_ code: String) -> ResponseCodeInfo {
        ResponseCodeTable.rows[code] ?? ResponseCodeInfo(
            code: code, actionClass: .c, action: .decline, meaning: "未定义的应答码",
            chinese: "交易失败", english: "Transaction failed")
    }
}

/// The CUP response-code table (protocol reference 11.2).
public enum ResponseCodeTable {
    /// Every known code in table order.
    public static let all: [ResponseCodeInfo] = [
        row("00", .a, .approve, "承兑或交易成功", "交易成功", "Approved"),
        row("01", .c, .decline, "查发卡方", "请持卡人与发卡银行联系", "Refer to card issuer"),
        row("03", .c, .decline, "无效商户", "无效商户", "Invalid merchant"),
        row("04", .d, .retainCard, "没收卡", "此卡为无效卡", "Invalid card: retain card"),
        row("05", .c, .decline, "身份认证失败", "持卡人认证失败", "Cardholder verification failed"),
        row("10", .a, .approvePartial, "部分金额批准", "部分批准，请核对金额", "Partial approval: check amount"),
        row("11", .a, .approve, "VIP 批准", "此为VIP客户", "Approved (VIP)"),
        row("12", .c, .decline, "无效的关联交易", "无效交易", "Invalid transaction"),
        row("13", .b, .retry, "无效金额", "无效金额", "Invalid amount"),
        row("14", .b, .retry, "无效卡号", "无效卡号", "Invalid card number"),
        row("15", .c, .decline, "无此发卡方", "此卡无对应发卡方", "Unknown issuer"),
        row("21", .c, .decline, "卡未初始化", "该卡未初始化或睡眠卡", "Card not activated"),
        row("22", .c, .decline, "故障怀疑，关联交易错误", "操作有误，或超出交易允许天数", "Operation error or too late"),
        row("25", .c, .decline, "找不到原始交易", "没有原始交易，请联系发卡方", "Original not found"),
        row("30", .c, .decline, "报文格式错误", "请重试", "Format error, retry"),
        row("34", .d, .retainCard, "有作弊嫌疑", "作弊卡，吞卡", "Suspected fraud: retain card"),
        row("38", .d, .decline, "超过允许的PIN试输入", "密码错误次数超限，请与发卡方联系", "PIN tries exceeded, call issuer"),
        row("40", .c, .decline, "请求的功能尚不支持", "发卡方不支持的交易", "Not supported by issuer"),
        row("41", .d, .retainCard, "挂失卡", "挂失卡", "Lost card: retain card"),
        row("43", .d, .retainCard, "被窃卡", "被窃卡", "Stolen card: retain card"),
        row("45", .c, .useChip, "不允许降级交易", "请使用芯片", "Use chip"),
        row("51", .c, .decline, "资金不足", "可用余额不足", "Insufficient funds"),
        row("54", .c, .decline, "过期的卡", "该卡已过期", "Card expired"),
        row("55", .c, .decline, "不正确的PIN", "密码错", "Wrong PIN"),
        row("57", .c, .decline, "不允许持卡人进行的交易", "不允许此卡交易", "Not allowed for this card"),
        row("58", .c, .decline, "不允许终端进行的交易", "发卡方不允许该卡在本终端进行此交易", "Not allowed on this terminal"),
        row("59", .c, .decline, "有作弊嫌疑 (CVN)", "卡片校验错", "Card verification error"),
        row("61", .c, .decline, "超出金额限制", "交易金额超限", "Amount limit exceeded"),
        row("62", .c, .decline, "受限制的卡", "受限制的卡", "Restricted card"),
        row("64", .c, .decline, "原始金额错误", "交易金额与原交易不匹配", "Amount differs from original"),
        row("65", .c, .decline, "超出取款/消费次数限制", "超出取款次数限制", "Usage count exceeded"),
        row("68", .c, .decline, "发卡行响应超时", "交易超时，请重试", "Issuer timeout, retry"),
        row("75", .c, .decline, "允许的输入PIN次数超限", "密码错误次数超限", "PIN tries exceeded"),
        row("77", .b, .signOnAgain, "POS 批次号与中心不符", "请重新签到", "Please sign on again"),
        row("90", .c, .decline, "正在日终处理", "系统日切，请稍后重试", "End of day in progress, retry later"),
        row("91", .c, .decline, "发卡方不能操作", "发卡方状态不正常，请稍后重试", "Issuer unavailable, retry later"),
        row("92", .c, .decline, "金融机构或中间网络设施找不到或无法达到", "发卡方线路异常，请稍后重试", "Issuer unreachable, retry later"),
        row("94", .c, .decline, "重复交易", "拒绝，重复交易，请稍后重试", "Duplicate transaction"),
        row("96", .e, .systemFault, "银联处理中心系统异常、失效", "拒绝，交换中心异常，请稍后重试", "Switch error, retry later"),
        row("97", .d, .decline, "ATM/POS 终端号找不到", "终端号未登记", "Terminal not registered"),
        row("98", .e, .systemFault, "银联处理中心收不到发卡方应答", "发卡方超时", "Issuer timeout"),
        row("99", .b, .signOnAgain, "PIN 格式错", "PIN格式错，请重新签到", "PIN format error, sign on again"),
        row("A0", .b, .signOnAgain, "MAC 鉴别失败", "MAC校验错，请重新签到", "MAC error, sign on again"),
        row("A1", .c, .decline, "转账货币不一致", "转账货币不一致", "Currency mismatch"),
        row("A2", .a, .approve, "有缺陷的成功", "交易成功，请向资金到账行确认", "Approved, confirm with receiving bank"),
        row("A4", .a, .approve, "有缺陷的成功", "交易成功，请向资金到账行确认", "Approved, confirm with receiving bank"),
        row("A5", .a, .approve, "有缺陷的成功", "交易成功，请向资金到账行确认", "Approved, confirm with receiving bank"),
        row("A6", .a, .approve, "有缺陷的成功", "交易成功，请向资金到账行确认", "Approved, confirm with receiving bank"),
        row("A7", .c, .decline, "安全处理失败", "拒绝，交换中心异常，请稍后重试", "Security processing failure"),
        row("C1", .b, .signOnAgain, "受理方状态非法 (未签到/签退)", "终端未签到，请重新签到", "Terminal not signed on"),
        row("Y1", .a, .offlineOnly, "IC 卡脱机批准", "脱机批准", "Offline approved"),
        row("Y3", .a, .offlineOnly, "IC 卡脱机批准 (无法联机)", "脱机批准", "Offline approved (unable to go online)"),
        row("Z1", .c, .offlineOnly, "IC 卡脱机拒绝", "脱机拒绝", "Offline declined"),
        row("Z3", .c, .offlineOnly, "IC 卡脱机拒绝 (无法联机)", "脱机拒绝", "Offline declined (unable to go online)"),
    ]

    /// Rows by code.
    static let rows: [String: ResponseCodeInfo] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static func row(_ code: String, _ actionClass: ActionClass, _ action: TerminalAction, _ meaning: String,
                            _ chinese: String, _ english: String) -> ResponseCodeInfo {
        ResponseCodeInfo(code: code, actionClass: actionClass, action: action, meaning: meaning,
                         chinese: chinese, english: english)
    }
}
