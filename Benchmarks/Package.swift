// swift-tools-version:6.1
// posterm benchmarks (ordo-one/benchmark). Kept in their own package so `make test` never builds them.
import PackageDescription

var targets: [Target] = []

// MARK: Security
targets += [
    .executableTarget(
        name: "SecurityBenchmarks",
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "Security", package: "posterm"),
        ],
        path: "SecurityBenchmarks",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
]
// MARK: end Security

// MARK: acquirer codec
targets += [
    .executableTarget(
        name: "CodecBench",
        dependencies: [
            .product(name: "Acquirer", package: "posterm"),
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "CodecBench",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
]
// MARK: end acquirer codec

let package = Package(
    name: "posterm-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "posterm", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
