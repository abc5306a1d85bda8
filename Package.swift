// swift-tools-version:6.1
// posterm: payment-terminal firmware for Linux. One package; targets outside Sources/ use `path:`.
import PackageDescription

var products: [Product] = []
var targets: [Target] = []

// MARK: acquirer codec
// ISO 8583 codec, CUP message set and host-link framing. Pure Swift: no C, no Foundation dates.
products += [
    .library(name: "Acquirer", targets: ["Acquirer"]),
]
targets += [
    .target(name: "Acquirer", path: "Sources/Acquirer"),
    .testTarget(name: "AcquirerTests", dependencies: ["Acquirer"], path: "Tests/AcquirerTests"),
]
// MARK: end acquirer codec

let package = Package(
    name: "posterm",
    platforms: [.macOS(.v14)],
    products: products,
    dependencies: [],
    targets: targets,
    swiftLanguageModes: [.v6]
)
