import Analysis
@testable import Site
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
        #expect(RunbookSection.rollback(in: body) == "Run `undo`.\n```sh\n# not a heading inside a fence\n```\n### Checks\nWatch errors. Ünïcode stays.\n")
        #expect(RunbookSection.rollback(in: "## Rollback\n") == nil)
        #expect(RunbookSection.rollback(in: "#Rollback\ntext") == nil)
        #expect(RunbookSection.rollback(in: "# Roll-back\ntext\n#\nafter") == "text\n")
        #expect(RunbookSection.rollback(in: "no headings") == nil)
    }
}
