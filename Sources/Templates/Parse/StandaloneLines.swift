/// A piece of the template after standalone lines are taken out: text that never spans a
/// line break (a piece ends at its `\n`), or a tag other than a comment or a delimiter change.
struct Item: Sendable {
    enum Content: Sendable {
        case text(Range<Int>)
        case tag(Tag)
    }

    var content: Content
    /// The first piece of a line: the place where a partial's indentation goes.
    var lineStart = false
    /// A tag alone on its line (or with the inheritance tags it may pair with): the line's
    /// white space and line break are not output.
    var standalone = false
    /// For a standalone tag: the white space before it on its line.
    var indentation: Range<Int> = 0..<0
    /// For a standalone tag: its whole line, line break included.
    var line: Range<Int> = 0..<0
}

/// Applies Mustache's standalone rule: a line that holds only white space and one tag that
/// outputs nothing (a section tag, a comment, a partial, …) is removed whole, but for what
/// the tag itself renders. Inheritance tags may stand two to a line: `{{<parent}}{{$block}}`,
/// `{{/block}}{{/parent}}`, `{{<parent}}{{/parent}}`, and `{{$block}}{{/block}}` (which keeps
/// its line break).
struct StandaloneLines {
    let source: [UInt8]
    private(set) var items: [Item] = []
    /// Sections open so far, to tell what a `{{/name}}` closes.
    private var open: [(kind: TagKind, name: String)] = []

    init(source: [UInt8], tokens: [Token]) {
        self.source = source
        var line: [Item] = []
        var lineStart = 0
        for token in tokens {
            switch token {
            case .tag(let tag):
                line.append(Item(content: .tag(tag)))
            case .text(let range):
                var start = range.lowerBound
                while start < range.upperBound {
                    let newline = source[start..<range.upperBound].firstIndex(of: UInt8(ascii: "\n"))
                    let end = newline.map { $0 + 1 } ?? range.upperBound
                    line.append(Item(content: .text(start..<end)))
                    if newline != nil {
                        finish(line, from: lineStart, to: end)
                        line = []
                        lineStart = end
                    }
                    start = end
                }
            }
        }
        finish(line, from: lineStart, to: source.count)
    }

    private mutating func finish(_ line: [Item], from start: Int, to end: Int) {
        var tags: [(index: Int, tag: Tag, closes: TagKind?)] = []
        var blank = true
        for (index, item) in line.enumerated() {
            switch item.content {
            case .tag(let tag): tags.append((index, tag, track(tag)))
            case .text(let range): blank = blank && isBlank(range)
            }
        }
        let verdict = blank ? standalone(tags) : .no
        if verdict != .no {
            var removed = line
            for (number, entry) in tags.enumerated() {
                removed[entry.index].standalone = true
                removed[entry.index].line = start..<end
                if number == 0 { removed[entry.index].indentation = start..<entry.tag.start }
            }
            var output = tags.map { removed[$0.index] }
            if verdict == .keepingLineBreak, let last = line.last, case .text(let range) = last.content, let breakStart = lineBreak(in: range) {
                output.append(Item(content: .text(breakStart..<range.upperBound)))
            }
            append(output, markingLineStart: false)
        } else {
            append(line, markingLineStart: true)
        }
    }

    private enum Verdict {
        case no, yes
        /// `{{$block}}{{/block}}` alone on a line: its white space goes, its line break stays.
        case keepingLineBreak
    }

    /// Whether the tags of an otherwise blank line stand alone.
    private func standalone(_ tags: [(index: Int, tag: Tag, closes: TagKind?)]) -> Verdict {
        if tags.count == 1 { return tags[0].tag.kind.canStandAlone ? .yes : .no }
        guard tags.count == 2, tags[0].tag.end == tags[1].tag.start else { return .no }
        let (first, second) = (tags[0], tags[1])
        let sameName = first.tag.content == second.tag.content
        switch (first.tag.kind, second.tag.kind) {
        case (.parent, .block): return .yes
        case (.close, .close) where first.closes == .block && second.closes == .parent: return .yes
        case (.parent, .close) where second.closes == .parent && sameName: return .yes
        case (.block, .close) where second.closes == .block && sameName: return .keepingLineBreak
        default: return .no
        }
    }

    /// Keeps the stack of open sections; returns the kind of section a closing tag closes.
    private mutating func track(_ tag: Tag) -> TagKind? {
        if tag.kind.opens { open.append((tag.kind, tag.content)) }
        guard tag.kind == .close, let last = open.popLast() else { return nil }
        return last.name == tag.content ? last.kind : nil
    }

    /// Comments and delimiter changes have done their work; the first piece that remains
    /// starts the line.
    private mutating func append(_ line: [Item], markingLineStart: Bool) {
        var first = markingLineStart
        for var item in line {
            if case .tag(let tag) = item.content, tag.kind == .comment || tag.kind == .delimiters { continue }
            item.lineStart = first
            first = false
            items.append(item)
        }
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        source[range].allSatisfy { isSpace($0) }
    }

    private func lineBreak(in range: Range<Int>) -> Int? {
        guard range.upperBound > range.lowerBound, source[range.upperBound - 1] == UInt8(ascii: "\n") else { return nil }
        let before = range.upperBound - 2
        return before >= range.lowerBound && source[before] == UInt8(ascii: "\r") ? before : range.upperBound - 1
    }
}
