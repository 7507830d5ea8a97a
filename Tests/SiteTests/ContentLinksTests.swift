@testable import Site
import Markdown
import Testing

@Suite struct ContentLinksTests {
    @Test(arguments: [
        ("content/services/api.md", 2, "../standards.md", "../../standards/index.html"),
        ("content/services/api.md", 2, "worker.md#rollback", "../../services/worker/index.html#rollback"),
        ("content/services/api.md", 2, "./Worker.md", "../../services/worker/index.html"),
        ("content/services/api.md", 2, "../_index.md", "../../index.html"),
        ("content/_index.md", 0, "services/api.md", "services/api/index.html"),
        ("content/standards.md", 1, "services/api.md", "../services/api/index.html"),
    ])
    func rewritesLinksBetweenContentFiles(_ file: String, _ depth: Int, _ url: String, _ expected: String) {
        #expect(ContentLinks.rewriter(from: file, depth: depth)(url) == expected)
    }

    @Test(arguments: ["https://wiki.example.com/a.md", "/absolute.md", "#top", "notes.txt", "../../../outside.md", "mailto:ops@example.com", "../docs/other.md"])
    func leavesOtherLinksAlone(_ url: String) {
        #expect(ContentLinks.rewriter(from: "content/services/api.md", depth: 2)(url) == nil)
    }

    @Test func markdownAppliesTheRewrite() {
        let html = Markdown.toHTML("See [the standard](../standards.md) and [docs](https://x.example/a.md).\n",
                                   rewriteLink: ContentLinks.rewriter(from: "content/services/api.md", depth: 2))
        #expect(html == "<p>See <a href=\"../../standards/index.html\">the standard</a> and <a href=\"https://x.example/a.md\">docs</a>.</p>\n")
    }
}
