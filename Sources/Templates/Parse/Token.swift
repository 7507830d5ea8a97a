/// What a tag does, from the character after its opening delimiter.
enum TagKind: Equatable, Sendable {
    case variable       // {{name}}
    case unescaped      // {{{name}}} or {{&name}}
    case section        // {{#name}}
    case inverted       // {{^name}}
    case close          // {{/name}}
    case comment        // {{! … }}
    case partial        // {{>name}}
    case parent         // {{<name}}
    case block          // {{$name}}
    case delimiters     // {{=<% %>=}}

    /// Tags that leave no trace on a line of their own: the line is removed from the output.
    var canStandAlone: Bool {
        switch self {
        case .variable, .unescaped: false
        default: true
        }
    }

    /// Tags that open a section of the template, closed by `{{/name}}`.
    var opens: Bool { self == .section || self == .inverted || self == .parent || self == .block }
}

/// A tag as scanned: its kind, its trimmed content and where it stands.
struct Tag: Sendable {
    var kind: TagKind
    var content: String
    /// Byte offsets of the whole tag, delimiters included.
    var start: Int
    var end: Int
    var position: SourcePosition
}

/// The template as scanned: literal text and tags, in order.
enum Token: Sendable {
    case text(Range<Int>)
    case tag(Tag)
}

/// The line and column of byte offsets in a source.
struct LineTable: Sendable {
    private var starts: [Int] = [0]
    private let source: [UInt8]

    init(_ source: [UInt8]) {
        self.source = source
        for (offset, byte) in source.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
    }

    func position(of offset: Int) -> SourcePosition {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        // Columns count characters as a reader sees them: UTF-8 continuation bytes add none.
        let column = source[starts[low]..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SourcePosition(line: Int32(low + 1), column: Int32(column))
    }
}
