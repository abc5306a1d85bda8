// swift-tools-version:6.1
// posterm: payment-terminal firmware for Linux. One package; targets outside Sources/ use `path:`.
import PackageDescription

let package = Package(
    name: "posterm",
    platforms: [.macOS(.v14)],
    products: [],
    dependencies: [],
    targets: [],
    swiftLanguageModes: [.v6]
)
