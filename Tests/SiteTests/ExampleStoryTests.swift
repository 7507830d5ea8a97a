import Analysis
import Foundation
import Inventory
import Pipeline
import Site
import Testing

/// The bundled example tells a story; its findings are that story.
@Suite struct ExampleStoryTests {
    @Test func findingsMatchTheStory() throws {
        let report = try Pipeline.analyse(source: repositoryRoot, today: exampleToday).report
        let pairs = Set(report.findings.map { "\($0.service ?? "site") \($0.rule.rawValue)" })
        #expect(pairs == [
            // The web service: staging runs a newer runtime and database than production, node 20
            // is past its end of life, and production runs a digest the inventory does not show.
            "storefront-web component-behind", "storefront-web env-drift", "storefront-web rollout-mixed-change",
            "storefront-web eol-reached", "storefront-web observed-mismatch", "storefront-web patch-available",
            // Its tags are known to be pushed again, yet it rolls back to a bare tag.
            "storefront-web rollback-target-mutable",
            // The worker: on an older base image, never written a rollback, same tag pushed twice.
            "order-worker rollback-missing", "order-worker image-unapproved", "order-worker image-stale",
            "order-worker component-behind", "order-worker digest-drift", "order-worker env-drift", "order-worker patch-available",
            // It runs postgres for payments and names no backups.
            "order-worker backup-missing",
            // The admin tool: an old custom image nobody rebuilds, and an exception that ran out.
            "admin-tool exception-expired", "admin-tool component-behind", "admin-tool image-mutable-tag",
            "admin-tool image-unapproved", "admin-tool image-stale", "admin-tool rollback-incomplete",
            "admin-tool rollback-untested", "admin-tool eol-reached", "admin-tool patch-available",
            // Nobody can tell which build of its tag runs, or which one it would roll back to.
            "admin-tool digest-missing", "admin-tool rollback-target-mutable",
            // The search API: first in the node wave, but its restore test is old, it lags on postgres
            // with no exception, and one rollout was rolled back without a word why.
            "search-api component-behind", "search-api eol-reached", "search-api patch-available",
            "search-api restore-untested", "search-api rollout-unexplained",
            // The retired report job's staging cron job was never removed.
            "legacy-reports retired-still-deployed",
            // Something runs in production that nobody listed.
            "site observed-unlisted",
            // The nginx end-of-life data was fetched in August and not since.
            "site eol-data-stale",
        ])
        #expect(report.statuses["edge-proxy"]?.onStandardPath == true)
        #expect(report.statuses["admin-tool"]?.blocksUpdates == true)
        #expect(report.statuses["legacy-reports"] == nil)
        let messages = report.findings.map(\.message)
        #expect(messages.contains("node 20.11.1 is behind the approved 22"))
        #expect(messages.contains("postgres differs between production (15.8) and staging (16.4)"))
        #expect(messages.contains("the exception for node 18 expired on 2026-06-30, 150 days ago"))
        #expect(messages.contains("2 of 2 instances in production run team/storefront:1.14.2 as sha256:7c1e5a9d3b2f…, but the inventory declares sha256:4b2a6f0f0f6c…"))
        #expect(messages.contains("node 20.11.1 reached its end of life on 2026-04-30 (nodejs 20), 211 days ago"))
        #expect(messages.contains("the end-of-life data for nginx was fetched on 2026-08-14, 105 days ago (over the 30 days the policy allows)"))
        #expect(messages.contains("cache-warmer runs in production (registry.example.com/team/cache-warmer:0.4.0) but no service lists it"))
        #expect(messages.contains("a backup was last restored 270 days ago (2026-03-02), over the 90 days the policy allows"))
        // The dated postgres exceptions still cover production's 15.8.
        #expect(!messages.contains { $0.hasPrefix("postgres 15.8 is behind") })
    }

    /// Every field of the upgrade routine appears in the example, so a newcomer sees each feature.
    @Test func exampleUsesEveryRoutineField() throws {
        let analysed = try Pipeline.analyse(source: repositoryRoot, today: exampleToday)
        let (inventory, report) = (analysed.inventory, analysed.report)
        let services = inventory.services
        #expect(services.contains { $0.rollback?.restoreTested != nil })
        #expect(Set(services.compactMap(\.risk)) == [.low, .medium, .high])
        #expect(services.contains { !$0.links.isEmpty })
        #expect(services.contains { !$0.signals.isEmpty })
        #expect(services.contains { $0.rollouts.contains { $0.note != nil } })
        #expect(services.contains { $0.blocksUpdates })
        let waves = report.overview.waves.waves
        let node = try #require(waves.first { $0.component == "node" })
        #expect(node.members.map(\.slug) == ["search-api", "storefront-web"])
        #expect(node.heldBack.map(\.slug) == ["admin-tool"])
        let postgres = try #require(waves.first { $0.component == "postgres" })
        #expect(postgres.members.map(\.slug) == ["search-api"])
        #expect(postgres.heldBack.map(\.slug) == ["order-worker", "storefront-web"])
    }
}
