import Foundation
@testable import Inventory
import Site
import Testing

/// A member's data is data: script in names renders as text, and nothing links outside the
/// member's own base URL, whatever its slugs and base_url say.
@Suite(.serialized) struct MemberInjectionTests {
    static let hostile = #"""
        {"schema": 1, "today": "2026-11-27", "title": "<script>alert('title')</script>",
         "base_url": "javascript:alert('base')",
         "standard": {"components": {"node<img src=x onerror=alert(1)>": "22"}, "images": {}},
         "services": [
          {"slug": "javascript:alert(1)", "name": "<script>alert('name')</script>", "owner": "\"><img src=x onerror=alert('owner')>",
           "status": "active", "on_standard_path": false, "reasons": ["<b>r</b>"], "blocks_updates": false,
           "base_image": "javascript:alert('image')", "rebuilt": "2026-11-01",
           "components": {"node": "22.1.0<script>alert('version')</script>"},
           "environments": {"production": {"version": "1.0\u0000<svg onload=alert(1)>", "image": "javascript:alert('prod')",
                                           "digest": "sha256:<script>", "deployed": null, "components": {}}},
           "exceptions": [], "file": "x"},
          {"slug": "../../../evil", "name": "Escape", "status": "active", "components": {}, "environments": {}},
          {"slug": "plain", "name": "Plain \u202Eevil", "status": "active", "components": {}, "environments": {}}
         ]}
        """#
    static let findings = #"{"schema": 1, "today": "2026-11-27", "findings": [{"rule": "eol-reached", "severity": "error", "service": "plain", "file": "x", "line": 1, "column": 1, "message": "<script>alert('finding')</script>", "hint": ""}]}"#

    @Test func hostileMemberRendersAsTextAndLinksOnlyUnderItsBase() throws {
        let work = TemporaryFolder()
        work.write("member/inventory.json", Self.hostile)
        work.write("member/findings.json", Self.findings)
        let server = MemberServer()
        try server.start()
        defer { server.stop() }
        server["team"] = .folder(work.url.appending(path: "member"))
        let base = server.url("team")
        work.write("org/content/_index.md", """
            ---
            members:
              - { name: "Team <i>", url: "\(base)" }
              - { name: Local, path: ../member }
            ---
            """)
        work.write("org/content/standards.md", "---\ncomponents: { node: \"22\" }\n---\n")
        let output = work.url.appending(path: "org/public")
        let result = try buildSite(work.url.appending(path: "org"), output)
        #expect(result.report.findings.contains { $0.rule == .memberEOLReached && $0.message.contains("<script>alert('finding')") })
        for page in ["organisation/index.html", "organisation/components/index.html", "organisation/search/index.html", "findings/member-eol-reached/index.html"] {
            let html = work.read("org/public/\(page)")
            #expect(!html.isEmpty, "\(page)")
            #expect(!html.contains("<script>alert"), "\(page) holds a script from a member")
            #expect(!html.contains("<img src=x"), "\(page)")
            #expect(!html.contains("<svg"), "\(page)")
            #expect(!html.lowercased().contains("href=\"javascript:"), "\(page)")
            #expect(!html.contains("\u{202E}"), "\(page)")
            for href in Self.hrefs(html) {
                let external = href.contains(":") && href != "data:,"  // data:, is the page's empty icon
                if external {
                    #expect(href.hasPrefix(base), "\(page) links \(href), outside \(base)")
                    #expect(!href.contains(".."), "\(page) links \(href)")
                }
            }
        }
        let search = work.read("org/public/organisation/search/index.html")
        #expect(search.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"))
        #expect(search.contains("<a href=\"\(base)services/plain/index.html\">Plain evil</a>"))
        #expect(!search.contains("services/javascript"))
        #expect(!search.contains("evil/index.html"))
        #expect(search.contains("Escape"))
        let index = work.read("org/public/organisation/index.html")
        #expect(index.contains("<a href=\"\(base)index.html\">Team &lt;i&gt;</a>"))
        // The member read from a folder declares base_url javascript:…: it is not linked at all.
        #expect(index.contains("<td>Local<td>"))
    }

    static func hrefs(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}
