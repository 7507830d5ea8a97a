import Testing
@testable import Inventory

@Suite struct YAMLParserTests {
    func parse(_ text: String, firstLine: Int = 1) throws -> YAMLNode {
        try #require(try YAMLParser.parse(text, file: "t.md", firstLine: firstLine))
    }

    func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = node.kind else { return nil }
        return pairs.first { $0.key.scalar == key }?.value
    }

    @Test func scalarsStayStrings() throws {
        let root = try parse("version: 1.10\nflag: yes\nnothing:\ncount: 007\nquoted: \"1.10\"\n")
        #expect(value(root, "version")?.scalar == "1.10")
        #expect(value(root, "flag")?.scalar == "yes")
        #expect(value(root, "nothing")?.isNull == true)
        #expect(value(root, "count")?.scalar == "007")
        #expect(value(root, "quoted")?.kind == .scalar("1.10", plain: false))
        #expect(value(root, "quoted")?.isNull == false)
    }

    @Test func sequencesMappingsAndFlowStyle() throws {
        let root = try parse("list:\n  - a\n  - b\nflow: { node: \"20\", pg: '15' }\nitems: [x, y]\n")
        guard case .sequence(let list)? = value(root, "list")?.kind else { Issue.record("not a list"); return }
        #expect(list.map(\.scalar) == ["a", "b"])
        guard case .mapping(let flow)? = value(root, "flow")?.kind else { Issue.record("not a mapping"); return }
        #expect(flow.map(\.key.scalar) == ["node", "pg"])
        #expect(flow.map(\.value.scalar) == ["20", "15"])
        guard case .sequence(let items)? = value(root, "items")?.kind else { Issue.record("not a list"); return }
        #expect(items.count == 2)
    }

    @Test func blockScalars() throws {
        let root = try parse("literal: |\n  line one\n  line two\nfolded: >\n  one\n  two\n")
        #expect(value(root, "literal")?.scalar == "line one\nline two\n")
        #expect(value(root, "folded")?.scalar == "one two\n")
    }

    @Test func anchorsAliasesAndMerges() throws {
        let root = try parse("base: &b\n  node: \"22\"\n  pg: \"16\"\ncopy: *b\nmerged:\n  <<: *b\n  pg: \"15\"\n")
        #expect(value(root, "copy").flatMap { value($0, "node") }?.scalar == "22")
        let merged = try #require(value(root, "merged"))
        #expect(value(merged, "pg")?.scalar == "15")
        #expect(value(merged, "node")?.scalar == "22")
    }

    @Test func marksAreOneBasedAndOffset() throws {
        let root = try parse("name: api\nenvironments:\n  production:\n    version: \"1\"\n", firstLine: 2)
        #expect(root.line == 2)
        let production = try #require(value(root, "environments").flatMap { value($0, "production") })
        guard case .mapping(let pairs) = production.kind else { Issue.record("not a mapping"); return }
        #expect(pairs[0].key.line == 5)
        #expect(pairs[0].key.column == 5)
        #expect(pairs[0].value.column == 14)
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try YAMLParser.parse("", file: "t.md") == nil)
        #expect(try YAMLParser.parse("# only a comment\n", file: "t.md") == nil)
    }

    @Test(arguments: [
        ("name: \"unclosed\nowner: x\n", 1, "invalid YAML: found unexpected end of stream while scanning a quoted scalar"),
        ("a:\n  b: 1\n c: 2\n", 3, "invalid YAML: did not find expected key while parsing a block mapping"),
        ("a:\n\tb: 1\n", 2, "invalid YAML: found character that cannot start any token while scanning for the next token (YAML indents with spaces, never tabs)"),
        ("description: Jobs: payments\n", 1, "invalid YAML: mapping values are not allowed in this context"),
        ("a: *nope\n", 1, "unknown alias '*nope'"),
        ("a: 1\na: 2\n", 2, "duplicate key 'a' (first at line 1)"),
        ("a: 1\n---\nb: 2\n", 2, "front matter holds more than one YAML document"),
    ])
    func reportsErrorsWithLines(_ text: String, _ line: Int, _ message: String) {
        do {
            _ = try YAMLParser.parse(text, file: "t.md", firstLine: 1)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.location.file == "t.md")
            #expect(error.location.line == line, "\(error)")
            #expect(error.message == message)
        }
    }
}
