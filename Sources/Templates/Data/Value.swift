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
public final class ListValue: Sendable {
    public let count: Int
    @usableFromInline let element: @Sendable (Int) -> Value

    @inlinable init(count: Int, element: @escaping @Sendable (Int) -> Value) {
        self.count = count
        self.element = element
    }

    /// A list of values that exist already.
    public static func values(_ values: [Value]) -> ListValue { ListValue(count: values.count) { values[$0] } }

    func element(at index: Int) -> Value { element(index) }
}

/// A typed view's values by slot: the slot numbers come from its `Shape`, fixed when a
/// template is compiled against it, and each slot has a reader that takes the record.
public class Record: @unchecked Sendable {
    @usableFromInline let readers: [@Sendable (Record) -> Value]

    @usableFromInline init(readers: [@Sendable (Record) -> Value]) {
        self.readers = readers
    }

    final func value(at slot: Int) -> Value { readers[slot](self) }
}

/// A view and the readers of its shape; a slot is read when the template reaches it. The
/// readers were made for this view type by its `ViewShape`, in code specialised for it, so
/// reading a slot involves no generic metadata and no cast.
@usableFromInline final class ViewRecord<View: Sendable>: Record, @unchecked Sendable {
    @usableFromInline let view: View

    @inlinable init(_ view: View, _ readers: [@Sendable (Record) -> Value]) {
        self.view = view
        super.init(readers: readers)
    }
}
