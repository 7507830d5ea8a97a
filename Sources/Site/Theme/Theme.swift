import Foundation
import DefaultTheme
import Inventory
import Templates

/// The templates and assets a site is rendered with: the default theme compiled into the
/// binary, overridden file by file by `<source>/themes/<name>/`. Every page template is
/// compiled against its page's view when the theme loads, so a name a template uses that the
/// page does not offer is an error before anything is written.
public struct Theme: Sendable {
    let pages: PageTemplates
    /// Asset path under `assets/` → contents.
    public var assets: [String: [UInt8]]

    /// The page templates a theme must provide.
    static let pageTemplates = ["base", "index", "service", "rollback", "findings", "rule", "standards", "progress", "review", "404",
                                 "organisation", "organisation-components", "organisation-search"]

    /// The theme `name` of the site at `source`: the built-in files, overridden by the site's.
    public static func load(source: URL, name: String) throws(ContentErrors) -> Theme {
        var files = builtIn
        var errors: [Diagnostic] = []
        let folder = source.appending(path: "themes/\(name)")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
            for path in listFiles(folder) {
                if let kind = FileKind.irregular(atPath: folder.appending(path: path).path) {
                    errors.append(FileKind.diagnostic(kind, file: "themes/\(name)/\(path)"))
                } else if let data = FileManager.default.contents(atPath: folder.appending(path: path).path) {
                    files[path] = (Array(data), "themes/\(name)/\(path)")
                }
            }
        } else if name != "default" {
            throw ContentErrors([Diagnostic(SourceLocation(file: "content/_index.md", line: 1, column: 1),
                                            "theme '\(name)' not found: no folder themes/\(name)",
                                            hint: "create themes/\(name)/ or remove 'theme' to use the built-in default")])
        }
        return try compile(files, errors: errors, name: name)
    }

    /// The built-in theme's files: path under the theme → bytes and where they come from.
    public static var builtIn: [String: (text: [UInt8], origin: String)] {
        var files: [String: (text: [UInt8], origin: String)] = [:]
        for (path, text) in DefaultTheme.files { files[path] = (Array(text.utf8), "themes/default/\(path) (built in)") }
        return files
    }

    /// Compiles a theme's files (templates checked against the pages' views) and keeps its
    /// assets; `errors` are those found while reading, reported with the templates' own.
    public static func compile(_ files: [String: (text: [UInt8], origin: String)], errors: [Diagnostic] = [],
                               name: String) throws(ContentErrors) -> Theme {
        var errors = errors
        var library = TemplateLibrary()
        var assets: [String: [UInt8]] = [:]
        var templateErrors: [TemplateError] = []
        var shapes: [String: TemplateLimits.Shape] = [:]
        for path in files.keys.sorted() {
            let (bytes, origin) = files[path]!
            if path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
                let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
                // Bounded first: nesting and partial cycles are checked before the engine parses.
                do {
                    shapes[name] = try TemplateLimits.scan(bytes, origin: origin)
                    templateErrors += library.add(name, path: origin, source: bytes)
                } catch {
                    errors.append(error)
                }
            } else if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = bytes
            }
        }
        errors += TemplateLimits.check(shapes)
        var diagnostics = errors + templateErrors.map(diagnostic)
        let parsed = Set(library.names)
        for template in pageTemplates where !parsed.contains(template) && diagnostics.isEmpty {
            diagnostics.append(Diagnostic(SourceLocation(file: "themes/\(name)/templates/\(template).mustache", line: 1, column: 1),
                                          "the theme has no '\(template)' template"))
        }
        if !diagnostics.isEmpty { throw ContentErrors(diagnostics) }
        do {
            let pages = try PageTemplates(library, shapes: PageShapes(assetNames: assets.keys))
            return Theme(pages: pages, assets: assets)
        } catch {
            throw ContentErrors(error.errors.map(diagnostic))
        }
    }

    static func diagnostic(_ error: TemplateError) -> Diagnostic {
        Diagnostic(SourceLocation(file: error.path, line: error.line, column: error.column), error.message)
    }

    private static func listFiles(_ folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isDirectory), !isDirectory.boolValue,
               !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}
