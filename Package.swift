// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Proctor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "proctor", targets: ["proctor"]),
        .library(name: "ProctorCore", targets: ["ProctorCore"]),
        .library(name: "BankXML", targets: ["BankXML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "ProctorCore"),
        .target(
            name: "BankXML",
            dependencies: ["ProctorCore", "CLibXML2"],
            resources: [.embedInCode("Resources/proctor-bank-1.xsd")]
        ),
        .target(
            name: "ProctorStore",
            dependencies: ["ProctorCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "ProctorTerminal", dependencies: ["ProctorCore"]),
        .target(
            name: "ProctorCLI",
            dependencies: [
                "ProctorCore", "BankXML", "ProctorStore", "ProctorTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "proctor", dependencies: ["ProctorCLI"]),
        .testTarget(
            name: "ProctorCoreTests",
            dependencies: ["ProctorCore"],
            resources: [.copy("Fixtures")]
        ),
        .executableTarget(
            name: "proctor-bench",
            dependencies: ["ProctorCore", "BankXML", "ProctorStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/proctor-bench"
        ),
        .executableTarget(
            name: "proctor-fuzz",
            dependencies: ["BankXML"],
            path: "Fuzz/proctor-fuzz"
        ),
        .testTarget(
            name: "ProctorStoreTests",
            dependencies: ["ProctorStore", "ProctorCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ProctorTerminalTests",
            dependencies: ["ProctorTerminal", "ProctorCore"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "ProctorCLITests",
            dependencies: ["ProctorCLI", "ProctorCore", "BankXML", "ProctorStore", "ProctorTerminal"]
        ),
        .testTarget(
            name: "BankXMLTests",
            dependencies: ["BankXML", "ProctorCore"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
