// swift-tools-version:6.1
// posterm: payment-terminal firmware for Linux. One package; targets outside Sources/ use `path:`.
import PackageDescription

var products: [Product] = []
var dependencies: [Package.Dependency] = []
var targets: [Target] = []

// MARK: foundation
targets += [
    .target(name: "HAL", path: "hal/HAL"),
    .target(name: "Terminal", dependencies: ["HAL"]),
    .testTarget(name: "TerminalTests", dependencies: ["Terminal", "HAL"]),
    .target(name: "HALMock", dependencies: ["HAL"], path: "hal/HALMock"),
    .testTarget(name: "HALMockTests", dependencies: ["HALMock", "HAL"]),
]
// MARK: end foundation

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
    platforms: [.macOS(.v15)],
    products: products,
    dependencies: dependencies,
    targets: targets,
    swiftLanguageModes: [.v6]
)
