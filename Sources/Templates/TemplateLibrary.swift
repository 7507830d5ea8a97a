/// A theme's templates, each parsed once, by name (the name partials and parents use).
///
/// ```swift
/// var library = TemplateLibrary()
/// var errors = library.add("service", path: "themes/acme/templates/service.mustache", source: bytes)
/// …
/// do {
///     let page = try library.compile("service", for: ServiceView.shape)   // checks every name
/// } catch { errors += error.errors }
/// ```
public struct TemplateLibrary: Sendable {
    private var templates: [Template] = []
    private var index: [String: Int] = [:]
    private var broken: Set<String> = []

    public init() {}

    /// Parses a template and keeps it under `name`, replacing one of the same name. Returns
    /// its syntax errors, all of them; a template with errors is left out.
    @discardableResult
    public mutating func add(_ name: String, path: String, source: [UInt8]) -> [TemplateError] {
        switch Parser.parse(name: name, path: path, source: source) {
        case .success(let template):
            broken.remove(name)
            if let existing = index[name] { templates[existing] = template } else {
                index[name] = templates.count
                templates.append(template)
            }
            return []
        case .failure(let errors):
            broken.insert(name)
            return errors.errors
        }
    }

    /// The names of the templates that parsed.
    public var names: [String] { templates.map(\.name).sorted() }

    /// Compiles a page template against its view's shape: every name becomes a slot, and
    /// every name that resolves nowhere, every value used against its kind, every unknown
    /// partial is an error, all reported at once.
    public func compile<View>(_ name: String, for shape: ViewShape<View>, output: TemplateOutput = .html) throws(TemplateErrors) -> PageTemplate<View> {
        PageTemplate(program: try compile(name, root: shape.shape, output: output), shape: shape)
    }

    /// Compiles a template for data without a declared shape (decoded from JSON): names are
    /// looked up when rendering, and a missing name or partial renders as nothing.
    public func compileDynamic(_ name: String, output: TemplateOutput = .html) throws(TemplateErrors) -> DynamicTemplate {
        DynamicTemplate(program: try compile(name, root: nil, output: output))
    }

    private func compile(_ name: String, root: Shape?, output: TemplateOutput) throws(TemplateErrors) -> Program {
        guard let entry = index[name] else {
            let known = didYouMean(name, among: index.keys)
            throw TemplateErrors([TemplateError(path: name, line: 1, column: 1, message: "no template named '\(name)'\(known)")])
        }
        var compiler = Compiler(templates: templates, index: index, root: root, broken: broken, output: output)
        compiler.compileEntry(entry)
        guard compiler.errors.isEmpty else { throw TemplateErrors(compiler.errors) }
        return compiler.program
    }
}

/// What a template writes: HTML, where `{{name}}` escapes text and `{{{name}}}` inserts HTML,
/// or plain text (a Markdown or YAML file), where nothing is escaped.
public enum TemplateOutput: Sendable {
    case html
    case text
}

/// A template compiled for one view type: renders a view by slot, with no lookup by name.
public struct PageTemplate<View: Sendable>: Sendable {
    let program: Program
    let shape: ViewShape<View>

    /// Appends the rendered page to `out` (a buffer a worker keeps from page to page); returns
    /// how many tags ran (each interpolation, section and partial, once per time it runs): the
    /// measure the benchmarks divide by.
    @discardableResult
    public func render(_ view: View, into out: inout [UInt8]) -> Int {
        Machine.render(program, shape.value(view), into: &out)
    }

    /// Renders the view and returns how many tags ran.
    package func tagsRun(_ view: View) -> Int {
        var out: [UInt8] = []
        return render(view, into: &out)
    }
}

/// A template compiled for dynamic data.
public struct DynamicTemplate: Sendable {
    let program: Program

    public func render(_ value: Value, into out: inout [UInt8]) {
        Machine.render(program, value, into: &out)
    }

    public func render(_ value: Value) -> String {
        var out: [UInt8] = []
        render(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
