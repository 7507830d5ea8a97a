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
