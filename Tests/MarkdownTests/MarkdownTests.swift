import Testing
@testable import Markdown

@Suite struct MarkdownTests {
    @Test func rendersCommonMark() {
        #expect(Markdown.toHTML("# Title\n\nSome *emphasis*.\n") == "<h1>Title</h1>\n<p>Some <em>emphasis</em>.</p>\n")
    }

    @Test func rendersTables() {
        let html = Markdown.toHTML("| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>1</td>"))
    }

    @Test func rendersStrikethroughAutolinksAndTasks() {
        let html = Markdown.toHTML("~~old~~ see https://wiki.example.com/ops\n\n- [ ] todo\n- [x] done\n")
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"https://wiki.example.com/ops\">https://wiki.example.com/ops</a>"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("checked=\"\""))
    }

    @Test func dropsRawHTML() {
        let html = Markdown.toHTML("<script>alert(1)</script>\n\nText <b>bold</b> <iframe src=x>\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func dropsJavaScriptLinks() {
        let html = Markdown.toHTML("[click](javascript:alert(1)) and [ok](https://example.com)\n")
        #expect(!html.contains("javascript:"))
        #expect(html.contains("href=\"https://example.com\""))
    }

    @Test func escapesCodeBlocks() {
        let html = Markdown.toHTML("```sh\necho '<tag>' && true\n```\n")
        #expect(html.contains("echo '&lt;tag&gt;' &amp;&amp; true"))
        #expect(html.contains("class=\"language-sh\""))
    }
}

@Suite struct MarkdownConcurrencyTests {
    /// cmark-gfm's special-character table is global; parallel renders must still agree.
    @Test func parallelRendersMatchSequentialOnes() async {
        let inputs = (0..<200).map { "Item \($0): see https://wiki.example.com/\($0) and ~~old~~ *new*\n\n| a |\n|---|\n| \($0) |\n" }
        let expected = inputs.map { Markdown.toHTML($0) }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for (index, input) in inputs.enumerated() { group.addTask { (index, Markdown.toHTML(input)) } }
            var results = [String](repeating: "", count: inputs.count)
            for await (index, html) in group { results[index] = html }
            return results
        }
        #expect(results == expected)
        #expect(expected.allSatisfy { $0.contains("<a href=\"https://wiki.example.com/") })
    }
}
