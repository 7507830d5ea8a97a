/// A fast reader for the YAML that content files are made of: block mappings and sequences
/// indented with spaces, keys of letters, digits, `_`, `-` and `.`, values that are plain on one
/// line, quoted on one line without escapes, or a flow list `[a, b]` of such values, and
/// comments. It builds the same `YAMLNode` tree libyaml gives, marks included, about ten times
/// faster, and gives up (nil) on everything else: anchors, aliases, tags, block scalars,
/// multi-line or escaped scalars, flow mappings, duplicate keys, tabs, carriage returns, control
/// characters, and any text libyaml would reject. `YAMLParser` then runs libyaml, so every
/// error message and every rarer construct stay exactly libyaml's. `YAMLParserTests` compare
/// the two trees on the example, a generated inventory and edge cases.
struct PlainBlockYAML {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let lineOffset: Int
    /// Every byte is ASCII: a column is then the byte offset in its line.
    private let ascii: Bool

    /// The current content line (not blank, not only a comment): where it starts, where its
    /// first character is (`first`, or later inside a `- ` item), where it ends, its number.
    private var lineStart = 0
    private var first = 0
    private var lineEnd = 0
    private var line = 0
    private var atEnd = false
    private var depth = 0

    /// Deeper than this, or more keys than `maximumKeys` in one mapping, the file goes to libyaml.
    private static let maximumDepth = 24
    private static let maximumKeys = 64

    /// The tree of `bytes` (the text between the front matter's fences, whose first line is
    /// line `lineOffset + 1`), or nil when it is not in the subset read here.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) -> YAMLNode? {
        guard let ascii = screen(bytes) else { return nil }
        var reader = PlainBlockYAML(bytes: bytes, lineOffset: lineOffset, ascii: ascii)
        reader.nextContentLine(from: 0, number: 1)
        guard !reader.atEnd, reader.first == reader.lineStart, reader.isKeyLine() else { return nil }
        guard let root = reader.mapping() else { return nil }
        return reader.atEnd ? root : nil
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int, ascii: Bool) {
        self.bytes = bytes
        self.lineOffset = lineOffset
        self.ascii = ascii
    }

    /// Nil when a byte needs libyaml's judgement (tab, carriage return, control characters, and
    /// the non-ASCII characters that YAML takes as line breaks, controls or a byte-order mark);
    /// otherwise whether the text is ASCII. The text is valid UTF-8 already.
    private static func screen(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var ascii = true
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight bytes at a time while they are printable ASCII or line feeds (almost all of a
            // content file): a byte at a time cost 13 instructions a byte.
            if let base = bytes.baseAddress, index + 8 <= count,
               isPlainASCII(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F || byte == 0x0A {
                index += 1
                continue
            }
            if byte < 0x80 { return nil }
            ascii = false
            let next = index + 1 < count ? bytes[index + 1] : 0
            let third = index + 2 < count ? bytes[index + 2] : 0
            if byte == 0xC2 && next < 0xA0 { return nil }                                 // C1 controls, NEL
            if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return nil } // LS, PS
            if byte == 0xEF && next == 0xBB && third == 0xBF { return nil }                // byte-order mark
            if byte == 0xEF && next == 0xBF && (third == 0xBE || third == 0xBF) { return nil } // U+FFFE, U+FFFF
            index += 1
        }
        return ascii
    }

    /// Whether all eight bytes of `word` are printable ASCII (0x20 to 0x7E) or line feeds. Each
    /// test sets a byte's high bit exactly (no carry crosses bytes: the low seven bits are added).
    private static func isPlainASCII(_ word: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        func matches(_ x: UInt64, below limit: UInt64) -> UInt64 { ~(((x & low) &+ (0x80 - limit) &* 0x0101_0101_0101_0101) | x) & high }
        let control = matches(word, below: 0x20)
        let lineFeed = matches(word ^ 0x0A0A_0A0A_0A0A_0A0A, below: 1)
        let delete = matches(word ^ low, below: 1)
        return (word & high) | (control & ~lineFeed) | delete == 0
    }

    // MARK: Lines

    /// Moves to the first line from `offset` (line `number`) that holds more than spaces and a
    /// comment; `atEnd` when there is none.
    private mutating func nextContentLine(from offset: Int, number: Int) {
        var start = offset, number = number
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var index = start
            while index < end && bytes[index] == 0x20 { index += 1 }
            if index < end && bytes[index] != 0x23 {
                lineStart = start
                first = index
                lineEnd = end
                line = number
                return
            }
            start = end + 1
            number += 1
        }
        atEnd = true
    }

    private mutating func advanceLine() {
        nextContentLine(from: lineEnd + 1, number: line + 1)
    }

    /// The indentation of the current line's content (or of a `- ` item's content).
    private var indent: Int { first - lineStart }

    private func column(_ offset: Int) -> Int {
        if ascii { return offset - lineStart + 1 }
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    private func byte(_ offset: Int) -> UInt8 { offset < lineEnd ? bytes[offset] : 0x0A }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: Collections

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E
    }

    /// The end of the key at `first` when the current line is `key:` or `key: ...`.
    private func keyEnd() -> Int? {
        let start = first
        let b = byte(start)
        guard (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b) || b == 0x5F else { return nil }
        var end = start + 1
        while end < lineEnd && Self.isKeyByte(bytes[end]) { end += 1 }
        // libyaml refuses a key longer than 1,024 characters.
        guard end - start < 1000 else { return nil }
        guard byte(end) == 0x3A, byte(end + 1) == 0x20 || byte(end + 1) == 0x0A else { return nil }
        return end
    }

    private func isKeyLine() -> Bool { keyEnd() != nil }

    private func isItemLine() -> Bool {
        byte(first) == 0x2D && (byte(first + 1) == 0x20 || byte(first + 1) == 0x0A)
    }

    /// The block mapping whose first key is at the current position; its keys are at `indent`.
    private mutating func mapping() -> YAMLNode? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return nil }
        let level = indent
        let startLine = line + lineOffset, startColumn = column(first)
        var pairs: [YAMLPair] = []
        var endLine = startLine
        while !atEnd && indent >= level {
            guard indent == level, let keyEnd = keyEnd(), pairs.count < Self.maximumKeys else { return nil }
            let name = text(first, keyEnd)
            for pair in pairs where pair.key.scalar == name { return nil }
            let keyLine = line + lineOffset
            let key = YAMLNode(.scalar(name, plain: true), line: keyLine, column: column(first), endLine: keyLine)
            guard let value = value(after: keyEnd + 1, level: level, colon: keyEnd) else { return nil }
            endLine = max(endLine, value.endLine)
            pairs.append(YAMLPair(key: key, value: value))
        }
        return YAMLNode(.mapping(pairs), line: startLine, column: startColumn, endLine: endLine)
    }

    /// The block sequence whose first `- ` is at the current position.
    private mutating func sequence() -> YAMLNode? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return nil }
        let level = indent
        let startLine = line + lineOffset, startColumn = column(first)
        var items: [YAMLNode] = []
        var endLine = startLine
        while !atEnd && indent >= level {
            guard indent == level, isItemLine() else { return nil }
            var start = first + 1
            while byte(start) == 0x20 { start += 1 }
            // `-` alone, or with a comment only: libyaml's empty item or a nested block.
            guard byte(start) != 0x0A, byte(start) != 0x23 else { return nil }
            let item: YAMLNode?
            first = start
            if isKeyLine() {
                item = mapping()
            } else if isItemLine() {
                return nil
            } else {
                item = value(at: start, level: level)
            }
            guard let item else { return nil }
            endLine = max(endLine, item.endLine)
            items.append(item)
        }
        return YAMLNode(.sequence(items), line: startLine, column: startColumn, endLine: endLine)
    }

    /// A mapping's value: on the key's line after the colon, or a block on the next lines. The
    /// current line is the key's; on return it is the line after the value.
    private mutating func value(after offset: Int, level: Int, colon: Int) -> YAMLNode? {
        var start = offset
        while byte(start) == 0x20 { start += 1 }
        if byte(start) == 0x0A || (byte(start) == 0x23 && start > offset) {
            let keyLine = line
            let empty = YAMLNode(.scalar("", plain: true), line: keyLine + lineOffset, column: column(colon + 1), endLine: keyLine + lineOffset)
            advanceLine()
            if atEnd || indent < level { return empty }
            if indent == level { return isItemLine() ? nil : empty }
            if isItemLine() { return sequence() }
            if isKeyLine() { return mapping() }
            return nil
        }
        return value(at: start, level: level)
    }

    /// A value written on the current line at `start`; nothing but a comment may follow it, and
    /// the next line must not be indented deeper than `level` (a continuation, or an error).
    private mutating func value(at start: Int, level: Int) -> YAMLNode? {
        let node: YAMLNode
        var end: Int
        switch byte(start) {
        case 0x5B: // [
            guard let (list, close) = flowList(at: start) else { return nil }
            node = list
            end = close + 1
        case 0x7B: // {
            guard let (map, close) = flowMapping(at: start) else { return nil }
            node = map
            end = close + 1
        case 0x22, 0x27: // " '
            guard let close = quoteEnd(start) else { return nil }
            node = scalar(start + 1, close, at: start, plain: false)
            end = close + 1
        default:
            guard let last = plainEnd(start, flow: nil) else { return nil }
            node = scalar(start, last, at: start, plain: true)
            end = last
        }
        while byte(end) == 0x20 { end += 1 }
        guard byte(end) == 0x0A || (byte(end) == 0x23 && bytes[end - 1] == 0x20) else { return nil }
        advanceLine()
        guard atEnd || indent <= level else { return nil }
        return node
    }

    private func scalar(_ start: Int, _ end: Int, at position: Int, plain: Bool) -> YAMLNode {
        let number = line + lineOffset
        return YAMLNode(.scalar(text(start, end), plain: plain), line: number, column: column(position), endLine: number)
    }

    /// `[a, "b", c]` on one line: the list and the offset of its `]`.
    private func flowList(at start: Int) -> (YAMLNode, Int)? {
        var items: [YAMLNode] = []
        var index = start + 1
        while byte(index) == 0x20 { index += 1 }
        if byte(index) != 0x5D {
            while true {
                guard let (item, end) = flowScalar(at: index, closing: 0x5D) else { return nil }
                items.append(item)
                index = end
                while byte(index) == 0x20 { index += 1 }
                if byte(index) == 0x5D { break }
                guard byte(index) == 0x2C else { return nil }
                index += 1
                while byte(index) == 0x20 { index += 1 }
            }
        }
        let number = line + lineOffset
        let node = YAMLNode(.sequence(items), line: number, column: column(start), endLine: number,
                            flowClose: (line: number, column: column(index)))
        return (node, index)
    }

    /// `{ a: "1", b: c }` on one line: the mapping and the offset of its `}`.
    private mutating func flowMapping(at start: Int) -> (YAMLNode, Int)? {
        var pairs: [YAMLPair] = []
        var index = start + 1
        while byte(index) == 0x20 { index += 1 }
        if byte(index) != 0x7D {
            while true {
                let keyStart = index
                first = keyStart
                guard let keyEnd = keyEnd(), pairs.count < Self.maximumKeys else { return nil }
                let name = text(keyStart, keyEnd)
                for pair in pairs where pair.key.scalar == name { return nil }
                let key = scalar(keyStart, keyEnd, at: keyStart, plain: true)
                index = keyEnd + 1
                while byte(index) == 0x20 { index += 1 }
                guard let (value, end) = flowScalar(at: index, closing: 0x7D) else { return nil }
                pairs.append(YAMLPair(key: key, value: value))
                index = end
                while byte(index) == 0x20 { index += 1 }
                if byte(index) == 0x7D { break }
                guard byte(index) == 0x2C else { return nil }
                index += 1
                while byte(index) == 0x20 { index += 1 }
            }
        }
        let number = line + lineOffset
        let node = YAMLNode(.mapping(pairs), line: number, column: column(start), endLine: number,
                            flowClose: (line: number, column: column(index)))
        return (node, index)
    }

    /// A quoted or plain value inside `[...]` or `{...}` (closed by `closing`), and its end.
    private func flowScalar(at index: Int, closing: UInt8) -> (YAMLNode, Int)? {
        switch byte(index) {
        case 0x22, 0x27:
            guard let close = quoteEnd(index) else { return nil }
            return (scalar(index + 1, close, at: index, plain: false), close + 1)
        default:
            guard let last = plainEnd(index, flow: closing) else { return nil }
            return (scalar(index, last, at: index, plain: true), last)
        }
    }

    /// The offset of the closing quote of a one-line scalar quoted at `start`, with no escape
    /// (`\` in double quotes, `''` in single quotes) in it.
    private func quoteEnd(_ start: Int) -> Int? {
        let quote = bytes[start]
        var index = start + 1
        while index < lineEnd {
            let b = bytes[index]
            if b == quote {
                if quote == 0x27 && byte(index + 1) == 0x27 { return nil }
                return index
            }
            if b == 0x5C && quote == 0x22 { return nil }
            index += 1
        }
        return nil
    }

    /// The end (after trailing spaces are dropped) of a plain scalar starting at `start`. In a
    /// block it runs to the line's end or a ` #` comment and must hold no `: `; in a flow
    /// collection closed by `flow` it holds letters, digits, spaces and `_ . / + -` only and
    /// ends at `,` or the closing bracket.
    private func plainEnd(_ start: Int, flow closing: UInt8?) -> Int? {
        let flow = closing != nil
        let b = byte(start)
        if flow {
            guard (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b) || b == 0x5F else { return nil }
        } else {
            switch b {
            case 0x0A, 0x20, 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E,
                 0x27, 0x22, 0x25, 0x40, 0x60:
                return nil
            default: break
            }
        }
        var index = start, last = start
        while index < lineEnd {
            let c = bytes[index]
            if c == 0x20 {
                if byte(index + 1) == 0x23 { break }
                index += 1
                continue
            }
            if flow {
                if c == 0x2C || c == closing { break }
                guard (0x61...0x7A).contains(c) || (0x41...0x5A).contains(c) || (0x30...0x39).contains(c)
                        || c == 0x5F || c == 0x2E || c == 0x2F || c == 0x2B || c == 0x2D else { return nil }
            } else if c == 0x3A && (byte(index + 1) == 0x20 || byte(index + 1) == 0x0A) {
                return nil
            }
            index += 1
            last = index
        }
        if flow && byte(index) == 0x20 && byte(index + 1) == 0x23 { return nil }
        return last
    }
}
