import Analysis
import Foundation
import Inventory
import Pipeline
import Site

/// The three entry points the fuzzer drives (`make fuzz`), also replayed by the tests over the
/// seed corpus and every input that ever crashed (`Tests/fuzz/`). Each takes arbitrary bytes
/// and must return: any problem with them is a located error, never a crash or a hang.
public enum FuzzEntries {
    public enum Target: String, CaseIterable, Sendable {
        /// One service file's bytes through load, schema and analysis, and its two pages.
        case service
        /// One `content/observed/<env>/*.json` file through the parser and the observed rules.
        case observed
        /// A theme's templates through `Theme.load`, then a service's pages rendered with them:
        /// the input is up to three templates (service, base, watch) separated by NUL bytes.
        case theme
    }

    public static func run(_ target: Target, _ bytes: [UInt8]) {
        switch target {
        case .service: service(bytes)
        case .observed: observed(bytes)
        case .theme: theme(bytes)
        }
    }

    static func service(_ bytes: [UInt8]) {
        // The plain YAML reader stands in for libyaml only where both read the same tree.
        if let text = String(validating: bytes, as: UTF8.self),
           let disagreement = YAMLParser.plainReaderDisagreement(frontMatter(text)) {
            fatalError("plain YAML reader and libyaml disagree: \(disagreement)")
        }
        guard let parsed = try? ContentLoader.parseService(bytes: bytes, path: "content/services/fuzz.md", slug: "fuzz") else { return }
        var inventory = Fixture.shared.inventory
        inventory.services.append(parsed.service)
        guard let report = try? Pipeline.analyse(inventory, today: Fixture.today) else { return }
        let renderer = SiteRenderer(inventory: inventory, report: report, theme: Fixture.shared.theme)
        try? renderer.writeServicePages(parsed.service, to: DiscardingSink())
    }

    /// The YAML between the first two `---` lines, or the whole text when it has none.
    static func frontMatter(_ text: String) -> String {
        guard text.hasPrefix("---\n") else { return text }
        let rest = text.dropFirst(4)
        guard let end = rest.range(of: "\n---") else { return String(rest) }
        return String(rest[..<end.lowerBound]) + "\n"
    }

    static func observed(_ bytes: [UInt8]) {
        guard let snapshot = try? ContentLoader.parseObserved(bytes, environment: "production", path: "content/observed/production/fuzz.json") else { return }
        var inventory = Fixture.shared.inventory
        inventory.observed = [snapshot]
        _ = try? Pipeline.analyse(inventory, today: Fixture.today)
    }

    static func theme(_ bytes: [UInt8]) {
        // In memory, as `Theme.load` would have read them: writing files per input would make
        // the disk, not the code, decide what counts as a hang.
        let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        var files = Fixture.shared.builtInTheme
        for (name, part) in zip(["service", "base", "watch"], parts) {
            files["templates/\(name).mustache"] = (Array(part), "themes/fuzz/templates/\(name).mustache")
        }
        guard let theme = try? Theme.compile(files, name: "fuzz") else { return }
        let renderer = SiteRenderer(inventory: Fixture.shared.inventory, report: Fixture.shared.report, theme: theme)
        for service in Fixture.shared.inventory.services { try? renderer.writeServicePages(service, to: DiscardingSink()) }
    }
}

/// Pages rendered and dropped.
struct DiscardingSink: PageSink {
    func write(_ path: String, _ text: String) throws {}
    func write(_ path: String, _ bytes: [UInt8]) throws {}
}

/// A small site in a temporary folder, loaded once: the standard, settings, one service that
/// the observed state can match.
final class Fixture: Sendable {
    static let today = Day("2026-11-27")!
    static let shared = Fixture()

    let source: URL
    let inventory: Inventory
    let report: Report
    let theme: Theme
    let builtInTheme = Theme.builtIn

    private init() {
        // One thread: the fuzzer runs one input at a time, and threads would only blur coverage.
        setenv("SHORTPATH_JOBS", "1", 1)
        source = FileManager.default.temporaryDirectory.appending(path: "shortpath-fuzz-\(getpid())")
        let files = [
            "content/_index.md": "---\ntitle: Fuzz\npolicy: { severity: { image-stale: error } }\n---\nIntro with a [link](services/api.md).\n",
            "content/standards.md": """
                ---
                review: 2027-01-15
                components: { node: "22", postgres: "16" }
                images: { web: "registry.example.com/base/web:2026.11" }
                eol_products: { node: nodejs }
                ---
                """,
            "content/services/api.md": """
                ---
                name: API
                owner: dana
                base_image: registry.example.com/base/web:2026.09
                rebuilt: 2026-10-02
                components: { node: "20.11.1" }
                environments:
                  production: { version: "1.4.2", image: "registry.example.com/team/api:1.4.2", digest: "sha256:\(String(repeating: "a", count: 64))" }
                rollback: { command: "kubectl rollout undo deployment/api", tested: 2026-09-14 }
                ---
                # Runbook
                """,
            "content/eol/nodejs.json": #"[{"cycle": "20", "eol": "2026-04-30"}, {"cycle": "22", "eol": false}]"#,
        ]
        for (path, text) in files {
            let url = source.appending(path: path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: url)
        }
        inventory = try! ContentLoader.load(source: source)
        report = try! Pipeline.analyse(inventory, today: Self.today)
        theme = try! Theme.load(source: source, name: "default")
    }
}
