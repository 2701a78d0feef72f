// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "utmost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "utmost", targets: ["utmost"]),
        // Libraries for the separate benchmark package in Benchmarks/ (it depends on this one by path).
        .library(name: "CampaignKit", targets: ["CampaignKit"]),
        .library(name: "Attribution", targets: ["Attribution"]),
        .library(name: "Synthetic", targets: ["Synthetic"]),
        .library(name: "CampaignStore", targets: ["CampaignStore"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/attaswift/BigInt", exact: "6.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh", exact: "0.15.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "SafeText"),
        .target(name: "CampaignKit"),
        .target(name: "Attribution", dependencies: ["CampaignKit", "SafeText", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "Synthetic", dependencies: ["CampaignKit"]),
        .target(name: "CampaignStore", dependencies: [
            "CampaignKit", "SafeText",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The store's contract on PostgreSQL, for teams: its own module, so that what needs only SQLite builds without postgres-nio.
        .target(name: "PostgresStore", dependencies: [
            "CampaignKit", "CampaignStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Cells and widgets for terminal screens, knowing nothing of campaigns.
        .target(name: "Widgets", dependencies: ["SafeText"]),
        .target(name: "Dashboard", dependencies: [
            "CampaignKit", "Attribution", "SafeText", "Widgets",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The library's name differs: ncursesw on Linux, ncurses (wide characters included) on macOS.
        .target(name: "Terminal", dependencies: ["CNcursesw", "SafeText", "Widgets"], linkerSettings: [
            .linkedLibrary("ncursesw", .when(platforms: [.linux])),
            .linkedLibrary("ncurses", .when(platforms: [.macOS])),
        ]),
        // The dashboard's backend on a store: the engine's answers and the store's edits.
        .target(name: "DashboardService", dependencies: ["CampaignKit", "Attribution", "CampaignStore", "Dashboard"]),
        // The door to openpty, fork and exec in one C call (nothing of Swift runs in the child before exec).
        .target(name: "CPty", linkerSettings: [.linkedLibrary("util", .when(platforms: [.linux]))]),
        // An SSH server whose sessions are a program on a pseudo-terminal, knowing nothing of campaigns.
        .target(name: "SSHServer", dependencies: [
            "CPty",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "utmost", dependencies: [
            "CampaignKit", "Attribution", "CampaignStore", "PostgresStore", "Dashboard", "DashboardService", "Terminal", "Synthetic",
            "SafeText", "Widgets", "SSHServer",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], resources: [
            // The demo company a first run fills a new store with (SampleData), found beside the binary.
            .copy("../../sample-data"),
        ]),
        // Hostile strings and checks of terminal output, for the tests of every output path.
        .target(name: "HostileText", path: "Tests/HostileText"),
        .testTarget(name: "SafeTextTests", dependencies: [
            "SafeText", "HostileText", "CNcursesw",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CampaignKitTests", dependencies: [
            "CampaignKit",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "AttributionTests", dependencies: [
            "CampaignKit", "Attribution", "Synthetic",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        // A scratch data folder and the small data set the store's tests share.
        .target(name: "StoreTestSupport", dependencies: ["CampaignKit", "CampaignStore"], path: "Tests/StoreTestSupport"),
        .testTarget(name: "CampaignStoreTests", dependencies: ["CampaignKit", "CampaignStore", "Attribution", "Synthetic", "StoreTestSupport"]),
        // The PostgreSQL store's own tests, and the store's contract run against both stores
        // (PostgreSQL where UTMOST_TEST_POSTGRES_URL names a server: .ci/run starts one).
        // The test server's databases and a store of either kind, for the tests that use PostgreSQL.
        .target(name: "PostgresTestSupport", dependencies: ["CampaignKit", "CampaignStore", "PostgresStore", "StoreTestSupport"],
                path: "Tests/PostgresTestSupport"),
        .testTarget(name: "PostgresStoreTests", dependencies: [
            "CampaignKit", "CampaignStore", "PostgresStore", "Synthetic", "StoreTestSupport", "PostgresTestSupport", "Dashboard", "DashboardService",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // A terminal in memory, for tests that run whole programs on the widgets' device protocol.
        .target(name: "MemoryTerminal", dependencies: ["Widgets"], path: "Tests/MemoryTerminal"),
        .testTarget(name: "DashboardTests", dependencies: ["CampaignKit", "Attribution", "Dashboard", "HostileText", "SafeText", "Widgets", "MemoryTerminal"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Widgets"]),
        .testTarget(name: "DashboardServiceTests", dependencies: ["DashboardService", "Dashboard", "CampaignStore", "Attribution", "CampaignKit"]),
        .testTarget(name: "WidgetsTests", dependencies: ["Widgets", "SafeText"]),
        .testTarget(name: "SSHServerTests", dependencies: [
            "SSHServer", "TmuxHarness",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Runs programs to their end and drives tmux, for the tests that run real processes.
        .target(name: "TmuxHarness", path: "Tests/TmuxHarness"),
        .testTarget(name: "EndToEndTests", dependencies: [
            "utmost", "TmuxHarness", "HostileText", "SafeText", "CampaignKit", "CampaignStore", "PostgresStore", "PostgresTestSupport",
        ]),
        .testTarget(name: "ReliabilityTests", dependencies: [
            "utmost", "CampaignKit", "CampaignStore", "Attribution", "TmuxHarness",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
