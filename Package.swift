// swift-tools-version:6.1
// posterm: payment-terminal firmware for Linux. One package; targets outside Sources/ use `path:`.
import PackageDescription

let package = Package(
    name: "posterm",
    platforms: [.macOS(.v14)],
    products: [
        // MARK: Journal
        .library(name: "Journal", targets: ["Journal"]),
        .executable(name: "posterm-flash", targets: ["posterm-flash"]),
        // MARK: end Journal
    ],
    dependencies: [
        // MARK: Journal
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // MARK: end Journal
    ],
    targets: [
        // MARK: Journal
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
        // MARK: end Journal
    ],
    swiftLanguageModes: [.v6]
)
