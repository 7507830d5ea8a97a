/// The names a Swift view type offers its template, their kinds, and how to read each one:
/// a compiled accessor table. A template compiled against it reads slot `n` with reader `n`:
/// no dictionary, no `Any`, no reflection while a page renders.
///
/// A page's view is a plain Swift value built from the analysis result; its shape is
/// declared once, beside it:
///
/// ```swift
/// struct ComponentRow: Sendable {
///     var name: String
///     var version: String
///     var approved: String?
/// }
///
/// struct ServiceView: Sendable {
///     var frame: PageFrame            // title, root, today: shared by every page
///     var service: Service            // straight from the inventory
///     var components: [ComponentRow]
///     var runbook: String?            // Markdown already rendered to HTML
///
///     static let shape = ViewShape<ServiceView>("a service page", [
///         .embed(PageFrame.shape) { $0.frame },
///         .text("name") { $0.service.name },
///         .flag("retired") { !$0.service.isActive },
///         .list("components", ViewShape<ComponentRow>("a component", [
///             .text("name") { $0.name },
///             .text("version") { $0.version },
///             .optionalText("approved") { $0.approved },
///         ])) { $0.components },
///         .optionalHTML("runbook") { $0.runbook },
///     ])
/// }
///
/// // When the theme loads (errors name the template's file, line and column):
/// let page = try library.compile("service", for: ServiceView.shape)
/// // For each service, in a worker that keeps its buffer:
/// buffer.removeAll(keepingCapacity: true)
/// page.render(ServiceView(…), into: &buffer)
/// ```
///
/// Readers run when the template reaches their name, so a reader may format a value from
/// the model itself; a list's elements are made one at a time as the section walks them.
/// A view type may not contain itself (shapes are not recursive).
public struct ViewShape<View: Sendable>: Sendable {
    /// The names and kinds, for compiling and checking templates and for documentation.
    public let shape: Shape
    /// The fields as declared, read from the view (for `embed`).
    @usableFromInline let entries: [Field<View>.Entry]
    /// The same, read from a record of the view: what rendering calls.
    @usableFromInline let readers: [@Sendable (Record) -> Value]

    // Inlinable, like the fields: the readers are made in the module that declares the view,
    // specialised for its type.
    @inlinable public init(_ description: String, _ fields: [Field<View>]) {
        entries = fields.flatMap(\.entries)
        shape = Shape(description, names: entries.map(\.name), kinds: entries.map(\.kind))
        readers = entries.map { entry in
            let read = entry.read
            return { record in read(unsafeDowncast(record, to: ViewRecord<View>.self).view) }
        }
    }

    /// The value a template renders for a view.
    @inlinable public func value(_ view: View) -> Value { .record(ViewRecord(view, readers)) }
}

/// One name of a view (or, from `embed`, all the names of a part of it).
public struct Field<View: Sendable>: Sendable {
    @usableFromInline struct Entry: Sendable {
        @usableFromInline var name: String
        @usableFromInline var kind: Kind
        @usableFromInline var read: @Sendable (View) -> Value

        @inlinable init(name: String, kind: Kind, read: @escaping @Sendable (View) -> Value) {
            self.name = name
            self.kind = kind
            self.read = read
        }
    }

    @usableFromInline let entries: [Entry]

    @inlinable init(_ name: String, _ kind: Kind, _ read: @escaping @Sendable (View) -> Value) {
        entries = [Entry(name: name, kind: kind, read: read)]
    }

    @inlinable init(entries: [Entry]) {
        self.entries = entries
    }

    /// Text, escaped for HTML by `{{name}}`.
    @inlinable public static func text(_ name: String, _ read: @escaping @Sendable (View) -> String) -> Field {
        Field(name, .text) { .text(read($0)) }
    }

    /// A whole number, rendered as text.
    @inlinable public static func number(_ name: String, _ read: @escaping @Sendable (View) -> Int) -> Field {
        Field(name, .text) { .text(String(read($0))) }
    }

    /// Text that may be absent: `{{#name}}…{{.}}…{{/name}}` renders only when it is there.
    @inlinable public static func optionalText(_ name: String, _ read: @escaping @Sendable (View) -> String?) -> Field {
        Field(name, .optional(.text)) { read($0).map(Value.text) ?? .null }
    }

    /// Markup, rendered as it is by `{{{name}}}`.
    @inlinable public static func html(_ name: String, _ read: @escaping @Sendable (View) -> String) -> Field {
        Field(name, .html) { .html(read($0)) }
    }

    @inlinable public static func optionalHTML(_ name: String, _ read: @escaping @Sendable (View) -> String?) -> Field {
        Field(name, .optional(.html)) { read($0).map(Value.html) ?? .null }
    }

    /// Yes or no, for `{{#name}}` and `{{^name}}`.
    @inlinable public static func flag(_ name: String, _ read: @escaping @Sendable (View) -> Bool) -> Field {
        Field(name, .flag) { .flag(read($0)) }
    }

    /// A list of texts: `{{#name}}{{.}}{{/name}}`.
    @inlinable public static func texts(_ name: String, _ read: @escaping @Sendable (View) -> [String]) -> Field {
        Field(name, .list(.text)) { view in
            let texts = read(view)
            return .list(ListValue(count: texts.count) { .text(texts[$0]) })
        }
    }

    /// A list of views of another shape: `{{#name}}…{{/name}}` repeats for each.
    @inlinable public static func list<Item>(_ name: String, _ shape: ViewShape<Item>, _ read: @escaping @Sendable (View) -> [Item]) -> Field {
        let readers = shape.readers
        return Field(name, .list(.record(shape.shape))) { view in
            let items = read(view)
            return .list(ListValue(count: items.count) { .record(ViewRecord(items[$0], readers)) })
        }
    }

    /// A view of another shape, always there: `{{#name}}…{{/name}}` or `{{name.part}}`.
    @inlinable public static func record<Item>(_ name: String, _ shape: ViewShape<Item>, _ read: @escaping @Sendable (View) -> Item) -> Field {
        let readers = shape.readers
        return Field(name, .record(shape.shape)) { .record(ViewRecord(read($0), readers)) }
    }

    /// A view of another shape that may be absent.
    @inlinable public static func optional<Item>(_ name: String, _ shape: ViewShape<Item>, _ read: @escaping @Sendable (View) -> Item?) -> Field {
        let readers = shape.readers
        return Field(name, .optional(.record(shape.shape))) { view in read(view).map { .record(ViewRecord($0, readers)) } ?? .null }
    }

    /// All the names of a part of the view, at the view's own level: the frame every page
    /// shares, say.
    @inlinable public static func embed<Part>(_ shape: ViewShape<Part>, _ read: @escaping @Sendable (View) -> Part) -> Field {
        Field(entries: shape.entries.map { entry in
            let part = entry.read
            return Entry(name: entry.name, kind: entry.kind, read: { part(read($0)) })
        })
    }
}
