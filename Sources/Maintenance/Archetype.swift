import Foundation
import DefaultTheme
import Inventory
import Mustache

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
        let template: MustacheTemplate
        do {
            _ = try TemplateLimits.scan(Array(text.utf8), origin: origin)
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch let error as Diagnostic {
            throw Failure(description: error.description)
        } catch {
            throw Failure(description: "\(origin): error: template error: \(error)")
        }
        let values: [String: Any] = ["name": name, "name_yaml": yamlQuoted(name), "slug": slug, "today": today]
        return (template.render(values), origin)
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
