import Analysis
@testable import Site
import Markdown
import Testing

/// The shortest relative link between any two pages, and the runbook's rollback section.
@Suite struct RouteAndRunbookTests {
    @Test func linksAreTheShortestRelativePath() {
        #expect(Route.index.link(to: .index) == "index.html")
        #expect(Route.index.link(to: .service("api")) == "services/api/index.html")
        #expect(Route.service("api").link(to: .index) == "../../index.html")
        #expect(Route.service("api").link(to: .rollback("api")) == "rollback/index.html")
        #expect(Route.rollback("api").link(to: .service("api")) == "../index.html")
        #expect(Route.rollback("api").link(to: .rollback("api")) == "index.html")
        #expect(Route.service("api").link(to: .service("api")) == "index.html")
        // A slug that starts like another shares no folder with it.
        #expect(Route.service("ab").link(to: .service("abc")) == "../abc/index.html")
        #expect(Route.rollback("abc").link(to: .service("ab")) == "../../ab/index.html")
        #expect(Route.findings.link(to: .findingsJSON) == "../findings.json")
        #expect(Route.findings.link(to: .progress) == "../progress/index.html")
        #expect(Route.service("api").link(to: .rollback("web")) == "../web/rollback/index.html")
    }

    /// A link to a service page from a page outside `services/` takes a shortcut (up to the
    /// root, down again): it must be what the general rule gives, from every kind of page.
    @Test func linksToServicePagesTakeTheGeneralRulesPath() {
        let from: [Route] = Route.siteWide + Route.organisationWide + [.service("api"), .rollback("api"), .service("ab")]
        for page in from {
            #expect(page.depth == page.path.utf8.count { $0 == UInt8(ascii: "/") }, "\(page)")
            for slug in ["api", "ab", "abc", "x.y_z"] {
                #expect(page.link(to: .service(slug)) == Route.relative(from: page.path, to: Route.service(slug).path), "\(page) → \(slug)")
            }
        }
        #expect(Route.rule(.eolReached).link(to: .service("api")) == "../../services/api/index.html")
    }

    @Test func theRollbackSectionEndsAtTheNextHeadingOfItsLevel() {
        let body = """
            # Runbook
            Intro.
            ## Rolling back
            Run `undo`.
            ```sh
            # not a heading inside a fence
            ```
            ### Checks
            Watch errors. Ünïcode stays.
            ## Afterwards
            Tell the team.
            """
        func rollback(_ text: String) -> String? { RunbookSection.rollbackHTML(in: MarkdownDocument(text)) }
        #expect(rollback(body) == "<p>Run <code>undo</code>.</p>\n<pre><code class=\"language-sh\"># not a heading inside a fence\n</code></pre>\n<h3>Checks</h3>\n<p>Watch errors. Ünïcode stays.</p>\n")
        #expect(rollback("## Rollback\n") == nil)
        #expect(rollback("#Rollback\ntext") == nil)
        #expect(rollback("# Roll-back\ntext\n#\nafter") == "<p>text</p>\n")
        #expect(rollback("## **Roll** back `now`\ntext\n### Sub\nmore\n## Next\nafter") == "<p>text</p>\n<h3>Sub</h3>\n<p>more</p>\n")
        #expect(rollback("no headings") == nil)
    }

    /// One parse serves both pages: the whole runbook with links for the service page, the
    /// rollback section with links for the rollback page, in either order.
    @Test func oneParsedRunbookRewritesLinksForEachPage() {
        let runbook = MarkdownDocument("[top](a.md)\n## Rollback\nSee [doc](a.md) and ![x](i.png).\n")
        let deeper: (String) -> String? = { $0.hasSuffix(".md") ? "../" + $0.dropLast(3) + "/" : nil }
        #expect(RunbookSection.rollbackHTML(in: runbook, rewriteLink: deeper) == "<p>See <a href=\"../a/\">doc</a> and <img src=\"i.png\" alt=\"x\" />.</p>\n")
        #expect(runbook.html() == "<p><a href=\"a.md\">top</a></p>\n<h2>Rollback</h2>\n<p>See <a href=\"a.md\">doc</a> and <img src=\"i.png\" alt=\"x\" />.</p>\n")
        #expect(runbook.html(rewriteLink: { $0 == "i.png" ? "../i.png" : nil }) == "<p><a href=\"a.md\">top</a></p>\n<h2>Rollback</h2>\n<p>See <a href=\"a.md\">doc</a> and <img src=\"../i.png\" alt=\"x\" />.</p>\n")
        #expect(Markdown.toHTML("[a](b)") == "<p><a href=\"b\">a</a></p>\n")
    }
}
