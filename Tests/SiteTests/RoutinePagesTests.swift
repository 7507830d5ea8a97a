import Foundation
@testable import Site
import Testing

/// The upgrade routine on the pages: the first 15 minutes, restore tests, waves and lessons.
@Suite struct RoutinePagesTests {
    static let service = """
        ---
        name: Search
        owner: kai
        risk: low
        base_image: registry.example.com/base/web:2026.11
        rebuilt: 2026-11-20
        components: { node: "20.1.0" }
        environments:
          production:
            version: "4.1.0"
        rollback:
          command: kubectl rollout undo deployment/search
          stop_point: errors above 0.5% for 5 minutes
          backups: s3://backups/search/
          restore_tested: 2026-03-02
        links:
          dashboard: https://grafana.example/d/search
          on-call: mailto:oncall@example.com
        signals:
          - index lag above 10 minutes
        rollouts:
          - started: 2026-10-01T10:00
            rolled_back: 2026-10-01T10:30
            note: warm the cache first
          - started: 2026-11-01T10:00
            stable: 2026-11-01T10:20
            note: went fine after the cache warm-up
        ---
        """

    static func site(_ extraFiles: [String: String] = [:]) throws -> TemporaryFolder {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        site.write("content/services/search.md", service)
        for (path, text) in extraFiles { site.write(path, text) }
        _ = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
        return site
    }

    @Test func watchSectionOnTheServiceAndRollbackPages() throws {
        let site = try Self.site()
        for page in ["public/services/search/index.html", "public/services/search/rollback/index.html"] {
            let html = try #require(site.read(page))
            let onRollbackPage = page.contains("rollback")
            #expect(html.contains(onRollbackPage ? "<h3 class=\"watch-title\">Then watch for 15 minutes</h3>" : "<h2>First 15 minutes after a rollout</h2>"), "\(page)")
            // Web addresses are links; a mailto address is text to copy.
            #expect(html.contains("<a href=\"https://grafana.example/d/search\">dashboard</a>"), "\(page)")
            #expect(html.contains("on-call: <code>mailto:oncall@example.com</code>"), "\(page)")
            #expect(!html.contains("href=\"mailto:"), "\(page)")
            // The theme's common signs, then the service's own, then the stop point.
            let common = try #require(html.range(of: "“unsupported version”"))
            let own = try #require(html.range(of: "<li class=\"own\">index lag above 10 minutes</li>"))
            if onRollbackPage {
                // The stop point is step 1 of the procedure, printed once.
                let stop = try #require(html.range(of: "<strong class=\"stop\">errors above 0.5% for 5 minutes</strong>"))
                #expect(stop.lowerBound < common.lowerBound && common.lowerBound < own.lowerBound, "\(page)")
                #expect(html.components(separatedBy: "errors above 0.5% for 5 minutes").count == 2, "\(page)")
            } else {
                let stop = try #require(html.range(of: "<p class=\"stop\">errors above 0.5% for 5 minutes</p>"))
                #expect(common.lowerBound < own.lowerBound && own.lowerBound < stop.lowerBound, "\(page)")
            }
        }
        // The minimal service has no links, signals or stop point: the section says so.
        let bare = try #require(site.read("public/services/api/rollback/index.html"))
        #expect(bare.contains("No dashboard, logs or error tracker is linked"))
        #expect(bare.contains("missing: agree on a stop point before the window"))
        #expect(!bare.contains("class=\"own\""))
    }

    @Test func aTeamChangesTheCommonSignsInItsTheme() throws {
        let site = try Self.site(["themes/default/templates/watch.mustache": "<section class=\"watch\"><p>Our signs: the pager goes off.</p>{{#watchSignals}}<i>{{text}}</i>{{/watchSignals}}</section>\n"])
        let html = try #require(site.read("public/services/search/rollback/index.html"))
        #expect(html.contains("<p>Our signs: the pager goes off.</p><i>index lag above 10 minutes</i>"))
        #expect(!html.contains("unsupported version"))
    }

    @Test func rollbackPageShowsWhenARestoreWasLastProven() throws {
        let site = try Self.site()
        let html = try #require(site.read("public/services/search/rollback/index.html"))
        #expect(html.contains("restore last proven: 2026-03-02 (270 days ago)</p>"))
        #expect(html.contains("A backup was last restored 270 days ago, longer than the 90 days the policy allows."))
        let bare = try #require(site.read("public/services/api/rollback/index.html"))
        #expect(bare.contains("restore last proven: <span class=\"missing\">never</span></p>"))
        // No backups named: nothing to warn about.
        #expect(!bare.contains("A backup was last restored") && !bare.contains("Backups are named"))
    }

    @Test func servicePageListsLessonsNewestFirst() throws {
        let site = try Self.site()
        let html = try #require(site.read("public/services/search/index.html"))
        let newer = try #require(html.range(of: "went fine after the cache warm-up"))
        let older = try #require(html.range(of: "warm the cache first"))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(html.contains("<strong>2026-10-01 10:00</strong> <small>(rolled back)</small>: warm the cache first"))
    }

    @Test func progressPageProposesTheNextWave() throws {
        let site = try Self.site()
        let html = try #require(site.read("public/progress/index.html"))
        // search (low risk) goes before api (risk not rated); both lag on node.
        let search = try #require(html.range(of: "<a href=\"../services/search/index.html\">Search</a> <code>20.1.0</code> <small>low risk"))
        let api = try #require(html.range(of: "<a href=\"../services/api/index.html\">API &lt;b&gt;&amp;</a> <code>20.1.0</code> <small>risk not rated"))
        #expect(search.lowerBound < api.lowerBound)
        #expect(html.contains("<h2>Next waves</h2>"))
    }

    /// The example's rollback pages: a numbered procedure in the order a person acts, with the
    /// runbook's own rollback section inside it and the lessons before it.
    @Test func rollbackPageIsAProcedure() throws {
        let site = TemporaryFolder()
        _ = try SiteBuilder.build(source: repositoryRoot, output: site.url.appending(path: "public"), today: exampleToday)
        let web = try #require(site.read("public/services/storefront-web/rollback/index.html"))
        var last = web.startIndex
        for mark in ["Before you start: what earlier rollouts taught", "<h2>Decide</h2>", "<h2>Roll back</h2>",
                     "<h3>From the runbook</h3>", "<h2>Restore the config</h2>", "<h2>Data</h2>", "<h2>Check</h2>",
                     "Then watch for 15 minutes"] {
            let found = try #require(web.range(of: mark, range: last..<web.endIndex), "\(mark) out of order")
            last = found.upperBound
        }
        // Both digests, when what runs differs from what is declared.
        #expect(web.contains("sha256:4b2a6f0f0f6cd1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912</code> <small>(declared)</small>"))
        #expect(web.contains("✗ running <code>sha256:7c1e5a9d3b2f4e6a8c0d1f3b5a7e9c2d4f6b8a0c1e3d5f7a9b2c4e6d8f0a1b3c</code>"))
        #expect(!web.contains("<dt>Target</dt>"))
        // A recorded rollback is practice.
        let worker = try #require(site.read("public/services/order-worker/rollback/index.html"))
        #expect(worker.contains("Rollback last practised: 2026-09-20 (68 days ago, a real rollback)."))
        #expect(worker.contains("This service runs postgres and names no backups."))
    }
}
