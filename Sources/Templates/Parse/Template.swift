/// A name a tag looks up: `.` (the current value) or a dotted path such as `image.tag`.
enum Name: Hashable, Sendable, CustomStringConvertible {
    case implicit
    case path([String])

    var description: String {
        switch self {
        case .implicit: "."
        case .path(let parts): parts.joined(separator: ".")
        }
    }
}

/// One step of a parsed template. Sections, parents and blocks hold their content in the
/// nodes that follow them, up to `end`, where the template goes on.
struct Node: Sendable {
    enum Kind: Sendable {
        case text(Range<Int>)
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, end: Int)
        case partial(String)
        case parent(String, end: Int)
        case block(String, end: Int)
    }

    var kind: Kind
    var position: SourcePosition
    /// The first piece of its line in the template.
    var lineStart = false
    /// A partial, parent or block tag alone on its line.
    var standalone = false
    /// For a standalone tag: the white space before it, which indents what it expands to.
    var indentation: ArraySlice<UInt8> = []
    /// For a standalone block: the white space that all its content's lines start with.
    var margin: ArraySlice<UInt8> = []
}

/// A template parsed once: its source (text nodes point into it) and its nodes.
struct Template: Sendable {
    let name: String
    /// The file, as errors name it.
    let path: String
    let source: [UInt8]
    let nodes: [Node]
}
