// swift-tools-version:6.1
// posterm: payment-terminal firmware for Linux. One package; targets outside Sources/ use `path:`.
import PackageDescription

var products: [Product] = []
var targets: [Target] = []

// MARK: Security
products += [
    .library(name: "Security", targets: ["Security"]),
]
targets += [
    .systemLibrary(
        name: "CCrypto",
        path: "hal/CCrypto",
        pkgConfig: "libcrypto",
        providers: [.apt(["libssl-dev"])]
    ),
    .target(name: "Security", dependencies: ["CCrypto"]),
    .testTarget(name: "SecurityTests", dependencies: ["Security"]),
]
// MARK: end Security

let package = Package(
    name: "posterm",
    platforms: [.macOS(.v14)],
    products: products,
    dependencies: [],
    targets: targets,
    swiftLanguageModes: [.v6]
)
