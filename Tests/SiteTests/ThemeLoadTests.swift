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
        #expect(theme.assets.keys.sorted() == ["inventory.js", "organisation.js", "style.css"])
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
        let found = try errors("404", Self.frame.open + "<h1>{{titel}}</h1>\n" + Self.frame.close)
        #expect(found == [
            "themes/default/templates/404.mustache:3:5: error: no 'titel' in the 404 page (did you mean 'title'?)",
        ])
    }

    @Test func aNestedUnknownNameIsLookedUpInEveryContext() throws {
        let text = Self.frame.open + "{{#components}}<p>{{name}} {{verison}}</p>{{/components}}\n" + Self.frame.close
        let found = try errors("service", text)
        #expect(found == [
            "themes/default/templates/service.mustache:3:28: error: no 'verison' in a service page (did you mean 'version'?)",
        ])
    }

    @Test func aSectionOverTextIsAnError() throws {
        let found = try errors("404", Self.frame.open + "{{#title}}<h1>x</h1>{{/title}}\n" + Self.frame.close)
        #expect(found == [
            "themes/default/templates/404.mustache:3:1: error: 'title' is text, always present: a section needs a flag, a list, a record or an optional value",
        ])
    }

    @Test func anUnclosedSectionIsAnError() throws {
        let found = try errors("watch", "<section>\n{{#watchLinks}}\n<li>{{name}}</li>\n</section>\n")
        #expect(found == [
            "themes/default/templates/watch.mustache:2:1: error: unclosed section 'watchLinks': no {{/watchLinks}} follows",
        ])
    }

    @Test func anUnknownPartialIsAnError() throws {
        let found = try errors("404", Self.frame.open + "{{> wtch}}\n" + Self.frame.close)
        #expect(found == [
            "themes/default/templates/404.mustache:3:1: error: no template named 'wtch' (did you mean 'watch'?)",
        ])
    }

    @Test func aMistakeInBaseIsReportedOnce() throws {
        let base = DefaultTheme.files["templates/base.mustache"]!.replacingOccurrences(of: "{{siteTitle}}</a>", with: "{{siteTitel}}</a>")
        let found = try errors("base", base)
        #expect(found == [
            "themes/default/templates/base.mustache:15:46: error: no 'siteTitel' in a rollback page (did you mean 'siteTitle'?)",
        ])
    }

    /// The README's list of names, per page kind, is generated from the views' shapes.
    @Test func theReadmeListsEveryNameOfEveryPage() throws {
        let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
        let generated = "<!-- template names: generated -->\n\n" + PageShapes(assetNames: ["inventory.js", "organisation.js", "style.css"]).documentation
            + "\n<!-- end of template names -->\n"
        #expect(readme.contains(generated), "README.md's template names are out of date; replace them with:\nBEGIN\n\(generated)END")
    }
}
