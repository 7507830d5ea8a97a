import Analysis
import Foundation
@testable import Inventory
@testable import Site
import Testing

/// The inventory as the bundled example builds it: one line per service, most urgent first,
/// and what a search looks through; the findings page by rule.
@Suite struct InventoryPageTests {
    static func built() throws -> (TemporaryFolder, String) {
        let out = TemporaryFolder()
        _ = try SiteBuilder.build(source: repositoryRoot, output: out.url.appending(path: "public"), today: exampleToday)
        return (out, try #require(out.read("public/index.html")))
    }

    static func rows(_ index: String) -> [String] {
        guard let body = index.firstRange(of: "<tbody>"), let end = index.firstRange(of: "</tbody>") else { return [] }
        return index[body.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("<tr") }.map(String.init)
    }

    @Test func rowsComeMostUrgentFirstWithTheirSeverityAndCounts() throws {
        let (_, index) = try Self.built()
        let rows = Self.rows(index)
        let slugs = rows.compactMap { $0.firstMatch(of: /href="services\/([a-z-]+)\/index.html"/).map { String($0.1) } }
        // Admin tool holds other services back and has errors: first. Edge proxy is fine: last.
        #expect(slugs == ["admin-tool", "order-worker", "storefront-web", "search-api", "edge-proxy"])
        #expect(rows[0].hasPrefix("<tr class=\"error blocks\"><td>2 errors · 9 warnings<td>"))
        #expect(rows[4].hasPrefix("<tr class=\"ok\"><td>on the standard path<td>"))
        // The two most severe reasons, the rest behind a link to the service's findings.
        #expect(rows[0].contains("<span>end of life · expired exception</span> <a href=\"services/admin-tool/index.html#findings\" title=\"all reasons\">+8</a>"))
        // The note is in the row, whole in its title.
        #expect(rows[0].contains("title=\"hand-built container, pinned libssl for a forgotten reason\" tabindex=\"0\">hand-built"))
        // Production versions carry their place in version order.
        let ranks = rows.compactMap { $0.firstMatch(of: /<td data-sort="(\d+)"[^>]*>([0-9.]+)<td/).map { (Int($0.1)!, String($0.2)) } }
        #expect(ranks.sorted { $0.0 < $1.0 }.map(\.1) == ["0.9.7", "1.14.2", "2.3.0", "3.2.1", "4.1.0"])
        // Verified only where what runs matches: the storefront runs another digest in production.
        #expect(rows[2].contains("title=\"verified: staging 2026-11-26\">1.14.2"))
        // The headline boxes link to the status filters.
        #expect(index.contains("<li class=\"error\"><a href=\"?status=error\"><span class=\"mark\" aria-hidden=\"true\">✖</span> <strong>4</strong> with errors</a></li>"))
        #expect(index.contains("<strong>1</strong> on the standard path</a>"))
    }

    @Test func theSearchIndexHoldsComponentsImagesAndDigests() throws {
        let (_, index) = try Self.built()
        let block = try #require(index.firstMatch(of: /<script type="application\/json" id="inventory-search">([^<]*)<\/script>/))
        let texts = try #require(try JSONSerialization.jsonObject(with: Data(block.1.utf8)) as? [String])
        #expect(texts.count == 5)
        // In the rows' order: the storefront is third.
        #expect(texts[2].contains("node 20.11.1"))
        #expect(texts[2].contains("registry.example.com/team/storefront:1.14.2"))
        #expect(texts[2].contains("sha256:4b2a6f0f0f6c"))
        #expect(texts[2].contains("registry.example.com/base/web:2026.11"))
    }

    @Test func whatIsNotARowIsAboveTheTable() throws {
        let (_, index) = try Self.built()
        let block = try #require(index.firstMatch(of: /<section class="outside" id="outside">(?s)(.*?)<\/section>/))
        #expect(block.1.contains("<a href=\"findings/observed-unlisted/index.html\">cache-warmer runs in production"))
        #expect(block.1.contains("<a href=\"findings/retired-still-deployed/index.html\">Legacy reports is retired but still lists environments (staging)</a>"))
    }

    @Test func findingsAreGroupedByRuleAndEachRuleHasItsPage() throws {
        let (out, _) = try Self.built()
        let findings = try #require(out.read("public/findings/index.html"))
        let groups = findings.matches(of: /<details class="rule (error|warning|info)" id="([a-z-]+)">/).map { (String($0.1), String($0.2)) }
        #expect(groups.first?.0 == "error")
        #expect(groups.map(\.0) == groups.map(\.0).sorted { Severity(rawValue: $0)! < Severity(rawValue: $1)! })
        #expect(Set(groups.map(\.1)).count == groups.count)
        #expect(findings.contains("<code>component-behind</code> behind standard · <strong>6</strong> findings in 4 services</summary>"))
        // Every rule has a page, with all of its findings, or none.
        for rule in Rule.allCases { #expect(out.read("public/findings/\(rule.rawValue)/index.html") != nil, "\(rule)") }
        let behind = try #require(out.read("public/findings/component-behind/index.html"))
        #expect(behind.ranges(of: "<tr class=\"warning\">").count == 6)
        #expect(behind.contains("<a href=\"../../services/admin-tool/index.html\">Admin tool</a>"))
        let none = try #require(out.read("public/findings/owner-missing/index.html"))
        #expect(none.contains("No finding of this rule."))
    }
}
