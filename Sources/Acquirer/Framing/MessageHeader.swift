/// What a host asks the terminal to do after the current transaction: the processing
/// requirement digit of a response header (protocol reference 1.4).
public enum ProcessingRequirement: Sendable, Hashable {
    /// `0`: nothing (every request carries `0`).
    case none
    /// `1`: download terminal parameters.
    case downloadParameters
    /// `2`: upload terminal status.
    case uploadStatus
    /// `3`: sign on again for new working keys.
    case signOn
    /// `4`: download IC-card public keys (CAPK).
    case downloadCAPK
    /// `5`: download IC-card (EMV) parameters.
    case downloadEMVParameters
    /// `6`: TMS / application download.
    case downloadApplication
    /// `7`: blacklist download.
    case downloadBlacklist
    /// `8` or `9`: not assigned; kept so the terminal can log it.
    case unassigned(UInt8)

    /// The requirement for a header digit 0-9.
    public init(digit: UInt8) {
        switch digit {
        case 0: self = .none
        case 1: self = .downloadParameters
        case 2: self = .uploadStatus
        case 3: self = .signOn
        case 4: self = .downloadCAPK
        case 5: self = .downloadEMVParameters
        case 6: self = .downloadApplication
        case 7: self = .downloadBlacklist
        default: self = .unassigned(digit)
        }
    }

    /// The header digit.
    public var digit: UInt8 {
        switch self {
        case .none: 0
        case .downloadParameters: 1
        case .uploadStatus: 2
        case .signOn: 3
        case .downloadCAPK: 4
        case .downloadEMVParameters: 5
        case .downloadApplication: 6
        case .downloadBlacklist: 7
        case .unassigned(let digit): digit
        }
    }
}

/// The 6-byte CUP message header: 12 BCD digits (protocol reference 1.3).
public struct MessageHeader: Sendable, Hashable {
    /// Encoded size in bytes.
    public static let byteCount = 6

    /// Application type, two digits (`60`).
    public var applicationType: UInt8
    /// Software version, two digits (e.g. `31`).
    public var softwareVersion: UInt8
    /// Terminal status digit: `0` normal, `1` test.
    public var terminalStatus: UInt8
    /// Processing requirement digit: `0` in requests, an instruction in responses.
    public var processingRequirement: ProcessingRequirement
    /// Software sub-version, six digits (e.g. `310000`).
    public var subVersion: UInt32

    /// A header from its parts; out-of-range parts are a programming error.
    public init(applicationType: UInt8 = 60, softwareVersion: UInt8, terminalStatus: UInt8 = 0,
                processingRequirement: ProcessingRequirement = .none, subVersion: UInt32) {
        precondition(applicationType < 100 && softwareVersion < 100 && terminalStatus < 10
                     && processingRequirement.digit < 10 && subVersion < 1_000_000, "header part out of range")
        self.applicationType = applicationType
        self.softwareVersion = softwareVersion
        self.terminalStatus = terminalStatus
        self.processingRequirement = processingRequirement
        self.subVersion = subVersion
    }

    /// Reads a header from the first six bytes of `bytes`; throws on a short input or a
    /// non-decimal nibble, with the offset relative to the header's start.
    public init(_ bytes: ArraySlice<UInt8>) throws(FrameError) {
        guard bytes.count >= Self.byteCount else {
            throw .frameTooShort(length: bytes.count, minimum: Self.byteCount)
        }
        var digits = [UInt8](repeating: 0, count: 12)
        for index in 0..<12 {
            let byte = bytes[bytes.startIndex + index / 2]
            let digit = index & 1 == 0 ? byte >> 4 : byte & 0x0F
            guard digit < 10 else { throw .invalidHeaderDigit(offset: index / 2) }
            digits[index] = digit
        }
        applicationType = digits[0] * 10 + digits[1]
        softwareVersion = digits[2] * 10 + digits[3]
        terminalStatus = digits[4]
        processingRequirement = ProcessingRequirement(digit: digits[5])
        subVersion = digits[6...].reduce(0) { $0 * 10 + UInt32($1) }
    }

    /// The six bytes on the wire.
    public var bytes: [UInt8] {
        let sub = subVersion
        return [
            (applicationType / 10) << 4 | applicationType % 10,
            (softwareVersion / 10) << 4 | softwareVersion % 10,
            terminalStatus << 4 | processingRequirement.digit,
            UInt8(sub / 100_000 % 10) << 4 | UInt8(sub / 10_000 % 10),
            UInt8(sub / 1_000 % 10) << 4 | UInt8(sub / 100 % 10),
            UInt8(sub / 10 % 10) << 4 | UInt8(sub % 10),
        ]
    }

    /// The same header with another processing requirement (hosts set it in responses).
    public func with(_ requirement: ProcessingRequirement) -> MessageHeader {
        var header = self
        header.processingRequirement = requirement
        return header
    }
}
