import Analysis
import Foundation
@testable import Site
import Testing

/// Every string a user can write, filled with payloads that try to run script.
@Suite struct InjectionTests {
    static let payload = #"<script>alert(1)</script>\"'><img src=x onerror=alert(1)> javascript:alert(1)"#

    func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    @Test func noPageRunsAnythingButTheThemesScript() throws {
        let p = yaml(Self.payload)
        let site = TemporaryFolder()
        site.write("content/_index.md", "---\ntitle: \(p)\n---\n\(Self.payload)\n\n[x](javascript:alert(1)) <iframe src=x></iframe>\n")
        site.write("content/standards.md", "---\nreview: 2027-01-15\nowner: \(p)\ncomponents:\n  node: \(p)\n  \(p): \"1\"\nimages:\n  \(p): registry.example.com/base/web:1\n---\n\(Self.payload)\n")
        site.write("content/services/api.md", """
            ---
            name: \(p)
            description: \(p)
            owner: \(p)
            note: \(p)
            base_image: registry.example.com/base/web:1
            rebuilt: 2026-11-01
            components: { node: \(p), \(p): \(p) }
            environments:
              \(p):
                version: \(p)
                image: registry.example.com/team/api:1
                components: { node: \(p) }
              production:
                version: \(p)
            target:
              components: { node: \(p) }
              version: \(p)
            exceptions:
              - component: \(p)
                version: \(p)
                reason: \(p)
                approved_by: \(p)
                until: 2027-01-01
            rollback:
              previous_image: registry.example.com/team/api:0
              command: \(p)
              config: \(p)
              health_check: \(p)
              stop_point: \(p)
              backups: \(p)
              database: \(p)
              decides: \(p)
            links:
              \(p): "https://x.example/\\"onmouseover=\\"alert(1)"
            signals: [\(p)]
            rollouts:
              - started: 2026-10-01T10:00
                stable: 2026-10-01T10:30
                to: \(p)
                note: \(p)
            ---
            \(Self.payload)

            <script>alert(2)</script>

            [click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) ![img](javascript:alert(4))
            """)
        let output = site.url.appending(path: "public")
        _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
        let pages = snapshot(output).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count == 8 + Rule.allCases.count)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            // The theme's script, and on the index the search index: data that runs nothing,
            // with no '<' inside, so nothing written in a service file can close it.
            let dataBlock = #"<script type="application/json" id="inventory-search">[^<]*</script>"#
            let data = html.ranges(of: try Regex(dataBlock))
            let scripts = html.ranges(of: "<script")
            #expect(data.count <= 1, "\(path)")
            #expect(scripts.count - data.count <= 1, "\(path)")
            if scripts.count > data.count { #expect(html.range(of: #"<script src="assets/inventory\.[0-9a-f]{10}\.js" defer></script>"#, options: .regularExpression) != nil, "\(path)") }
            #expect(!html.contains("href=\"javascript:"), "\(path)")
            #expect(!html.contains("src=\"javascript:"), "\(path)")
            // The only data: URL is the theme's empty icon, which stops a request for /favicon.ico.
            #expect(html.ranges(of: "href=\"data:").count == html.ranges(of: "<link rel=\"icon\" href=\"data:,\">").count, "\(path)")
            #expect(!html.contains("<img src=x"), "\(path)")
            #expect(!html.contains("<iframe"), "\(path)")
            #expect(!html.contains("\"onmouseover=\""), "\(path)")
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
        }
    }
}

extension String {
    func ranges(of needle: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var start = startIndex
        while let range = self[start...].range(of: needle) {
            found.append(range)
            start = range.upperBound
        }
        return found
    }
}
