import Foundation
import Testing
@testable import Inventory

/// The fast reader of plain block YAML (`PlainBlockYAML`) against libyaml: wherever it reads a
/// text, the tree, marks included, is libyaml's; what it leaves to libyaml goes there.
@Suite struct PlainYAMLReaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Nil when the fast reader left the text to libyaml.
    func compare(_ text: String, firstLine: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> YAMLNode? {
        guard let fast = YAMLParser.parseWithPlainReader(text, firstLine: firstLine) else { return nil }
        do {
            let slow = try YAMLParser.parseWithLibYAML(text, file: "t.md", firstLine: firstLine)
            #expect(slow == fast, "trees differ for:\n\(text)\nlibyaml: \(String(describing: slow))\nfast: \(fast)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("the fast reader read a text libyaml refuses (\(error)):\n\(text)", sourceLocation: sourceLocation)
        }
        return fast
    }

    static let service = """
    name: Admin Admin 00706
    description: api worker search cache export search
    owner: sam
    base_image: registry.example.com/base/data:2026.10
    rebuilt: 2026-11-25
    components:
      debian: "12"
    environments:
      production:
        version: "1.27.8"
        image: registry.example.com/team/admin-admin-00706:1.27.8
        digest: sha256:0e9ce5b845278a7fd068d66d61a5588bb280745274529d0cabd621f69034bd5b
        deployed: 2026-11-19
      staging:
        version: '1.27.8'
    rollback:
      command: kubectl -n prod rollout undo deployment/admin-admin-00706
      health_check: curl -fsS https://admin.internal.example.com/healthz # checked
      backups: s3://backups/admin-admin-00706/
    rollouts:
      - started: 2026-08-09T12:00
        stable: 2026-08-09T13:04
        to: "1.0.0"
        changes: [schema]
      - started: 2026-09-22T09:00
        changes: [ config,  version ]
        empty: []
        none:
    # a comment

    tags:
      - one
      - "two"
      - [a, 'b']
      -   spaced out
    last:
    """

    @Test func readsAServiceFileAsLibYAMLDoes() throws {
        #expect(compare(Self.service) != nil)
        #expect(compare(Self.service, firstLine: 2) != nil)
        #expect(compare(Self.service + "\n") != nil)
    }

    @Test func readsTheExampleAndGeneratedServicesAsLibYAMLDoes() throws {
        var read = 0, left: [String] = []
        for folder in ["content", "content/services"] {
            let url = Self.root.appending(path: folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".md") {
                let text = try String(contentsOf: url.appending(path: name), encoding: .utf8)
                let split = try FrontMatter.split(text, file: name)
                if compare(split.yaml, firstLine: split.yamlFirstLine) != nil { read += 1 } else { left.append(name) }
            }
        }
        #expect(read >= 6, "the fast reader left \(left) to libyaml")
    }

    @Test(arguments: [
        "a: 1\nb:\n  c: [x, y z, \"q\"]\n  d: 'it'\n",
        "a: ünïcödé text\nb: [é, \"ü\", x]\nc:\n  - ü: 1\n    v: 2\n",
        "a:\nb: 2\n",
        "a:   \nb: 2\n",
        "a: # note\n  b: 1\n",
        "list:\n  - a\n  - b: 1\n    c: 2\n  - [1, 2]\nnext: x\n",
        "a: x#y\nb: x # y\nc: \"q\" # z\n",
        "a: http://x.example/y?z=1\nb: a:b\n",
        "deep:\n  a:\n    b:\n      c:\n        - d\n",
        "a: []\nb: [ ]\nc: [a]\n",
        "a: { b: \"1\", c: d e }\nb: {}\nc: {x: 'y'}   # note\n",
        "a: ~\nb: null\nc: ''\nd: \"\"\n",
        "- a\n",
        "a:\n  - x\n  -\n",
    ])
    func agreesWithLibYAMLWhereItReads(_ text: String) {
        _ = compare(text)
    }

    @Test(arguments: [
        "a: &x 1\nb: *x\n",           // anchors and aliases
        "a: !tag 1\n",                // tags
        "a: |\n  text\n",             // block scalars
        "a: multi\n  line\n",         // continued plain scalar
        "a: \"multi\n  line\"\n",     // quoted over two lines
        "a: \"esc\\n\"\n",            // escapes
        "a: 'it''s'\n",
        "a: {b: {c: 1}}\n",           // nested flow mapping
        "a: {b}\n",
        "a: 1\na: 2\n",               // duplicate key
        "a:\n\tb: 1\n",               // tab
        "a: 1\r\nb: 2\r\n",           // carriage returns
        "description: Jobs: payments\n",
        "a:\n- x\n",                  // a sequence as indented as its key
        "a:\n  b: 1\n c: 2\n",        // bad indentation
        "<<: {a: 1}\n",
        "\"quoted key\": 1\n",
        "a: [x, y,]\n",
        "a: [x\n",
        "a: -1\n",
        "a: \u{85}x\n",
        "",
        "# only a comment\n",
        "  a: 1\n",
    ])
    func leavesTheRestToLibYAML(_ text: String) {
        #expect(YAMLParser.parseWithPlainReader(text) == nil)
    }
}
