// swift-tools-version:6.1
// posterm benchmarks (ordo-one/benchmark). Kept in their own package so `make test` never builds them.
import PackageDescription

let package = Package(
    name: "posterm-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "posterm", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // MARK: Journal
        .executableTarget(
            name: "JournalBench",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Journal", package: "posterm"),
            ],
            path: "JournalBench",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // MARK: end Journal
    ],
    swiftLanguageModes: [.v6]
)
