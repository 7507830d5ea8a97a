/// A section of a service's runbook by its heading, so a page can place the team's own words
/// where they apply (the rollback section inside the rollback procedure).
enum RunbookSection {
    /// The Markdown of the first section whose heading says "roll back" (`## Rolling back`,
    /// `### Rollback`), up to the next heading of the same or a higher level; nil without one.
    static func rollback(in body: String) -> String? {
        section(in: body) { title in
            let letters = title.lowercased().filter { $0.isLetter }
            return letters.contains("rollback") || letters.contains("rollingback")
        }
    }

    static func section(in body: String, where matches: (String) -> Bool) -> String? {
        var found: (level: Int, lines: [Substring])?
        var fence: Substring?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                found?.lines.append(line)
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                found?.lines.append(line)
                continue
            }
            let level = trimmed.prefix { $0 == "#" }.count
            let isHeading = (1...6).contains(level) && (trimmed.count == level || trimmed.dropFirst(level).first == " ")
            if isHeading {
                if let current = found {
                    if level <= current.level { break }
                } else if matches(String(trimmed.dropFirst(level))) {
                    found = (level, [])
                    continue
                }
            }
            found?.lines.append(line)
        }
        guard let lines = found?.lines else { return nil }
        let text = lines.joined(separator: "\n").trimmingSpaces
        return text.isEmpty ? nil : text + "\n"
    }
}
