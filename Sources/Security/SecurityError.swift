/// Every way a Security operation can fail. Messages never carry key, PIN or PIN-block material.
public enum SecurityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key's length does not fit the algorithm (e.g. 12 bytes for TDES).
    case invalidKeyLength(algorithm: String, length: Int)
    /// Input for a block operation is not a whole number of blocks.
    case invalidDataLength(length: Int, blockSize: Int)
    /// A CBC initialisation vector is not one block long.
    case invalidIVLength(length: Int, expected: Int)
    /// OpenSSL cannot provide a cipher (single DES needs the legacy provider in OpenSSL 3).
    case cipherUnavailable(name: String, reason: String)
    /// OpenSSL reported a failure inside an operation.
    case cryptoFailure(operation: String, detail: String)
    /// A downloaded key decrypted to a value whose check value differs from the one sent with it.
    case checkValueMismatch(key: KeyUsage)
    /// Field 62 of a sign-on response has a length the key-download mode does not allow.
    case invalidKeyDownloadLength(mode: KeyDownloadMode, length: Int)
    /// A PIN has fewer than 4 or more than 12 digits, or a digit outside 0-9.
    case invalidPIN(reason: String)
    /// A PAN is not 12 to 19 decimal digits (format 0 needs at least 13: 12 plus the check digit).
    case invalidPAN(reason: String)
    /// A PIN block does not decode (wrong length, format nibble, PIN length or filler).
    case invalidPINBlock(reason: String)
    /// A sealed key blob failed its integrity check under the key-encryption key.
    case integrityCheckFailed
    /// A sealed key blob or key store image is structurally wrong.
    case malformedSealedData(reason: String)
    /// An operation needs a key the secure element does not hold.
    case keyNotLoaded(KeyUsage)
    /// A key serial number has the wrong length for its DUKPT variant.
    case invalidKSN(length: Int, expected: Int)
    /// A DUKPT transaction counter is not allowed (too many one-bits or out of range).
    case invalidTransactionCounter(UInt32)
    /// The DUKPT device has used every transaction counter and must be re-keyed.
    case ksnExhausted
    /// A requested derived key is stronger than the key it would be derived from, or not derivable.
    case unsupportedDerivation(reason: String)
    /// A request the operation cannot serve, with the reason.
    case invalidArgument(String)

    /// A one-line English explanation, safe to log: it never contains secret material.
    public var description: String {
        switch self {
        case let .invalidKeyLength(algorithm, length):
            return "\(algorithm): a key of \(length) bytes is not valid"
        case let .invalidDataLength(length, blockSize):
            return "input of \(length) bytes is not a multiple of the \(blockSize)-byte block"
        case let .invalidIVLength(length, expected):
            return "IV of \(length) bytes, expected \(expected)"
        case let .cipherUnavailable(name, reason):
            return "cipher \(name) is unavailable: \(reason)"
        case let .cryptoFailure(operation, detail):
            return "\(operation) failed: \(detail)"
        case let .checkValueMismatch(key):
            return "key check failed for the \(key) key"
        case let .invalidKeyDownloadLength(mode, length):
            return "field 62 of \(length) bytes does not match key mode \(mode)"
        case let .invalidPIN(reason):
            return "invalid PIN: \(reason)"
        case let .invalidPAN(reason):
            return "invalid PAN: \(reason)"
        case let .invalidPINBlock(reason):
            return "invalid PIN block: \(reason)"
        case .integrityCheckFailed:
            return "sealed key data failed its integrity check (wrong key-encryption key or tampering)"
        case let .malformedSealedData(reason):
            return "malformed sealed key data: \(reason)"
        case let .keyNotLoaded(usage):
            return "no \(usage) key is loaded"
        case let .invalidKSN(length, expected):
            return "KSN of \(length) bytes, expected \(expected)"
        case let .invalidTransactionCounter(counter):
            return "transaction counter \(counter) is not a valid DUKPT counter"
        case .ksnExhausted:
            return "DUKPT transaction counters are exhausted; the device must be re-keyed"
        case let .unsupportedDerivation(reason):
            return "unsupported key derivation: \(reason)"
        case let .invalidArgument(reason):
            return reason
        }
    }
}
