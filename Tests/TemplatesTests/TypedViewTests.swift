import Foundation
import Testing
import Templates

/// Pages rendered from typed views: names read by slot, the context stack, inheritance and
/// partials, escaping, and the same output as the dynamic path.
@Suite struct TypedViewTests {
    let view = ServiceView(
        note: "pinned <libssl> & \"friends\"",
        components: [
            ComponentRow(name: "node", version: "20.11.1", approved: "22", conforms: false),
            ComponentRow(name: "postgres", version: "16.2", approved: nil, conforms: true),
        ],
        signals: ["queue depth > 500", "it's slow"],
        baseImage: ImageRef(full: "registry.example.com/base/web:2026.09", tag: "2026.09"),
        runbook: "<p>Restart <em>gently</em>.</p>",
        findings: 3
    )

    @Test func namesReadBySlot() throws {
        let page = """
            <h1>{{name}}</h1>{{#retired}} retired{{/retired}}
            {{#note}}<p>{{.}}</p>{{/note}}{{^note}}no note{{/note}}
            {{#components}}
            <li>{{name}} {{version}}{{#approved}} (approved {{.}}){{/approved}}{{^conforms}} behind{{/conforms}} on {{title}}</li>
            {{/components}}
            {{#signals}}[{{.}}]{{/signals}}
            {{#baseImage}}<code>{{full}}</code>{{/baseImage}} {{baseImage.tag}}
            {{{runbook}}} {{findings}} findings
            """
        let output = try render(["service": page], page: "service", shape: ServiceView.shape, view)
        #expect(output == """
            <h1>Customer API</h1>
            <p>pinned &lt;libssl&gt; &amp; &quot;friends&quot;</p>
            <li>node 20.11.1 (approved 22) behind on Customer API</li>
            <li>postgres 16.2 on Customer API</li>
            [queue depth &gt; 500][it&#39;s slow]
            <code>registry.example.com/base/web:2026.09</code> 2026.09
            <p>Restart <em>gently</em>.</p> 3 findings
            """)
    }

    @Test func absentOptionalsAndEmptyListsRenderTheirInvertedSections() throws {
        let page = "{{^note}}no note{{/note}} {{^components}}no components{{/components}} {{^baseImage}}no image{{/baseImage}} [{{baseImage.tag}}] {{#retired}}retired{{/retired}}"
        let output = try render(["service": page], page: "service", shape: ServiceView.shape, ServiceView(retired: true))
        #expect(output == "no note no components no image [] retired")
    }

    /// A block alone on its line (`{{$content}}{{/content}}`) keeps its line break, as the
    /// specification's "Standalone block" test asks.
    @Test func inheritanceAndPartialsCompileForThePage() throws {
        let templates = [
            "base": "<title>{{title}}</title>\n<main>\n  {{$content}}{{/content}}\n</main>\n{{$footer}}<footer>{{root}}</footer>{{/footer}}\n",
            "row": "<li>{{name}}: {{version}}</li>\n",
            "service": "{{<base}}\n{{$content}}\n<h1>{{name}}</h1>\n<ul>\n{{#components}}\n  {{>row}}\n{{/components}}\n</ul>\n{{/content}}\n{{/base}}\n",
        ]
        let output = try render(templates, page: "service", shape: ServiceView.shape, view)
        #expect(output == """
            <title>Customer API</title>
            <main>
              <h1>Customer API</h1>
              <ul>
                <li>node: 20.11.1</li>
                <li>postgres: 16.2</li>
              </ul>

            </main>
            <footer>../../</footer>

            """)
    }

    @Test func renderingAppendsToTheWorkersBuffer() throws {
        let (library, errors) = library(["service": "{{name}};"])
        #expect(errors.isEmpty)
        let page = try library.compile("service", for: ServiceView.shape)
        var buffer: [UInt8] = Array("start;".utf8)
        page.render(view, into: &buffer)
        page.render(ServiceView(name: "Billing"), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "start;Customer API;Billing;")
        buffer.removeAll(keepingCapacity: true)
        page.render(view, into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "Customer API;")
    }

    /// The typed path and the dynamic one give the same bytes for the same data.
    @Test func typedAndDynamicPathsAgree() throws {
        let page = "{{name}} {{#components}}{{name}}={{version}}{{#approved}}/{{.}}{{/approved}};{{/components}} {{#signals}}{{.}},{{/signals}} {{baseImage.full}} {{{runbook}}} {{findings}} {{title}}"
        let typed = try render(["service": page], page: "service", shape: ServiceView.shape, view)
        let json = """
            {"title": "Customer API", "root": "../../", "name": "Customer API", "retired": false,
             "note": "pinned <libssl> & \\"friends\\"",
             "components": [{"name": "node", "version": "20.11.1", "approved": "22", "conforms": false},
                            {"name": "postgres", "version": "16.2", "conforms": true}],
             "signals": ["queue depth > 500", "it's slow"],
             "baseImage": {"full": "registry.example.com/base/web:2026.09", "tag": "2026.09"},
             "runbook": "<p>Restart <em>gently</em>.</p>", "findings": 3}
            """
        let data = try JSONDecoder().decode(Value.self, from: Data(json.utf8))
        let (library, _) = library(["service": page])
        #expect(try library.compileDynamic("service").render(data) == typed)
    }

    @Test func aShapeDocumentsItsNames() {
        #expect(ServiceView.shape.shape.outline() == [
            "- `title`: text",
            "- `root`: text",
            "- `name`: text",
            "- `retired`: flag",
            "- `note`: optional text",
            "- `components`: list, each a component",
            "  - `name`: text",
            "  - `version`: text",
            "  - `approved`: optional text",
            "  - `conforms`: flag",
            "- `signals`: list, each text",
            "- `baseImage`: optional, an image",
            "  - `full`: text",
            "  - `tag`: text",
            "- `runbook`: optional HTML",
            "- `findings`: text",
        ])
    }
}
