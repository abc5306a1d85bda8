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
    .testTarget(name: "HALTests", dependencies: ["HAL"]),
    .target(name: "Terminal", dependencies: ["HAL", "Acquirer", "Security"]),
    .testTarget(name: "TerminalTests", dependencies: ["Terminal", "HAL", "Acquirer", "Security", "AcquirerHost",
                                                     "Journal"]),
    .target(name: "HALMock", dependencies: ["HAL", "Security"], path: "hal/HALMock"),
    .testTarget(name: "HALMockTests", dependencies: ["HALMock", "HAL", "Security"]),
    .target(name: "HALLinux", dependencies: ["HAL"], path: "hal/HALLinux"),
    .target(name: "Firmware", dependencies: [
        "HAL", "HALMock", "HALLinux", "Terminal", "Security", "Journal", "Acquirer", "AcquirerHost",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "HeapModule", package: "swift-collections"),
        .product(name: "Yams", package: "Yams"),
    ]),
    .testTarget(name: "FirmwareTests", dependencies: ["Firmware", "HAL", "HALMock", "Terminal", "Journal", "Acquirer",
                                                     "AcquirerHost", "Security"]),
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
    .testTarget(name: "SecurityTests", dependencies: ["Security", "CrossCheckSupport", "Journal"]),
]
// MARK: end Security

// MARK: acquirer codec
// ISO 8583 codec, CUP message set and host-link framing. Pure Swift: no C, no Foundation dates.
products += [
    .library(name: "Acquirer", targets: ["Acquirer"]),
]
targets += [
    .target(name: "Acquirer", dependencies: ["Security"], path: "Sources/Acquirer"),
    .testTarget(name: "AcquirerTests", dependencies: ["Acquirer", "CrossCheckSupport", "Journal"], path: "Tests/AcquirerTests"),
]
// MARK: end acquirer codec

// MARK: Journal
products += [
    .library(name: "Journal", targets: ["Journal"]),
    .executable(name: "posterm-flash", targets: ["posterm-flash"]),
]
targets += [
    .target(name: "Journal"),
    .executableTarget(
        name: "posterm-flash",
        dependencies: [
            "Journal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "tools/posterm-flash"
    ),
    .testTarget(name: "JournalTests", dependencies: ["Journal"]),
]
// MARK: end Journal

// MARK: acquirer host
// The acquirer host simulator: its pure engine (AcquirerHost), the SwiftNIO server and CLI
// (tools/posterm-host), the load generator (tools/posterm-hostload), and the tests of the host
// and of the terminal-side client (Sources/Acquirer/Client).
products += [
    .library(name: "AcquirerHost", targets: ["AcquirerHost"]),
    .executable(name: "posterm-host", targets: ["posterm-host"]),
    .executable(name: "posterm-hostload", targets: ["posterm-hostload"]),
]
targets += [
    .target(name: "AcquirerHost", dependencies: ["Acquirer", "Security"], path: "Sources/AcquirerHost"),
    .target(name: "PostermHostServer", dependencies: [
        "AcquirerHost", "Acquirer",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
    ], path: "tools/posterm-host/Server"),
    .executableTarget(name: "posterm-host", dependencies: [
        "PostermHostServer", "AcquirerHost", "Acquirer", "HAL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
    ], path: "tools/posterm-host", exclude: ["Server"]),
    .executableTarget(name: "posterm-hostload", dependencies: [
        "Acquirer", "Security", "HAL",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ], path: "tools/posterm-hostload"),
    .testTarget(name: "AcquirerHostTests", dependencies: [
        "AcquirerHost", "Acquirer", "Security", "PostermHostServer", "CrossCheckSupport", "Journal",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
    ], path: "Tests/AcquirerHostTests"),
    .testTarget(name: "AcquirerClientTests", dependencies: ["Acquirer", "AcquirerHost", "Security", "Journal"],
                path: "Tests/AcquirerClientTests"),
]
// MARK: end acquirer host

// MARK: test support
// Helpers shared by test targets only (the Python cross-check runner); nothing under Sources/,
// hal/ or tools/ may depend on it.
targets += [
    .target(name: "CrossCheckSupport", path: "Tests/CrossCheckSupport"),
]
// MARK: end test support

let package = Package(
    name: "posterm",
    platforms: [.macOS(.v15)],
    products: products,
    dependencies: dependencies,
    targets: targets,
    swiftLanguageModes: [.v6]
)
