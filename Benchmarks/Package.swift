// swift-tools-version: 6.1
// The benchmarks of utmost, a package of their own so that the main package's
// `swift build` and `swift test` (CI) never fetch or build the benchmark harness.
//
//   cd Benchmarks && swift package benchmark
//
import Foundation
import PackageDescription

// A path dependency is named after its folder, which is the checkout's name
// (utmost, wt-perf, ...): find it rather than assume it.
let parentFolder = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
let parent = parentFolder.lastPathComponent

let package = Package(
    name: "UtmostBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        // Only the malloc interposer: the default "RuntimeInterposer" trait pulls in
        // ordo-one/swift-runtime-interposer, which the package mirror does not carry.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "UtmostBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CampaignKit", package: parent),
                .product(name: "Attribution", package: parent),
                .product(name: "Synthetic", package: parent),
                .product(name: "CampaignStore", package: parent),
                .product(name: "Dashboard", package: parent),
            ],
            path: "Benchmarks/UtmostBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
