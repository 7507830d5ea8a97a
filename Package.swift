// swift-tools-version:6.0
import PackageDescription

// The targets follow the data: content files → Inventory (parsed, validated model)
// → Analysis (findings, status) → Site (view models, Markdown, templates, files) → shortpath (CLI).
let package = Package(
    name: "Shortpath",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shortpath", targets: ["shortpath"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "Inventory", dependencies: ["CYAML"]),
        .target(name: "Analysis", dependencies: ["Inventory"]),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        .executableTarget(name: "EmbedTheme"),
        .plugin(name: "EmbedThemePlugin", capability: .buildTool(), dependencies: ["EmbedTheme"]),
        .target(
            name: "Site",
            dependencies: [
                "Inventory", "Analysis", "Markdown",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedThemePlugin"]
        ),
        // The maintenance-window commands: new, plan, record, review.
        .target(name: "Maintenance", dependencies: ["Inventory", "Analysis", "Site"]),
        // `shortpath serve`: watch, rebuild what a change touches, serve, reload the browser.
        .target(
            name: "Serve",
            dependencies: [
                "Site", "Analysis", "Inventory",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "shortpath",
            dependencies: [
                "Site", "Analysis", "Inventory", "Markdown", "Maintenance", "Serve",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "InventoryTests",
            dependencies: ["Inventory", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Inventory"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Analysis", "Inventory"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve"]),
        .testTarget(name: "MaintenanceTests", dependencies: ["Maintenance", "Site", "Analysis", "Inventory"]),
        // Runs the built `shortpath` binary: exit codes, output formats, what a user sees.
        .testTarget(name: "CLITests", dependencies: ["shortpath"]),
    ],
    swiftLanguageModes: [.v6]
)
