/// A YAML node with its position. Scalars stay strings: the schema decides what they mean,
/// so `version: 1.10` is never read as the number 1.1.
public struct YAMLNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var kind: Kind
    /// 1-based line and column in the content file.
    public var line: Int
    public var column: Int
    /// The last line that holds part of this node (for editing files in place).
    public var endLine: Int
    /// For a flow collection (`[...]`, `{...}`), the line and column of its closing bracket.
    public var flowClose: (line: Int, column: Int)?

    public init(_ kind: Kind, line: Int, column: Int, endLine: Int? = nil, flowClose: (line: Int, column: Int)? = nil) {
        self.kind = kind
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.flowClose = flowClose
    }

    public static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        a.kind == b.kind && a.line == b.line && a.column == b.column && a.endLine == b.endLine
            && a.flowClose?.line == b.flowClose?.line && a.flowClose?.column == b.flowClose?.column
    }

    /// The scalar's text, or nil for a collection.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// An unquoted `~`, `null` or empty scalar: YAML's null.
    public var isNull: Bool {
        if case .scalar(let text, plain: true) = kind {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// What this node is, for an error message.
    public var kindName: String {
        switch kind {
        case .scalar: isNull ? "nothing" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
