extension MTI {
    /// `0200`: financial request (sale, void, balance inquiry, QR).
    public static let financialRequest = MTI(200)
    /// `0210`.
    public static let financialResponse = MTI(210)
    /// `0220`: advice (refund, offline sale, adjustments).
    public static let adviceRequest = MTI(220)
    /// `0230`.
    public static let adviceResponse = MTI(230)
    /// `0320`: batch upload.
    public static let batchUploadRequest = MTI(320)
    /// `0330`.
    public static let batchUploadResponse = MTI(330)
    /// `0400`: reversal.
    public static let reversalRequest = MTI(400)
    /// `0410`.
    public static let reversalResponse = MTI(410)
    /// `0500`: settlement.
    public static let settlementRequest = MTI(500)
    /// `0510`.
    public static let settlementResponse = MTI(510)
    /// `0800`: sign-on.
    public static let signOnRequest = MTI(800)
    /// `0810`.
    public static let signOnResponse = MTI(810)
    /// `0820`: sign-off, echo test, status.
    public static let managementRequest = MTI(820)
    /// `0830`.
    public static let managementResponse = MTI(830)
}
