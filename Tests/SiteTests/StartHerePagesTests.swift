import Foundation
@testable import Site
import Testing

/// "Start here" on the index and the progress page, and "Could share now" on the progress page.
@Suite struct StartHerePagesTests {
    /// The section of a page between `<section class="NAME"` and its `</section>`.
    static func section(_ name: String, in html: String, element: String = "section") -> String? {
        guard let start = html.range(of: "<\(element) class=\"\(name)") else { return nil }
        guard let end = html[start.upperBound...].range(of: "</\(element)>") else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The index's block: folded to one line (a closed `<details>`) so the table starts on the first screen.
    static func indexBlock(_ html: String) -> String? { section("start-here start-here-fold", in: html, element: "details") }

    static func build(_ site: TemporaryFolder) throws {
        _ = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
    }

    @Test func theExampleStartsWithTheAdminTool() throws {
        let site = TemporaryFolder()
        _ = try SiteBuilder.build(source: repositoryRoot, output: site.url, today: exampleToday)
        let index = try #require(site.read("index.html"))
        let block = try #require(Self.indexBlock(index))
        #expect(block.contains("<summary><strong>Start here:</strong> Admin tool makes upgrades hardest for everyone <small>(path cost 16; why, and the next two)</small></summary>"))
        #expect(!block.contains("<details class=\"start-here start-here-fold\" open"))
        #expect(block.contains("<a href=\"services/admin-tool/index.html\"><strong>Admin tool</strong></a> makes upgrades hardest for everyone <small>(path cost 16)</small>"))
        #expect(block.contains("<li>the only service on node 18 (the standard: 22) <small class=\"factor\" title=\"lone_version in policy.path_weights\">version nobody else runs · 3</small></li>"))
        #expect(block.contains("image built 543 days ago"))
        #expect(block.contains("<li><a href=\"services/order-worker/index.html\">Order worker</a> <small>(path cost 12)</small>:"))
        #expect(block.contains("<li><a href=\"services/search-api/index.html\">Search API</a> <small>(path cost 2)</small>: backups last restored 270 days ago; 1 of its last 2 rollouts was rolled back</li>"))
        #expect(!block.contains("Nothing to fix"))
        // Above the counts and the table.
        #expect(index.range(of: "class=\"start-here start-here-fold\"")!.lowerBound < index.range(of: "class=\"counts\"")!.lowerBound)

        let progress = try #require(site.read("progress/index.html"))
        let top = try #require(Self.section("start-here", in: progress))
        #expect(top.contains("<a href=\"../services/admin-tool/index.html\"><strong>Admin tool</strong></a>"))
        let share = try #require(Self.section("could-share", in: progress))
        #expect(share.contains("No two active services differ in one thing only"))
        #expect(progress.range(of: "class=\"start-here\"")!.lowerBound < progress.range(of: "<h2>Approved components</h2>")!.lowerBound)
    }

    @Test func aTeamWithNothingToFixSeesThat() throws {
        let site = TemporaryFolder()
        site.write("content/_index.md", "---\ntitle: Calm team\n---\n")
        site.write("content/standards.md", "---\ncomponents: { node: \"22\" }\nimages:\n  web: registry.example.com/base/web:2026.11\n---\n")
        site.write("content/services/api.md", """
            ---
            name: API
            owner: dana
            base_image: registry.example.com/base/web:2026.11
            rebuilt: 2026-11-20
            components: { node: "22.1.0" }
            environments:
              production:
                version: "1.0.0"
                image: registry.example.com/team/api:1.0.0
            rollback:
              tested: 2026-11-01
            ---
            """)
        try Self.build(site)
        for page in ["public/index.html", "public/progress/index.html"] {
            let html = try #require(site.read(page))
            let block = try #require(page == "public/index.html" ? Self.indexBlock(html) : Self.section("start-here", in: html))
            #expect(block.contains("<p class=\"start-here-none\">Nothing to fix:"), "\(page)")
            #expect(!block.contains("path cost"), "\(page)")
        }
    }

    @Test func groupsThatCouldShareAreListedWithWhatToChange() throws {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        // The minimal site's API runs node 20.1.0 on web:2026.11; this one differs only in node.
        site.write("content/services/worker.md", """
            ---
            name: Worker
            owner: lee
            base_image: registry.example.com/base/web:2026.11
            rebuilt: 2026-11-20
            components: { node: "20.3.0" }
            environments:
              production:
                version: "2.0.0"
            ---
            """)
        try Self.build(site)
        let progress = try #require(site.read("public/progress/index.html"))
        let share = try #require(Self.section("could-share", in: progress))
        #expect(share.contains("<p>API &lt;b&gt;&amp; and Worker differ only in node (20.1.0 vs 20.3.0): move both to 22, the standard&#39;s version.</p>"))
        #expect(share.contains("<li><a href=\"../services/worker/index.html\">Worker</a> <code>20.3.0</code> → <code>22</code></li>"))
        #expect(!share.contains("No two active services"))
    }
}
