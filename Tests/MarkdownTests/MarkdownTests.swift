import Foundation
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
    /// cmark-gfm's special-character table is global (github/cmark-gfm#176); only the end of
    /// a parse holds a lock: parallel renders must still agree with sequential ones. Long
    /// documents full of autolinks and strikethrough keep the parses overlapping; without the
    /// lock, autolinks go missing here.
    @Test func parallelRendersMatchSequentialOnes() async {
        let inputs = (0..<400).map { item in
            (0..<60).map { line in
                "Item \(item).\(line): see https://wiki.example.com/\(item)/\(line) or www.example.org/\(line), ~~old~~ *new*"
            }.joined(separator: "\n") + "\n\n| a |\n|---|\n| \(item) |\n"
        }
        let expected = inputs.map { Markdown.toHTML($0) }
        for _ in 0..<3 {
            let results = await withTaskGroup(of: (Int, String).self) { group in
                for (index, input) in inputs.enumerated() { group.addTask { (index, Markdown.toHTML(input)) } }
                var results = [String](repeating: "", count: inputs.count)
                for await (index, html) in group { results[index] = html }
                return results
            }
            #expect(results == expected)
        }
        #expect(expected.allSatisfy { $0.components(separatedBy: "<a href=\"https://wiki.example.com/").count == 61 })
        #expect(expected.allSatisfy { $0.components(separatedBy: "<a href=\"http://www.example.org/").count == 61 })
        #expect(expected.allSatisfy { $0.components(separatedBy: "<del>old</del>").count == 61 })
    }
}

/// cmark-gfm parses, renders and frees without recursion, and the link rewriter walks the
/// tree with cmark's iterator: 100,000 levels of nesting render on a thread with a 256 KiB
/// stack, where any recursion per level would overflow it. So the body needs no depth limit.
@Suite struct MarkdownNestingTests {
    static let levels = 100_000

    /// Renders on a thread with a small stack and returns the HTML.
    func renderOnASmallStack(_ markdown: String) -> String {
        let done = DispatchSemaphore(value: 0)
        let result = RenderResult()
        let thread = Thread {
            result.html = Markdown.toHTML(markdown) { url in url + "#rewritten" }
            done.signal()
        }
        thread.stackSize = 256 * 1024
        thread.start()
        done.wait()
        return result.html
    }

    final class RenderResult: @unchecked Sendable {
        var html = ""
    }

    @Test func nestedBlockquotes() {
        let html = renderOnASmallStack(String(repeating: ">", count: Self.levels) + " [deep](https://example.com)\n")
        #expect(html.components(separatedBy: "<blockquote>").count - 1 == Self.levels)
        #expect(html.contains("href=\"https://example.com#rewritten\""))
    }

    @Test func nestedLists() {
        let html = renderOnASmallStack(String(repeating: "- ", count: Self.levels) + "[deep](https://example.com)\n")
        #expect(html.components(separatedBy: "<ul>").count - 1 == Self.levels)
        #expect(html.contains("href=\"https://example.com#rewritten\""))
    }

    @Test func nestedInlines() {
        let html = renderOnASmallStack(String(repeating: "*a **b ~~c [", count: Self.levels / 10) + "x" + String(repeating: "](https://example.com)~~ b** a*", count: Self.levels / 10) + "\n")
        #expect(html.contains("<em>"))
        #expect(html.contains("#rewritten"))
    }
}
