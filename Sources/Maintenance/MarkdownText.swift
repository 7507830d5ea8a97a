import Foundation

/// Small helpers for Markdown meant for a change ticket.
enum MarkdownText {
    /// Inline code that survives backticks in the text.
    static func code(_ text: String) -> String {
        var fence = "`"
        while text.contains(fence) { fence += "`" }
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// Text for a table cell: pipes escaped, line ends folded.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static let missing = "**⚠ missing**"
}

