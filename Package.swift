// swift-tools-version:6.0
import PackageDescription

// The targets follow the data: content files → Inventory (parsed, validated model)
// → Analysis (findings, every judgement) → Pipeline (the two, as every command runs them)
// → Site (views, Markdown, templates, files) or Maintenance (the window commands' text)
// → Serve → shortpath (the command line). No stage imports one above it (ArchitectureTests).
let package = Package(
    name: "Shortpath",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shortpath", targets: ["shortpath"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 for the 404 page's inline stylesheet (its Content-Security-Policy hash);
        // already in the graph through Hummingbird, so it costs no extra build.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
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
        // Work shared out over the cores; belongs to no stage.
        .target(name: "Parallel"),
        .target(name: "Inventory", dependencies: ["CYAML", "Parallel"]),
        .target(name: "Analysis", dependencies: ["Inventory", "Parallel"]),
        // An organisation site's members: their published data files read over HTTP(S) or from
        // disk, with the last good copy kept in a cache.
        .target(name: "Members", dependencies: ["Inventory"]),
        .target(name: "Pipeline", dependencies: ["Inventory", "Analysis", "Members"]),
        // The inventory over time: content/ read from git (`git log`, `git cat-file --batch`),
        // judged at each day's last commit by Analysis, cached under .shortpath/.
        .target(name: "History", dependencies: ["Inventory", "Analysis", "Parallel"]),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // Shortpath's own Mustache: templates compiled once, names resolved to slots, bytes out.
        .target(name: "Templates"),
        // `scripts/bench-templates`: instructions per rendered tag, under callgrind.
        .executableTarget(name: "TemplatesBenchmark", dependencies: ["Templates"]),
        .executableTarget(name: "EmbedTheme"),
        .plugin(name: "EmbedThemePlugin", capability: .buildTool(), dependencies: ["EmbedTheme"]),
        // The files of themes/default, compiled in.
        .target(name: "DefaultTheme", plugins: ["EmbedThemePlugin"]),
        .target(
            name: "Site",
            dependencies: [
                "Inventory", "Analysis", "Pipeline", "History", "Markdown", "DefaultTheme", "Parallel", "Templates",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The maintenance-window commands: new, plan, record, review, eol update. They render no page.
        .target(
            name: "Maintenance",
            dependencies: ["Inventory", "Analysis", "Pipeline", "DefaultTheme", "Templates"]
        ),
        // `shortpath serve`: watch, rebuild what a change touches, serve, reload the browser.
        .target(
            name: "Serve",
            dependencies: [
                "Site", "Pipeline", "Analysis", "Inventory",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The fuzzer's entry points and its driver (`make fuzz`; see Tests/fuzz/README.md).
        .target(name: "FuzzEntries", dependencies: ["Inventory", "Analysis", "Pipeline", "Site"]),
        .executableTarget(name: "shortpath-fuzz", dependencies: ["FuzzEntries"]),
        .executableTarget(
            name: "shortpath",
            dependencies: [
                "Site", "Pipeline", "Analysis", "Inventory", "History", "Markdown", "Maintenance", "Serve",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "InventoryTests",
            dependencies: ["Inventory", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Inventory"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Analysis", "Inventory", "Pipeline", "Site"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Pipeline", "Analysis", "Inventory", "Markdown", "DefaultTheme"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzEntries"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve"]),
        // Organisation sites against a loopback HTTP server of member sites.
        .testTarget(
            name: "OrganisationTests",
            dependencies: ["Site", "Pipeline", "Members", "Analysis", "Inventory"]
        ),
        .testTarget(name: "MaintenanceTests", dependencies: ["Maintenance", "Pipeline", "Analysis", "Inventory"]),
        // Which stage may import which, read from the sources.
        .testTarget(name: "ArchitectureTests"),
        // Runs the built `shortpath` binary: exit codes, output formats, what a user sees.
        .testTarget(name: "CLITests", dependencies: ["shortpath"]),
    ],
    swiftLanguageModes: [.v6]
)
