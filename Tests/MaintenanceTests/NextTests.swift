import Analysis
import Foundation
import Inventory
@testable import Maintenance
import Pipeline
import Testing

/// `shortpath next`, and the could-share groups `plan` lists.
@Suite struct NextTests {
    /// A site in a temporary folder, analysed; the folder is removed before returning.
    static func analyse(_ files: [String: String]) throws -> (Inventory, Report) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "shortpath-next-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let file = folder.appending(path: path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        let analysed = try Pipeline.analyse(source: folder, today: exampleToday)
        return (analysed.inventory, analysed.report)
    }

    static let standards = "---\ncomponents: { node: \"22\" }\nimages:\n  web: registry.example.com/base/web:2026.11\n---\n"

    /// A service on the standard path but for its node version.
    static func service(_ name: String, node: String, tag: String = "2026.11") -> String {
        """
        ---
        name: \(name)
        owner: dana
        base_image: registry.example.com/base/web:\(tag)
        rebuilt: 2026-11-20
        components: { node: "\(node)" }
        environments:
          production:
            version: "1.0.0"
            image: registry.example.com/team/\(name.lowercased()):1.0.0
            digest: sha256:\(String(repeating: "a", count: 64))
        rollback:
          tested: 2026-11-01
        ---
        """
    }

    @Test func theExampleNamesTheAdminToolWhyAndTheFirstNarrowFix() throws {
        let (inventory, report) = try example()
        let text = NextMarkdown(inventory: inventory, report: report).markdown()
        #expect(text.hasPrefix("# Start here: Admin tool (`admin-tool`)\n\nPrepared on 2026-11-27 from `content/services/admin-tool.md`. Owner: sam."))
        #expect(text.contains("a path cost of **16**"))
        #expect(text.contains("""
            ## Why

            - the only service on node 18 (the standard: 22) — *version nobody else runs*, 3 points
            - the only service on debian 11 (the standard: 12) — *version nobody else runs*, 3 points
            - built on custom/legacy-admin:latest, a base image outside the approved set, on a tag that moves — *custom base image*, 3 points
            - image built 543 days ago — *stale image*, 2 points
            - rollback never practised — *untested rollback*, 2 points
            - it holds other services' updates back (blocks_updates: hand-built container, pinned libssl for a forgotten reason) — *holds others back*, 3 points

            """))
        #expect(text.contains("- [ ] Rollback point: what runs in production now, `registry.example.com/team/admin:0.9.7`; record its digest"))
        #expect(text.contains("  - move node `18.20.4` to **22**, the standard's version, and pin the exact release; the exception that kept it ended on 2026-06-30 (the admin UI framework does not run on node 20+)\n"))
        #expect(text.contains("  - move debian `11` to **12**, the standard's version, and pin the exact release\n"))
        #expect(text.contains("- [ ] Base image: build on `registry.example.com/base/web:2026.11`, the approved `web` image (what the other debian and node services build on), instead of `registry.example.com/custom/legacy-admin:latest`\n"))
        #expect(text.contains("## After it\n\n1. Order worker (`order-worker`), a path cost of 12: "))
        #expect(text.contains("\n2. Search API (`search-api`), a path cost of 2: backups last restored 270 days ago; 1 of its last 2 rollouts was rolled back.\n"))
        #expect(!text.contains("## Could share now"))
    }

    @Test func nothingToFixSaysSo() throws {
        let (inventory, report) = try Self.analyse([
            "content/standards.md": Self.standards, "content/services/api.md": Self.service("API", node: "22.1.0"),
        ])
        #expect(NextMarkdown(inventory: inventory, report: report).markdown() == """
            # Start here

            Prepared on 2026-11-27. Nothing makes upgrades harder right now: no service runs a version nobody else runs or a base image outside the standard, every image is fresh, every rollback and restore is practised, and no rollout is slow.

            """)
    }

    @Test func aServiceInAGroupSeesItInNextAndPlan() throws {
        // Web is alone on node 18 and differs from Api only in node; Other differs from Api only
        // in its base image tag, and from Web in two things.
        let (inventory, report) = try Self.analyse([
            "content/standards.md": Self.standards,
            "content/services/api.md": Self.service("Api", node: "20.1.0"), "content/services/web.md": Self.service("Web", node: "18.3.0"),
            "content/services/other.md": Self.service("Other", node: "20.1.0", tag: "2026.09"),
        ])
        let node = "- Api and Web differ only in node (20.1.0 vs 18.3.0): move both to 22, the standard's version.\n"
        let image = "- Api and Other differ only in base image tag (2026.11 vs 2026.09): move both to registry.example.com/base/web:2026.11, the approved web tag.\n"
        let next = NextMarkdown(inventory: inventory, report: report).markdown()
        #expect(next.hasPrefix("# Start here: Web (`web`)"))
        #expect(next.contains("## Could share now\n\n" + node))
        #expect(!next.contains(image))
        #expect(next.contains("- [ ] Base image: stay on `registry.example.com/base/web:2026.11`, the approved `web` image, and rebuild on it\n"))
        #expect(next.contains("- [ ] Rollback point: what runs in production now, `registry.example.com/team/web:1.0.0@sha256:\(String(repeating: "a", count: 64))`; practise rolling back to it (last practised: 2026-11-01, 26 days ago)\n"))
        #expect(next.contains("## After it\n\n1. Other (`other`), a path cost of 1: built on base/web:2026.09, older than the approved 2026.11.\n"))
        let api = ChangePlan(service: try ServiceLookup.find("api", in: inventory), inventory: inventory, report: report).markdown()
        #expect(api.contains("## Could share now\n\n" + node + image))
        let other = ChangePlan(service: try ServiceLookup.find("other", in: inventory), inventory: inventory, report: report).markdown()
        #expect(other.contains("## Could share now\n\n" + image))
        #expect(!other.contains(node))
    }
}
