import Foundation
import Testing
@testable import Inventory

/// Input controls how deep every parser goes: YAML, observed-state JSON and end-of-life JSON
/// stop at `NestingLimits.depth` with a located error, at the limit and one past it.
@Suite struct NestingLimitTests {
    let limit = NestingLimits.depth

    func parse(_ text: String) throws(Diagnostic) -> YAMLNode? {
        try YAMLParser.parse(text, file: "t.md")
    }

    /// The depth of a tree, counted without recursion (the root collection is level 1).
    func depth(_ root: YAMLNode?) -> Int {
        var deepest = 0
        var pending: [(YAMLNode, Int)] = root.map { [($0, 1)] } ?? []
        while let (node, level) = pending.popLast() {
            switch node.kind {
            case .scalar: deepest = max(deepest, level - 1)
            case .sequence(let items): deepest = max(deepest, level); pending += items.map { ($0, level + 1) }
            case .mapping(let pairs): deepest = max(deepest, level); pending += pairs.map { ($0.value, level + 1) }
            }
        }
        return deepest
    }

    @Test func flowNestingAtTheLimitParsesAndOnePastIsAnErrorWhereItIsPassed() throws {
        // The root mapping is level 1, so `note:` holds limit - 1 lists.
        let atLimit = "note: " + String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1)
        #expect(depth(try parse(atLimit)) == limit)
        let past = "note: " + String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Diagnostic(SourceLocation(file: "t.md", line: 1, column: 7 + limit - 1), "the YAML nests deeper than 64 levels",
                                   hint: "a content file needs a few levels of nesting; look for unclosed or repeated '[' or '{'")) {
            try parse(past)
        }
    }

    @Test func blockNestingAtTheLimitParsesAndOnePastIsAnError() throws {
        func nested(_ levels: Int) -> String {
            (0..<levels).map { String(repeating: "  ", count: $0) + "k:" }.joined(separator: "\n") + " value\n"
        }
        #expect(depth(try parse(nested(limit))) == limit)
        do {
            _ = try parse(nested(limit + 1))
            Issue.record("no error")
        } catch {
            #expect(error.location == SourceLocation(file: "t.md", line: limit + 1, column: 2 * limit + 1))
            #expect(error.message == "the YAML nests deeper than 64 levels")
        }
    }

    /// The issue's input: 100,000 nested '[' in a service file crashed the build after 25 s.
    @Test func aHundredThousandBracketsAreOneLocatedError() throws {
        let text = "---\nname: Deep\nowner: x\nnote: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n---\n"
        do {
            _ = try ContentLoader.parseService(text: text, path: "content/services/deep.md", slug: "deep")
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.map(\.location) == [SourceLocation(file: "content/services/deep.md", line: 4, column: 70)])
        }
    }

    @Test func anAliasMayNotCarryTheTreePastTheLimit() throws {
        let anchored = "a: &deep " + String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1)
        #expect(depth(try parse(anchored + "\nb: *deep\n")) == limit)
        do {
            _ = try parse(anchored + "\nb: [*deep]\n")
            Issue.record("no error")
        } catch {
            #expect(error.location == SourceLocation(file: "t.md", line: 2, column: 5))
            #expect(error.message == "the alias '*deep' here makes the YAML nest deeper than 64 levels")
        }
    }

    @Test func aliasesCannotExpandWithoutBound() {
        // Each level holds ten aliases of the one before: 10^6 values from a few hundred bytes.
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 {
            text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        do {
            _ = try parse(text)
            Issue.record("no error")
        } catch {
            #expect(error.message == "aliases expand to more than 100000 values by the alias '*l3' here")
            #expect(error.location.line == 5)
        }
    }

    @Test func manyKeysAreNotQuadraticAndDuplicatesAreStillFound() throws {
        let keys = (0..<50_000).map { "key\($0): \($0)" }.joined(separator: "\n")
        guard case .mapping(let pairs)? = try parse(keys)?.kind else { Issue.record("not a mapping"); return }
        #expect(pairs.count == 50_000)
        do {
            _ = try parse(keys + "\nkey40: again\n")
            Issue.record("no error")
        } catch {
            #expect(error.message == "duplicate key 'key40' (first at line 41)")
            #expect(error.location.line == 50_001)
        }
        do {
            _ = try parse("base: &b { x: 1 }\n" + (0..<20).map { "k\($0): v" }.joined(separator: "\n") + "\n<<: *b\nk3: again\n")
            Issue.record("no error")
        } catch {
            #expect(error.message == "duplicate key 'k3' (first at line 5)")
        }
    }

    func nestedJSON(_ levels: Int) -> Data {
        Data(("\n  " + String(repeating: "[", count: levels) + String(repeating: "]", count: levels)).utf8)
    }

    @Test func observedJSONAtTheLimitReachesTheParserAndOnePastIsLocated() {
        #expect(throws: Diagnostic(SourceLocation(file: "content/observed/p/pods.json", line: 1, column: 1),
                                   "this JSON is not output of kubectl get pods, kubectl get deployments or docker container inspect",
                                   hint: "save the tool's output unchanged; kubectl needs -o json")) {
            try ObservedParser.parse(nestedJSON(limit), environment: "p", file: "content/observed/p/pods.json", fileName: "pods.json")
        }
        do {
            _ = try ObservedParser.parse(nestedJSON(100_000), environment: "p", file: "content/observed/p/pods.json", fileName: "pods.json")
            Issue.record("no error")
        } catch {
            #expect(error.location == SourceLocation(file: "content/observed/p/pods.json", line: 2, column: 3 + limit))
            #expect(error.message == "the JSON nests deeper than 64 levels")
        }
    }

    @Test func endOfLifeJSONAtTheLimitReachesTheParserAndOnePastIsLocated() {
        do {
            _ = try EOLParser.parse(nestedJSON(limit), product: "node", file: "content/eol/node.json")
            Issue.record("no error")
        } catch {
            #expect(error.message == "cycle 1 needs 'cycle' and 'eol' (a date or true/false)")  // parsed: the nesting check let it through
        }
        do {
            _ = try EOLParser.parse(nestedJSON(limit + 1), product: "node", file: "content/eol/node.json")
            Issue.record("no error")
        } catch {
            #expect(error.location == SourceLocation(file: "content/eol/node.json", line: 2, column: 3 + limit))
        }
    }

    @Test func bracketsInsideJSONStringsDoNotCount() throws {
        let name = String(repeating: "[{", count: 200) + "\\\"]"
        let json = #"{"kind": "PodList", "items": [{"kind": "Pod", "metadata": {"name": "\#(name)"}}]}"#
        let snapshot = try ObservedParser.parse(Data(json.utf8), environment: "p", file: "pods.json", fileName: "pods.json")
        #expect(snapshot.workloads.count == 1)
    }

    @Test func columnsCountCharactersNotBytes() {
        do {
            try JSONNesting.check(Data(("[\"é\", " + String(repeating: "[", count: limit) + "]").utf8), file: "e.json")
            Issue.record("no error")
        } catch {
            #expect(error.location.column == 6 + limit)
        }
    }
}
