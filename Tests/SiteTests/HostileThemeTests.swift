import Foundation
import DefaultTheme
@testable import Inventory
@testable import Site
import Testing

/// A site's own theme is input too: its sections and partials nest within the limit, no
/// partial includes itself, and only regular files are read.
@Suite struct HostileThemeTests {
    let limit = NestingLimits.depth

    /// The errors of loading the default theme with `templates` overridden.
    func errors(_ templates: [String: String], extra: (TemporaryFolder) -> Void = { _ in }) -> [String] {
        let site = TemporaryFolder()
        for (name, text) in templates { site.write("themes/default/templates/\(name).mustache", text) }
        extra(site)
        do {
            _ = try Theme.load(source: site.url, name: "default")
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.description): \($0.message)" }
        }
    }

    func sections(_ count: Int) -> String {
        String(repeating: "{{#a}}", count: count) + "x" + String(repeating: "{{/a}}", count: count)
    }

    @Test func sectionsAtTheLimitLoadAndOnePastIsAnErrorWhereItIsPassed() {
        // A template no page includes: one the pages include adds their sections to its own.
        #expect(errors(["top": sections(limit)]) == [])
        #expect(errors(["top": "<p>\n  " + sections(limit + 1)]) == [
            "themes/default/templates/top.mustache:2:\(3 + 6 * limit): the template's sections nest deeper than 64 levels",
        ])
    }

    /// Nested 100,000 deep, the engine's recursive parser would overflow the stack.
    @Test func aHundredThousandSectionsAreOneLocatedError() {
        #expect(errors(["watch": sections(100_000)]) == [
            "themes/default/templates/watch.mustache:1:\(1 + 6 * limit): the template's sections nest deeper than 64 levels",
        ])
    }

    @Test func delimiterChangesAreFollowed() {
        let custom = "{{=<% %>=}}" + String(repeating: "<%#a%>", count: limit + 1) + String(repeating: "<%/a%>", count: limit + 1)
        #expect(errors(["watch": custom]).count == 1)
        let single = "{{=| |=}}" + String(repeating: "|#a|", count: limit + 1) + String(repeating: "|/a|", count: limit + 1)
        #expect(errors(["watch": single]) == ["themes/default/templates/watch.mustache:1:\(10 + 4 * limit): the template's sections nest deeper than 64 levels"])
        // With other delimiters, '{{#' is text.
        #expect(errors(["watch": "{{=<% %>=}}" + String(repeating: "{{#a}}", count: limit + 1)]) == [])
    }

    /// Found by `make fuzz`: a tag with nothing after its sigil crashed the scan.
    @Test(arguments: ["{{}}", "{{=}}", "{{{}}}", "{{= }}", "{{=<% %>=}}<%%>", "{{=<% %>=}}<%=%>"])
    func emptyTagsAreScannedNotACrash(_ template: String) throws {
        let shape = try TemplateLimits.scan(Array(template.utf8), origin: "t.mustache")
        #expect(shape.depth == 0)
    }

    @Test func aPartialThatIncludesItselfIsAnError() {
        #expect(errors(["watch": "<p>{{>watch}}</p>"]) == [
            "themes/default/templates/watch.mustache:1:4: the partial 'watch' includes itself: watch → watch",
        ])
        let found = errors(["watch": "{{#signals}}\n{{>extra}}{{/signals}}", "extra": "{{>other}}", "other": "{{>watch}}"])
        #expect(found == ["themes/default/templates/watch.mustache:2:1: the partial 'extra' includes itself: extra → other → watch → extra"])
    }

    @Test func partialsAndSectionsTogetherStayWithinTheLimit() {
        let half = limit / 2
        let inner = sections(half)
        #expect(errors(["top": String(repeating: "{{#a}}", count: half) + "{{>extra}}" + String(repeating: "{{/a}}", count: half), "extra": inner]) == [])
        let found = errors(["top": String(repeating: "{{#a}}", count: half + 1) + "{{>extra}}" + String(repeating: "{{/a}}", count: half + 1),
                            "extra": inner])
        #expect(found == ["themes/default/templates/top.mustache:1:\(1 + 6 * (half + 1)): with the partial 'extra', the template's sections nest deeper than 64 levels"])
    }

    @Test func aPartialNamedByTheDataIsRefused() {
        #expect(errors(["watch": "{{#signals}}{{>*text}}{{/signals}}"]) == [
            "themes/default/templates/watch.mustache:1:13: the partial name '*text' comes from the data, which is not supported",
        ])
    }

    @Test func aFIFOInTheThemeIsAnErrorNotAHang() {
        let found = errors([:]) { site in
            try! FileManager.default.createDirectory(at: site.url.appending(path: "themes/default/templates"), withIntermediateDirectories: true)
            #expect(mkfifo(site.url.appending(path: "themes/default/templates/watch.mustache").path, 0o644) == 0)
        }
        #expect(found == ["themes/default/templates/watch.mustache:1:1: the file is a FIFO (named pipe), not a regular file"])
    }

    @Test func theDefaultThemeIsWellWithinTheLimit() throws {
        var shapes: [String: TemplateLimits.Shape] = [:]
        for (path, text) in DefaultTheme.files where path.hasPrefix("templates/") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            shapes[name] = try TemplateLimits.scan(Array(text.utf8), origin: path)
        }
        #expect(shapes.count >= 9)
        #expect(TemplateLimits.check(shapes).isEmpty)
        #expect(shapes.values.map(\.depth).max()! < 16)
    }
}
