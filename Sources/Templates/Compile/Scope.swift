/// How the lines of the template being compiled are indented: a partial's lines take the
/// indentation of its standalone tag, a block's content loses its own indentation and takes
/// the one where it is expanded. Each line that has something on it starts with `prefix`,
/// after the first `strip` bytes of its own white space are removed.
struct LineContext: Hashable, Sendable {
    var prefix: [UInt8] = []
    var strip = 0
}

/// A block's content: the node that opens it and the line context it was written in.
struct BlockContent: Hashable, Sendable {
    var template: Int
    var node: Int
    var context: LineContext
}

/// What is on the context stack where a tag stands, as far as the compiler knows: records
/// of a known shape, or texts (which hold no names). Empty in dynamic programs.
enum Frame: Hashable, Sendable {
    case record(Shape)
    case value(Kind)

    static func == (a: Frame, b: Frame) -> Bool {
        switch (a, b) {
        case (.record(let x), .record(let y)): x === y
        case (.value, .value): true
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .record(let shape): hasher.combine(ObjectIdentifier(shape))
        case .value: hasher.combine(0)
        }
    }
}

/// Everything that decides how a template's nodes compile at one place.
struct Scope: Sendable {
    /// Block contents that replace the defaults: from the parent tags being expanded, the
    /// outermost first (an outer override wins).
    var overrides: [String: BlockContent] = [:]
    /// The context stack's shapes, bottom first.
    var frames: [Frame] = []
    /// Block contents being expanded, so a block that names itself stops.
    var expanding: Set<BlockContent> = []
}

/// A unit is compiled once for each template, line context, overrides and (for typed
/// programs) context stack it is used with.
struct UnitKey: Hashable, Sendable {
    var template: Int
    var context: LineContext
    var overrides: [String: BlockContent]
    var frames: [Frame]

    /// The same key whatever the context stack: a unit that calls itself with this key
    /// again recurses as long as its data does.
    var withoutFrames: UnitKey {
        UnitKey(template: template, context: context, overrides: overrides, frames: [])
    }
}
