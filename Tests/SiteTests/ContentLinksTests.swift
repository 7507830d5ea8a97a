@testable import Site
import Markdown
import Testing

@Suite struct ContentLinksTests {
    @Test(arguments: [
        ("content/services/api.md", Route.service("api"), "../standards.md", "../../standards/index.html"),
        ("content/services/api.md", Route.service("api"), "worker.md#rollback", "../worker/index.html#rollback"),
        ("content/services/api.md", Route.service("api"), "./Worker.md", "../worker/index.html"),
        ("content/services/api.md", Route.service("api"), "../_index.md", "../../index.html"),
        ("content/_index.md", Route.index, "services/api.md", "services/api/index.html"),
        ("content/standards.md", Route.standards, "services/api.md", "../services/api/index.html"),
    ])
    func rewritesLinksBetweenContentFiles(_ file: String, _ route: Route, _ url: String, _ expected: String) {
        #expect(ContentLinks.rewriter(from: file, on: route)(url) == expected)
    }

    @Test(arguments: ["https://wiki.example.com/a.md", "/absolute.md", "#top", "notes.txt", "../../../outside.md", "mailto:ops@example.com", "../docs/other.md"])
    func leavesOtherLinksAlone(_ url: String) {
        #expect(ContentLinks.rewriter(from: "content/services/api.md", on: .service("api"))(url) == nil)
    }

    @Test func markdownAppliesTheRewrite() {
        let html = Markdown.toHTML("See [the standard](../standards.md) and [docs](https://x.example/a.md).\n",
                                   rewriteLink: ContentLinks.rewriter(from: "content/services/api.md", on: .service("api")))
        #expect(html == "<p>See <a href=\"../../standards/index.html\">the standard</a> and <a href=\"https://x.example/a.md\">docs</a>.</p>\n")
    }
}
