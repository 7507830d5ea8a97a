/// A problem in a template, located like a compiler's diagnostic:
/// `themes/acme/templates/service.mustache:12:9: error: no 'nmae' in a service page (did you mean 'name'?)`.
public struct TemplateError: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The template's file as the user knows it.
    public var path: String
    /// 1-based line and column (in characters) of the tag or text at fault.
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): error: \(message)" }

    public static func < (a: TemplateError, b: TemplateError) -> Bool {
        (a.path, a.line, a.column, a.message) < (b.path, b.line, b.column, b.message)
    }
}

/// Every problem found in a set of templates, reported together: sorted by file, line and
/// column, each place once (a template shared by several pages would otherwise repeat it).
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [TemplateError]

    public init(_ errors: [TemplateError]) {
        var seen = Set<Position>()
        self.errors = errors.sorted().filter { seen.insert(Position(path: $0.path, line: $0.line, column: $0.column)).inserted }
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }

    private struct Position: Hashable {
        var path: String
        var line: Int
        var column: Int
    }
}

/// A line and column in a template's source.
struct SourcePosition: Sendable, Hashable {
    var line: Int32
    var column: Int32
}
