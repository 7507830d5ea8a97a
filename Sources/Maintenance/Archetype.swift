import Foundation
import DefaultTheme
import Inventory
import Templates

/// The file `shortpath new service` starts from: `<source>/archetypes/service.md` when the site
/// has one (as Hugo's archetypes), else the built-in `themes/default/archetypes/service.md`.
public enum Archetype {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The archetype's text with `{{name}}`, `{{name_yaml}}` (quoted for YAML), `{{slug}}` and
    /// `{{today}}` filled in.
    public static func service(source: URL, name: String, slug: String, today: String) throws(Failure) -> (text: String, origin: String) {
        let own = source.appending(path: "archetypes/service.md")
        let origin: String
        let text: String
        if let kind = FileKind.irregular(atPath: own.path) {
            throw Failure(description: FileKind.diagnostic(kind, file: "archetypes/service.md").description)
        } else if let data = FileManager.default.contents(atPath: own.path) {
            (text, origin) = (String(decoding: data, as: UTF8.self), "archetypes/service.md")
        } else if let builtIn = DefaultTheme.files["archetypes/service.md"] {
            (text, origin) = (builtIn, "themes/default/archetypes/service.md (built in)")
        } else {
            throw Failure(description: "error: no archetype for services")
        }
        do {
            _ = try TemplateLimits.scan(Array(text.utf8), origin: origin)
        } catch {
            throw Failure(description: error.description)
        }
        var library = TemplateLibrary()
        let problems = library.add("service", path: origin, source: Array(text.utf8))
        guard problems.isEmpty else { throw Failure(description: TemplateErrors(problems).description) }
        let template: PageTemplate<Names>
        do {
            template = try library.compile("service", for: Names.shape, output: .text)
        } catch {
            throw Failure(description: error.description)
        }
        var out: [UInt8] = []
        template.render(Names(name: name, slug: slug, today: today), into: &out)
        return (String(decoding: out, as: UTF8.self), origin)
    }

    /// The names an archetype may use.
    struct Names: Sendable {
        var name: String
        var slug: String
        var today: String

        static let shape = ViewShape<Names>("a new service", [
            .text("name") { $0.name },
            .text("name_yaml") { yamlQuoted($0.name) },
            .text("slug") { $0.slug },
            .text("today") { $0.today },
        ])
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A safe file name for a service: lowercase `a-z0-9` with single dashes; nil if nothing is left.
    public static func slug(for name: String) -> String? {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? nil : String(slug.prefix(64))
    }
}
