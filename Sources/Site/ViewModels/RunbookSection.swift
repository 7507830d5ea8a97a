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

    /// Reads the body line by line on its UTF-8 bytes (splitting a long runbook into
    /// characters cost a sixth of a build); a heading's title is made a string only to match.
    static func section(in body: String, where matches: (String) -> Bool) -> String? {
        let hash = UInt8(ascii: "#"), space = UInt8(ascii: " ")
        var found: (level: Int, lines: [Substring.UTF8View])?
        var fence: [UInt8]?
        for line in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == space }
            if let open = fence {
                if trimmed.starts(with: open) { fence = nil }
                found?.lines.append(line)
                continue
            }
            if trimmed.starts(with: "```".utf8) || trimmed.starts(with: "~~~".utf8) {
                fence = Array(trimmed.prefix(3))
                found?.lines.append(line)
                continue
            }
            let level = trimmed.prefix { $0 == hash }.count
            let afterHashes = trimmed.dropFirst(level)
            let isHeading = (1...6).contains(level) && (afterHashes.isEmpty || afterHashes.first == space)
            if isHeading {
                if let current = found {
                    if level <= current.level { break }
                } else if matches(String(decoding: afterHashes, as: UTF8.self)) {
                    found = (level, [])
                    continue
                }
            }
            found?.lines.append(line)
        }
        guard let lines = found?.lines else { return nil }
        let text = lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").trimmingSpaces
        return text.isEmpty ? nil : text + "\n"
    }
}
