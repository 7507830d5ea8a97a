/// A problem found while parsing, before the template's path is known.
struct ParseIssue: Sendable {
    var position: SourcePosition
    var message: String
}

/// Splits a template's bytes into text and tags, following `{{=<% %>=}}` delimiter changes.
struct Scanner {
    let source: [UInt8]
    let lines: LineTable
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private(set) var tokens: [Token] = []
    private(set) var issues: [ParseIssue] = []

    init(_ source: [UInt8]) {
        self.source = source
        lines = LineTable(source)
    }

    mutating func scan() {
        var offset = 0
        while offset < source.count {
            guard let tagStart = find(open, from: offset) else { break }
            if tagStart > offset { tokens.append(.text(offset..<tagStart)) }
            guard let tagEnd = scanTag(at: tagStart) else {
                // An unclosed tag ends the scan: what follows cannot be read reliably.
                return
            }
            offset = tagEnd
        }
        if offset < source.count { tokens.append(.text(offset..<source.count)) }
    }

    /// Scans the tag that starts at `start` and returns the offset after it, or nil when it
    /// has no closing delimiter.
    private mutating func scanTag(at start: Int) -> Int? {
        let position = lines.position(of: start)
        var contentStart = start + open.count
        let sigil = contentStart < source.count ? source[contentStart] : 0
        var kind = TagKind.variable
        var closing = close
        switch sigil {
        case UInt8(ascii: "{"): kind = .unescaped; closing = Array("}".utf8) + close
        case UInt8(ascii: "&"): kind = .unescaped
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "="): kind = .delimiters; closing = Array("=".utf8) + close
        case UInt8(ascii: "%"):
            issues.append(ParseIssue(position: position, message: "pragmas ({{%NAME}}) are not supported"))
        default: break
        }
        if kind != .variable || sigil == UInt8(ascii: "%") { contentStart += 1 }
        guard let contentEnd = find(closing, from: contentStart) else {
            issues.append(ParseIssue(position: position, message: "unclosed tag: no '\(String(decoding: closing, as: UTF8.self))' after '\(String(decoding: source[start..<contentStart], as: UTF8.self))'"))
            return nil
        }
        let end = contentEnd + closing.count
        let content = String(decoding: trimmed(source[contentStart..<contentEnd]), as: UTF8.self)
        if sigil == UInt8(ascii: "%") { return end }
        if kind == .delimiters { setDelimiters(content, at: position) }
        tokens.append(.tag(Tag(kind: kind, content: content, start: start, end: end, position: position)))
        return end
    }

    private mutating func setDelimiters(_ content: String, at position: SourcePosition) {
        let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            issues.append(ParseIssue(position: position, message: "invalid delimiters '\(content)': give an opening and a closing delimiter, without '=' or spaces, as in {{=<% %>=}}"))
            return
        }
        open = Array(parts[0].utf8)
        close = Array(parts[1].utf8)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start + needle.count <= source.count else { return nil }
        var index = start
        let last = source.count - needle.count
        while index <= last {
            if source[index] == first && source[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        return bytes
    }
}

/// Space, tab, carriage return or line feed.
@inline(__always) func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

/// Space or tab: what indents a line.
@inline(__always) func isIndent(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09
}
