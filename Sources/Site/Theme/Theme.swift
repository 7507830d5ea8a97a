import Foundation
import DefaultTheme
import Inventory
import Mustache

/// The templates and assets a site is rendered with: the default theme compiled into the
/// binary, overridden file by file by `<source>/themes/<name>/`.
public struct Theme: Sendable {
    public var library: MustacheLibrary
    /// Asset path under `assets/` → contents.
    public var assets: [String: [UInt8]]

    /// The page templates a theme must provide.
    static let pageTemplates = ["base", "index", "service", "rollback", "findings", "standards", "progress", "review", "404"]

    public static func load(source: URL, name: String) throws(ContentErrors) -> Theme {
        HTMLEscaping.register()
        var files: [String: (text: [UInt8], origin: String)] = [:]
        var errors: [Diagnostic] = []
        for (path, text) in DefaultTheme.files { files[path] = (Array(text.utf8), "themes/default/\(path) (built in)") }
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
        var library = MustacheLibrary()
        var assets: [String: [UInt8]] = [:]
        var shapes: [String: TemplateLimits.Shape] = [:]
        for path in files.keys.sorted() {
            let (bytes, origin) = files[path]!
            if path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
                let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
                do {
                    shapes[name] = try TemplateLimits.scan(bytes, origin: origin)
                    // The pragma selects the byte-level HTML escaper; it adds no line.
                    let text = HTMLEscaping.pragma + String(decoding: bytes, as: UTF8.self)
                    library.register(try MustacheTemplate(string: text), named: name)
                } catch let error as Diagnostic {
                    errors.append(error)
                } catch let error as MustacheTemplate.ParserError {
                    errors.append(Diagnostic(SourceLocation(file: origin, line: error.context.lineNumber, column: error.context.columnNumber + 1),
                                             "template error: \(error.error)", hint: "near: \(error.context.line.trimmingSpaces)"))
                } catch {
                    errors.append(Diagnostic(SourceLocation(file: origin, line: 1, column: 1), "template error: \(error)"))
                }
            } else if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = bytes
            }
        }
        errors += TemplateLimits.check(shapes)
        for template in pageTemplates where library.getTemplate(named: template) == nil && errors.isEmpty {
            errors.append(Diagnostic(SourceLocation(file: "themes/\(name)/templates/\(template).mustache", line: 1, column: 1),
                                     "the theme has no '\(template)' template"))
        }
        if !errors.isEmpty { throw ContentErrors(errors) }
        return Theme(library: library, assets: assets)
    }

    /// Renders a page template; the view is a dictionary, read without Mirror.
    func render(_ template: String, _ view: View) -> String {
        guard RenderTimings.shared.enabled else { return library.render(view, withTemplate: template) ?? "" }
        let start = DispatchTime.now().uptimeNanoseconds
        let text = library.render(view, withTemplate: template) ?? ""
        RenderTimings.shared.add(template, DispatchTime.now().uptimeNanoseconds - start)
        return text
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
