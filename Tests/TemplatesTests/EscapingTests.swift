import Foundation
import Testing
import Templates

/// HTML escaping writes what swift-mustache wrote, so pages stay byte for byte the same.
@Suite struct EscapingTests {
    @Test func theFiveCharactersBecomeTheirEntities() {
        #expect(HTMLEscaping.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    }

    @Test func everyOtherCharacterIsUnchanged() {
        var text = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }.filter { !"&<>\"'".contains($0) }.map(String.init).joined()
        text += "é ✓ ≠ — 日本 🚀 \u{301}"
        #expect(HTMLEscaping.escape(text) == text)
    }

    @Test func escapingAtTheEdgesAndInRuns() {
        #expect(HTMLEscaping.escape("") == "")
        #expect(HTMLEscaping.escape("&") == "&amp;")
        #expect(HTMLEscaping.escape("<<>>") == "&lt;&lt;&gt;&gt;")
        #expect(HTMLEscaping.escape("'a'") == "&#39;a&#39;")
    }

    @Test func tripleMustacheAndAmpersandDoNotEscape() throws {
        let (library, errors) = library(["page": "{{text}}|{{{text}}}|{{&text}}"])
        #expect(errors.isEmpty)
        let output = try library.compileDynamic("page").render(.object(["text": .text("<b>&'\"</b>")]))
        #expect(output == "&lt;b&gt;&amp;&#39;&quot;&lt;/b&gt;|<b>&'\"</b>|<b>&'\"</b>")
    }

    @Test func numbersFromJSONRenderAsJSONWritesThem() throws {
        let data = try JSONDecoder().decode(Value.self, from: Data(#"{"i": 85, "d": 1.210, "n": null, "b": true}"#.utf8))
        let (library, _) = library(["page": "{{i}} {{d}} [{{n}}] {{b}}"])
        #expect(try library.compileDynamic("page").render(data) == "85 1.21 [] true")
    }
}

/// Plain-text output (a service file from its archetype): nothing is escaped, and text may be
/// inserted with any of the three tags.
@Suite struct PlainTextOutputTests {
    @Test func nothingIsEscaped() throws {
        let (library, errors) = library(["archetype": "name: {{name}}\nnote: {{{note}}} {{&note}}\n"])
        #expect(errors.isEmpty)
        var out: [UInt8] = []
        try library.compile("archetype", for: ServiceView.shape, output: .text)
            .render(ServiceView(name: "API \"v2\" & <co>", note: "it's"), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "name: API \"v2\" & <co>\nnote: it's it's\n")
        let dynamic = try library.compileDynamic("archetype", output: .text)
        #expect(dynamic.render(.object(["name": .text("a&b"), "note": .text("<c>")])) == "name: a&b\nnote: <c> <c>\n")
    }

    @Test func namesAreStillChecked() {
        let (library, _) = library(["archetype": "name: {{nmae}}\nretired: {{retired}}\n"])
        do {
            _ = try library.compile("archetype", for: ServiceView.shape, output: .text)
            Issue.record("no error")
        } catch {
            #expect(error.errors.map(\.description) == [
                "templates/archetype.mustache:1:7: error: no 'nmae' in a service page (did you mean 'name'?)",
                "templates/archetype.mustache:2:10: error: 'retired' is a flag, not text: test it with {{#retired}}…{{/retired}}",
            ])
        }
    }
}
