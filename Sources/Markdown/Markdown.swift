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
        MarkdownDocument(markdown).html(rewriteLink: rewriteLink)
    }

    /// Parses a text with the extensions attached; nil only if cmark cannot allocate.
    static func parse(_ markdown: String) -> (parser: OpaquePointer, document: OpaquePointer)? {
        registerExtensions()
        guard let parser = cmark_parser_new(options) else { return nil }
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
        guard let document = inlineLock.withLock({ cmark_parser_finish(parser) }) else {
            cmark_parser_free(parser)
            return nil
        }
        return (parser, document)
    }

    static let options = CMARK_OPT_DEFAULT
}
