/// Errors a ``FlashDevice`` reports. Every backend maps its failures onto these cases.
public enum FlashError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The geometry is not usable (sizes that do not nest, or a device that reports nonsense).
    case invalidGeometry(String)
    /// An address range falls outside the device.
    case outOfRange(address: Int, count: Int)
    /// A program does not start or end on a program-granule boundary.
    case misaligned(address: Int, count: Int)
    /// A program crosses a page boundary (real SPI NOR would wrap inside the page).
    case crossesPage(address: Int, count: Int)
    /// Strict mode: a program targeted bytes that were not erased.
    case notErased(address: Int)
    /// The (simulated) power failed; the device refuses every operation until powered on.
    case powerCut
    /// The sector has exceeded its endurance and the operation failed.
    case wornOut(sector: Int)
    /// A read failed (media error).
    case readFailed(address: Int)
    /// An operating-system call failed.
    case io(operation: String, errno: Int32)
    /// A file image or device was made for another geometry (or is not an image at all).
    case geometryMismatch(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .invalidGeometry(let why): "invalid flash geometry: \(why)"
        case .outOfRange(let a, let n): "flash range \(a)+\(n) is outside the device"
        case .misaligned(let a, let n): "flash program \(a)+\(n) is not granule aligned"
        case .crossesPage(let a, let n): "flash program \(a)+\(n) crosses a page boundary"
        case .notErased(let a): "flash program over non-erased byte at \(a)"
        case .powerCut: "flash power cut"
        case .wornOut(let s): "flash sector \(s) is worn out"
        case .readFailed(let a): "flash read failed at \(a)"
        case .io(let op, let e): "flash \(op) failed (errno \(e))"
        case .geometryMismatch(let why): "flash image geometry mismatch: \(why)"
        }
    }
}
