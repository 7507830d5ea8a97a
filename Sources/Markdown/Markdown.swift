import CCmarkGFM
import Foundation

/// Renders a runbook body to HTML with cmark-gfm: tables, strikethrough, autolinks, task
/// lists and tagfilter. Raw HTML is not passed through (no `CMARK_OPT_UNSAFE`), and links
/// with `javascript:`, `vbscript:`, `file:` or non-image `data:` URLs are dropped by cmark.
public enum Markdown {
    /// The extensions attached to every parser, by cmark-gfm's names.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// The version of the cmark-gfm library loaded at run time, as it reports itself.
    public static var libraryVersion: String { String(cString: cmark_version_string()) }

    /// Registers cmark-gfm's core extensions. Call once at start-up, before any concurrency;
    /// `toHTML` calls it too, and the work is done only once.
    public static func registerExtensions() {
        _ = registration
    }

    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// The end of a parse holds this lock. cmark-gfm keeps its table of special inline
    /// characters in a global that every parse with extensions marks when it starts on inlines
    /// and clears when it ends (github/cmark-gfm#176), so two parses at once can lose each
    /// other's autolinks. That happens in `cmark_parser_finish` only: feeding the text (block
    /// structure) and rendering need no lock. (The characters cannot be marked once for good
    /// instead: cmark finds an extension's delimiters by the same list it marks them from, and
    /// with the list emptied `~~` sends it into an endless loop.)
    private static let inlineLock = NSLock()

    /// The HTML of a Markdown text. Safe to call from several threads. `rewriteLink` may
    /// replace the URL of each link and image (nil keeps it).
    public static func toHTML(_ markdown: String, rewriteLink: ((String) -> String?)? = nil) -> String {
        registerExtensions()
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var markdown = markdown
        markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let document = inlineLock.withLock({ cmark_parser_finish(parser) }) else { return "" }
        defer { cmark_node_free(document) }
        if let rewriteLink { rewriteLinks(in: document, rewriteLink) }
        // The parser's extension list must reach the renderer, or tagfilter does nothing.
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private static func rewriteLinks(in document: OpaquePointer, _ rewrite: (String) -> String?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { continue }
            if let replacement = rewrite(String(cString: url)) { cmark_node_set_url(node, replacement) }
        }
    }
}
