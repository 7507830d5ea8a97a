/// What a name holds, as far as a template can tell.
public indirect enum Kind: Sendable {
    /// Text, escaped by `{{name}}`.
    case text
    /// Markup, rendered by `{{{name}}}`.
    case html
    /// Yes or no: opens `{{#name}}` or `{{^name}}`.
    case flag
    /// Repeats `{{#name}}` for each element.
    case list(Kind)
    /// May be absent: `{{#name}}` opens when it is there, `{{^name}}` when it is not.
    case optional(Kind)
    /// Named values of their own, opened by `{{#name}}`.
    case record(Shape)

    /// "text", "list, each a component", "optional HTML", "optional, an image", … for
    /// errors and documentation.
    public var description: String {
        switch self {
        case .text: "text"
        case .html: "HTML"
        case .flag: "flag"
        case .list(let element): "list, each \(element.description)"
        case .optional(.record(let shape)): "optional, \(shape.description)"
        case .optional(let wrapped): "optional \(wrapped.description)"
        case .record(let shape): shape.description
        }
    }

    /// The kind without `optional`.
    var unwrapped: Kind {
        if case .optional(let wrapped) = self { return wrapped.unwrapped }
        return self
    }
}

/// The names a view offers a template, each with its kind and its slot (its place in
/// `names`). Templates are compiled against a shape: names become slots, and a name the
/// shape lacks is an error before anything renders.
public final class Shape: Sendable {
    /// What the view is, with its article: "a service page", "a component".
    public let description: String
    public let names: [String]
    public let kinds: [Kind]
    private let slots: [String: Int]

    public init(_ description: String, names: [String], kinds: [Kind]) {
        precondition(names.count == kinds.count, "a shape needs a kind for each name")
        var slots: [String: Int] = [:]
        for (slot, name) in names.enumerated() {
            precondition(slots.updateValue(slot, forKey: name) == nil, "'\(name)' is declared twice in \(description)")
        }
        self.description = description
        self.names = names
        self.kinds = kinds
        self.slots = slots
    }

    func slot(of name: String) -> Int? { slots[name] }

    /// Every name a template may use with this shape, nested names indented under the list
    /// or record that holds them, as Markdown list items: "- `name`: text".
    public func outline(indent: String = "") -> [String] {
        var lines: [String] = []
        for (name, kind) in zip(names, kinds) {
            lines.append("\(indent)- `\(name)`: \(kind.description)")
            if case .record(let shape) = kind.unwrapped.element { lines += shape.outline(indent: indent + "  ") }
        }
        return lines
    }
}

extension Kind {
    /// The element of a list (itself for anything else).
    var element: Kind {
        if case .list(let element) = self { return element.unwrapped }
        return self
    }
}
