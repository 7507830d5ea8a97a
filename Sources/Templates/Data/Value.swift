/// What a template renders: a closed set of values. Typed views give records, read by
/// slot; data decoded from JSON gives objects, read by name (the slower, dynamic path).
public enum Value: Sendable {
    /// Nothing: an absent optional, or JSON `null`. Renders as nothing; sections skip it.
    case null
    /// Opens its section when true; pushes nothing on the context stack.
    case flag(Bool)
    /// Text: `{{name}}` escapes it for HTML.
    case text(String)
    /// Markup made by Shortpath (Markdown, charts): rendered as it is by `{{{name}}}`.
    case html(String)
    /// A section repeats for each element.
    case list(ListValue)
    /// A typed view's values, read by slot.
    case record(Record)
    /// A JSON object's values, read by name.
    case object([String: Value])
}

/// A list a template walks: its elements are made as the template reaches them, so a long
/// list of views never exists all at once.
public class ListValue: @unchecked Sendable {
    public var count: Int { 0 }

    func element(at index: Int) -> Value { .null }

    init() {}

    /// A list of values that exist already.
    public static func values(_ values: [Value]) -> ListValue { MappedList(values) { $0 } }
}

/// The elements of an array, each turned into a value when the template reaches it.
final class MappedList<Element: Sendable>: ListValue, @unchecked Sendable {
    let elements: [Element]
    let transform: @Sendable (Element) -> Value

    init(_ elements: [Element], _ transform: @escaping @Sendable (Element) -> Value) {
        self.elements = elements
        self.transform = transform
    }

    override var count: Int { elements.count }

    override func element(at index: Int) -> Value { transform(elements[index]) }
}

/// A typed view's values by slot: the slot numbers come from its `Shape`, fixed when a
/// template is compiled against it.
public class Record: @unchecked Sendable {
    func value(at slot: Int) -> Value { .null }

    init() {}
}

/// A view and the readers of its shape: a slot is read when the template reaches it.
final class ViewRecord<View: Sendable>: Record, @unchecked Sendable {
    let view: View
    let readers: [@Sendable (View) -> Value]

    init(_ view: View, _ readers: [@Sendable (View) -> Value]) {
        self.view = view
        self.readers = readers
    }

    override func value(at slot: Int) -> Value { readers[slot](view) }
}
