// swift-tools-version:6.1
// posterm benchmarks (ordo-one/benchmark). Kept in their own package so `make test` never builds them.
import PackageDescription

var targets: [Target] = []

// MARK: acquirer codec
// SwiftPM names a path dependency after its directory (/work/main -> "main"), not its manifest name.
let rootPackage = String(#filePath.split(separator: "/").dropLast(2).last ?? "posterm")
targets += [
    .executableTarget(
        name: "CodecBench",
        dependencies: [
            .product(name: "Acquirer", package: rootPackage),
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "CodecBench",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
]
// MARK: end acquirer codec

let package = Package(
    name: "posterm-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
