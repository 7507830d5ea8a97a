import Markdown

/// A section of a service's runbook by its heading, so a page can place the team's own words
/// where they apply (the rollback section inside the rollback procedure).
enum RunbookSection {
    /// Whether a heading's text names the rollback section ("Rolling back", "Rollback",
    /// "Roll-back").
    static func isRollback(_ heading: String) -> Bool {
        let letters = heading.lowercased().filter { $0.isLetter }
        return letters.contains("rollback") || letters.contains("rollingback")
    }

    /// The HTML of the first section whose heading says "roll back" (`## Rolling back`,
    /// `### Rollback`), up to the next heading of the same or a higher level; nil without one.
    static func rollbackHTML(in runbook: MarkdownDocument, rewriteLink: ((String) -> String?)? = nil) -> String? {
        runbook.sectionHTML(heading: isRollback, rewriteLink: rewriteLink)
    }
}
