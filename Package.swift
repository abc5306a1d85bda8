// swift-tools-version:6.1
// posterm: payment-terminal firmware for Linux. One package; targets outside Sources/ use `path:`.
import PackageDescription

var products: [Product] = []
var dependencies: [Package.Dependency] = []
var targets: [Target] = []

// MARK: foundation
dependencies += [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
]
products += [
    .executable(name: "posterm", targets: ["posterm"]),
]
targets += [
    .target(name: "HAL", path: "hal/HAL"),
    .target(name: "Terminal", dependencies: ["HAL"]),
    .testTarget(name: "TerminalTests", dependencies: ["Terminal", "HAL"]),
    .target(name: "HALMock", dependencies: ["HAL"], path: "hal/HALMock"),
    .testTarget(name: "HALMockTests", dependencies: ["HALMock", "HAL"]),
    .target(name: "HALLinux", dependencies: ["HAL"], path: "hal/HALLinux"),
    .target(name: "Firmware", dependencies: [
        "HAL", "HALMock", "HALLinux", "Terminal", "Security",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "HeapModule", package: "swift-collections"),
        .product(name: "Yams", package: "Yams"),
    ]),
    .testTarget(name: "FirmwareTests", dependencies: ["Firmware", "HAL", "HALMock", "Terminal"]),
    .executableTarget(name: "posterm", dependencies: [
        "Firmware",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
    ]),
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
    platforms: [.macOS(.v15)],
    products: products,
    dependencies: dependencies,
    targets: targets,
    swiftLanguageModes: [.v6]
)
