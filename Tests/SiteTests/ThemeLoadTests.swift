import DefaultTheme
import Foundation
@testable import Inventory
@testable import Site
import Testing

/// A theme is compiled against every page's view when it loads: a mistake in a template is an
/// error with the template's file, line and column, and nothing is written.
@Suite struct ThemeLoadTests {
    @Test func theBuiltInThemePassesTheCheck() throws {
        let site = TemporaryFolder()
        let theme = try Theme.load(source: site.url, name: "default")
        #expect(theme.assets.keys.sorted() == ["inventory.js", "style.css"])
    }

    /// Builds a minimal site with one template of its theme overridden; returns the errors.
    func errors(_ template: String, _ text: String) throws -> [String] {
        let site = TemporaryFolder()
        site.writeMinimalSite()
        site.write("themes/default/templates/\(template).mustache", text)
        let output = site.url.appending(path: "public")
        defer { #expect(!FileManager.default.fileExists(atPath: output.path), "nothing is written") }
        do {
            _ = try SiteBuilder.build(source: site.url, output: output, today: exampleToday)
        } catch let errors as ContentErrors {
            return errors.diagnostics.map(\.description)
        }
        Issue.record("no error")
        return []
    }

    static let frame = (open: "{{<base}}\n{{$content}}\n", close: "{{/content}}\n{{/base}}\n")

    @Test func anUnknownNameSuggestsTheNearest() throws {
        #expect(try errors("404", Self.frame.open + "<h1>{{titel}}</h1>\n" + Self.frame.close) == [
            "themes/default/templates/404.mustache:3:5: error: no 'titel' in the 404 page (did you mean 'title'?)",
        ])
    }

    @Test func aNestedUnknownNameIsLookedUpInEveryContext() throws {
        let text = Self.frame.open + "{{#components}}<p>{{name}} {{verison}}</p>{{/components}}\n" + Self.frame.close
        #expect(try errors("service", text) == [
            "themes/default/templates/service.mustache:3:31: error: no 'verison' in a service page (did you mean 'version'?)",
        ])
    }

    @Test func aSectionOverTextIsAnError() throws {
        #expect(try errors("404", Self.frame.open + "{{#title}}<h1>x</h1>{{/title}}\n" + Self.frame.close) == [
            "themes/default/templates/404.mustache:3:1: error: 'title' is text, always present: a section needs a flag, a list, a record or an optional value",
        ])
    }

    @Test func anUnclosedSectionIsAnError() throws {
        #expect(try errors("404", Self.frame.open + "{{#section_none}}\n<h1>x</h1>\n" + Self.frame.close) == [
            "themes/default/templates/404.mustache:3:1: error: unclosed section 'section_none': no {{/section_none}} follows",
        ])
    }

    @Test func anUnknownPartialIsAnError() throws {
        #expect(try errors("404", Self.frame.open + "{{> wtch}}\n" + Self.frame.close) == [
            "themes/default/templates/404.mustache:3:1: error: no template named 'wtch' (did you mean 'watch'?)",
        ])
    }

    @Test func aMistakeInBaseIsReportedOnce() throws {
        let base = DefaultTheme.files["templates/base.mustache"]!.replacingOccurrences(of: "{{siteTitle}}</a>", with: "{{siteTitel}}</a>")
        #expect(try errors("base", base) == [
            "themes/default/templates/base.mustache:14:30: error: no 'siteTitel' in the 404 page (did you mean 'siteTitle'?)",
        ])
    }

    /// The README's list of names, per page kind, is generated from the views' shapes.
    @Test func theReadmeListsEveryNameOfEveryPage() throws {
        let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
        let generated = PageShapes(assetNames: ["inventory.js", "style.css"]).documentation
        #expect(readme.contains(generated), "README.md's template names are out of date; replace them with:\n\(generated)")
    }
}
