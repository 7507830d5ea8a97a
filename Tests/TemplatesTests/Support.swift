import Templates

/// Templates by name, as a theme's files: `templates/<name>.mustache`.
func library(_ sources: [String: String]) -> (TemplateLibrary, [TemplateError]) {
    var library = TemplateLibrary()
    var errors: [TemplateError] = []
    for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
        errors += library.add(name, path: "templates/\(name).mustache", source: Array(source.utf8))
    }
    return (library, errors)
}

/// The error lines a typed compile reports (parse errors first, if any).
func errors<View>(_ sources: [String: String], page: String, shape: ViewShape<View>) -> [String] {
    let (library, parseErrors) = library(sources)
    if !parseErrors.isEmpty { return TemplateErrors(parseErrors).errors.map(\.description) }
    do {
        _ = try library.compile(page, for: shape)
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

/// Renders a page template with a typed view.
func render<View>(_ sources: [String: String], page: String, shape: ViewShape<View>, _ view: View) throws -> String {
    let (library, parseErrors) = library(sources)
    if !parseErrors.isEmpty { throw TemplateErrors(parseErrors) }
    var out: [UInt8] = []
    try library.compile(page, for: shape).render(view, into: &out)
    return String(decoding: out, as: UTF8.self)
}

// A small service page, shaped like Shortpath's: a shared frame, facts, lists, optionals.

struct PageFrame: Sendable {
    var title: String
    var root: String

    static let shape = ViewShape<PageFrame>("a page frame", [
        .text("title") { $0.title },
        .text("root") { $0.root },
    ])
}

struct ComponentRow: Sendable {
    var name: String
    var version: String
    var approved: String?
    var conforms: Bool

    static let shape = ViewShape<ComponentRow>("a component", [
        .text("name") { $0.name },
        .text("version") { $0.version },
        .optionalText("approved") { $0.approved },
        .flag("conforms") { $0.conforms },
    ])
}

struct ImageRef: Sendable {
    var full: String
    var tag: String

    static let shape = ViewShape<ImageRef>("an image", [
        .text("full") { $0.full },
        .text("tag") { $0.tag },
    ])
}

struct ServiceView: Sendable {
    var frame = PageFrame(title: "Customer API", root: "../../")
    var name = "Customer API"
    var retired = false
    var note: String? = nil
    var components: [ComponentRow] = []
    var signals: [String] = []
    var baseImage: ImageRef? = nil
    var runbook: String? = nil
    var findings = 0

    static let shape = ViewShape<ServiceView>("a service page", [
        .embed(PageFrame.shape) { $0.frame },
        .text("name") { $0.name },
        .flag("retired") { $0.retired },
        .optionalText("note") { $0.note },
        .list("components", ComponentRow.shape) { $0.components },
        .texts("signals") { $0.signals },
        .optional("baseImage", ImageRef.shape) { $0.baseImage },
        .optionalHTML("runbook") { $0.runbook },
        .number("findings") { $0.findings },
    ])
}
