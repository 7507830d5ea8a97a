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
    /// The section's lines follow each other, so its text is one slice of the body.
    static func section(in body: String, where matches: (String) -> Bool) -> String? {
        var body = body
        return body.withUTF8 { bytes -> String? in
            let hash = UInt8(ascii: "#"), space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
            var found: (level: Int, start: Int, end: Int?)?
            var fence: (byte: UInt8, count: Int)?
            var lineStart = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != newline { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var first = lineStart
                while first < lineEnd && bytes[first] == space { first += 1 }
                func starts(with byte: UInt8, _ count: Int) -> Bool {
                    lineEnd - first >= count && (0..<count).allSatisfy { bytes[first + $0] == byte }
                }
                if let open = fence {
                    if starts(with: open.byte, open.count) { fence = nil }
                    found?.end = lineEnd
                    continue
                }
                if starts(with: UInt8(ascii: "`"), 3) || starts(with: UInt8(ascii: "~"), 3) {
                    fence = (bytes[first], 3)
                    found?.end = lineEnd
                    continue
                }
                var level = 0
                while first + level < lineEnd && bytes[first + level] == hash { level += 1 }
                let title = first + level
                let isHeading = (1...6).contains(level) && (title == lineEnd || bytes[title] == space)
                if isHeading {
                    if let current = found {
                        if level <= current.level { break }
                    } else if matches(String(decoding: UnsafeBufferPointer(rebasing: bytes[title..<lineEnd]), as: UTF8.self)) {
                        found = (level, lineEnd + 1, nil)
                        continue
                    }
                }
                found?.end = lineEnd
            }
            guard let found, let end = found.end else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[found.start..<end]), as: UTF8.self).trimmingSpaces
            return text.isEmpty ? nil : text + "\n"
        }
    }
}
