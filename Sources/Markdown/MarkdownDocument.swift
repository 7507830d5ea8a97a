import CCmarkGFM
import Foundation

/// A Markdown text parsed once, rendered whole or one section at a time: a service's runbook
/// is shown whole on its page and its rollback section again on the rollback page, and cmark
/// parsing the text twice was a twelfth of a build. Each rendering rewrites the links for the
/// page it goes on. Not shared between threads: a page's job makes and drops it.
public final class MarkdownDocument {
    private let parser: OpaquePointer?
    private let document: OpaquePointer?
    /// Each link's and image's URL as written, by node, once a rendering has rewritten it.
    private var written: [OpaquePointer: String] = [:]

    public init(_ markdown: String) {
        let parsed = Markdown.parse(markdown)
        parser = parsed?.parser
        document = parsed?.document
    }

    deinit {
        if let document { cmark_node_free(document) }
        if let parser { cmark_parser_free(parser) }
    }

    /// The HTML of the whole text. `rewriteLink` may replace the URL of each link and image
    /// (nil keeps it).
    public func html(rewriteLink: ((String) -> String?)? = nil) -> String {
        guard let document else { return "" }
        rewriteLinks(under: document, rewriteLink)
        return render(document)
    }

    /// The HTML of the first section whose heading's text `heading` accepts, without the
    /// heading: the blocks after it up to the next heading of the same or a higher level. Nil
    /// without such a heading or when the section is empty.
    public func sectionHTML(heading: (String) -> Bool, rewriteLink: ((String) -> String?)? = nil) -> String? {
        guard let document else { return nil }
        var node = cmark_node_first_child(document)
        var level: Int32?
        var blocks: [OpaquePointer] = []
        while let current = node {
            defer { node = cmark_node_next(current) }
            let isHeading = cmark_node_get_type(current) == CMARK_NODE_HEADING
            if let level {
                if isHeading && cmark_node_get_heading_level(current) <= level { break }
                blocks.append(current)
            } else if isHeading && heading(Self.text(of: current)) {
                level = cmark_node_get_heading_level(current)
            }
        }
        guard !blocks.isEmpty else { return nil }
        var html = ""
        for block in blocks {
            rewriteLinks(under: block, rewriteLink)
            html += render(block)
        }
        return html
    }

    private func render(_ node: OpaquePointer) -> String {
        // The parser's extension list must reach the renderer, or tagfilter does nothing.
        guard let html = cmark_render_html(node, Markdown.options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// The literal text under a node: a heading's words without their Markdown.
    private static func text(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator),
                  let literal = cmark_node_get_literal(child) else { continue }
            text += String(cString: literal)
        }
        return text
    }

    /// Sets each link's and image's URL under `node` to the page's rewrite of the URL as written.
    private func rewriteLinks(under node: OpaquePointer, _ rewrite: ((String) -> String?)?) {
        guard rewrite != nil || !written.isEmpty, let iterator = cmark_iter_new(node) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let link = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(link)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let original: String
            if let known = written[link] {
                original = known
            } else if let url = cmark_node_get_url(link) {
                original = String(cString: url)
            } else { continue }
            let url = rewrite?(original) ?? original
            if url != original || written[link] != nil {
                written[link] = original
                cmark_node_set_url(link, url)
            }
        }
    }
}
