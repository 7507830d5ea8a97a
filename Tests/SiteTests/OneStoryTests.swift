import Analysis
import Foundation
import Inventory
import Site
import Testing

/// The site and `check` must tell one story: every judgement a page shows is the analysis's.
@Suite struct OneStoryTests {
    /// A standard with non-numeric versions, numeric ones, and services that run components it
    /// does not name.
    static func writeSite(_ site: TemporaryFolder) {
        site.write("content/_index.md", "---\ntitle: One story\n---\n")
        site.write("content/standards.md", """
            ---
            review: 2027-01-15
            components: { distro: bookworm, base: "2026.11", tool: v1.2-beta, node: "22", postgres: "16" }
            images:
              web: registry.example.com/base/web:2026.11
            ---
            """)
        let services: [(slug: String, components: String, target: String)] = [
            ("same-words", #"{ distro: bookworm, base: "2026.11", tool: v1.2-beta, node: "22.11.0" }"#, #"{ distro: bookworm, node: "22" }"#),
            ("other-words", #"{ distro: bullseye, base: "2026.09", tool: v1.1, node: "20.11.1" }"#, #"{ distro: bookworm, base: "2026.11" }"#),
            ("ahead-and-unlisted", #"{ node: "23.1.0", postgres: "16.4", redis: "7.4.1", python: trixie }"#, #"{ postgres: "16" }"#),
        ]
        for service in services {
            site.write("content/services/\(service.slug).md", """
                ---
                name: \(service.slug)
                owner: dana
                base_image: registry.example.com/base/web:2026.11
                rebuilt: 2026-11-20
                components: \(service.components)
                environments:
                  production: { version: "1.0.0", image: "registry.example.com/team/\(service.slug):1.0.0", digest: "sha256:\(String(repeating: "a", count: 64))" }
                target:
                  components: \(service.target)
                rollback:
                  command: kubectl rollout undo deployment/\(service.slug)
                  previous_image: registry.example.com/team/\(service.slug):0.9.0
                  health_check: curl -fsS https://example.internal/healthz
                  stop_point: errors above 1%
                  decides: dana
                  tested: 2026-11-01
                ---
                """)
        }
    }

    @Test func pagesAgreeWithCheck() throws {
        let site = TemporaryFolder()
        Self.writeSite(site)
        let result = try SiteBuilder.build(source: site.url, output: site.url.appending(path: "public"), today: exampleToday)
        // What `check --format json` prints for the same content.
        let json = try JSONSerialization.jsonObject(with: Data(FindingReports.json(result.report).utf8)) as! [String: Any]
        let findings = json["findings"] as! [[String: Any]]
        for slug in ["same-words", "other-words", "ahead-and-unlisted"] {
            let page = try #require(site.read("public/services/\(slug)/index.html"))
            let own = findings.filter { $0["service"] as? String == slug }
            let serious = own.filter { $0["severity"] as? String != "info" }
            // Status and reasons.
            #expect(page.contains("✓ on the standard path") == serious.isEmpty, "\(slug): status")
            let reasons = Set(serious.compactMap { Rule(rawValue: $0["rule"] as! String)?.label })
            let shown = Set(matches(#"<span class="reason">([^<]*)</span>"#, in: page))
            #expect(shown == reasons, "\(slug): reasons")
            // Each component: the page's mark against check's findings for it.
            for (cssClass, name, approvedNote) in componentMarks(in: page) {
                let disputed = own.contains { finding in
                    ["component-behind", "component-ahead"].contains(finding["rule"] as! String)
                        && (finding["message"] as! String).hasPrefix("\(name) ")
                }
                let unlisted = own.contains { finding in
                    finding["rule"] as! String == "component-unapproved" && (finding["message"] as! String).hasPrefix("\(name) ")
                }
                if unlisted {
                    #expect(approvedNote == "(not in the standard)", "\(slug): \(name) unlisted")
                } else {
                    #expect((cssClass == "ok") == !disputed, "\(slug): \(name) is \(cssClass) on the page, check says \(disputed ? "not conforming" : "conforming")")
                    #expect(!approvedNote.contains("unknown"), "\(slug): \(name) \(approvedNote)")
                }
            }
        }
        // A target written the same as what runs is done, numbers or not.
        let same = try #require(site.read("public/services/same-words/index.html"))
        #expect(same.contains("<th scope=\"row\">distro</th><td><code>bookworm</code></td><td><code>bookworm</code></td><td>✓ done</td>"))
        #expect(same.contains("<th scope=\"row\">node</th><td><code>22.11.0</code></td><td><code>22</code></td><td>✓ done</td>"))
        let other = try #require(site.read("public/services/other-words/index.html"))
        #expect(other.contains("<th scope=\"row\">distro</th><td><code>bullseye</code></td><td><code>bookworm</code></td><td>to do</td>"))
        #expect(other.contains("<th scope=\"row\">base</th><td><code>2026.09</code></td><td><code>2026.11</code></td><td>to do</td>"))
        // The progress and standards pages count the same conformance.
        let standards = try #require(site.read("public/standards/index.html"))
        #expect(standards.contains("bookworm"))
        let distro = try #require(result.report.overview.progress.components.first { $0.name == "distro" })
        #expect(distro.conforming == 1 && distro.lagging.map(\.slug) == ["other-words"])
        let behind = findings.filter { $0["rule"] as? String == "component-behind" && ($0["message"] as! String).hasPrefix("distro ") }
        #expect(behind.map { $0["service"] as? String } == ["other-words"])
    }

    /// `(class, name, note)` of each component on a service page.
    func componentMarks(in page: String) -> [(String, String, String)] {
        let pattern = #"<span class="component (ok|care)">([^ ]+) <code>[^<]*</code>(?: <small>([^<]*)</small>)?</span>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(page.startIndex..., in: page)
        return regex.matches(in: page, range: range).map { match in
            func group(_ index: Int) -> String {
                Range(match.range(at: index), in: page).map { String(page[$0]) } ?? ""
            }
            return (group(1), group(2), group(3))
        }
    }

    func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
