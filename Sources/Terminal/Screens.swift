import HAL

/// Builds the display frames of the terminal's screens, in the configured language.
enum Screens {
    static func selfTest(_ state: TerminalState) -> DisplayFrame {
        let zh = state.configuration.language == .chinese
        return DisplayFrame(screenID: "self_test", title: zh ? "开机自检" : "SELF TEST",
                            lines: [zh ? "正在检测设备..." : "Checking devices..."])
    }

    static func idle(_ state: TerminalState) -> DisplayFrame {
        let zh = state.configuration.language == .chinese
        let civil = state.now.civil(utcOffsetMinutes: state.configuration.utcOffsetMinutes)
        let link = state.linkUp ? (zh ? "网络:正常" : "LINK:OK") : (zh ? "网络:断开" : "LINK:DOWN")
        let printer = state.printerStatus == .ok ? (zh ? "打印:正常" : "PRN:OK") : (zh ? "打印:缺纸" : "PRN:\(state.printerStatus.rawValue)")
        return DisplayFrame(screenID: "idle", title: state.configuration.merchantName,
                            lines: ["\(civil.dateString) \(civil.timeString)", "\(link) \(printer)",
                                    zh ? "请按确认键签到" : "Press ENTER to sign in"])
    }
}
