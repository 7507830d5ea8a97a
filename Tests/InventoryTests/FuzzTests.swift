import PropertyBased
import Testing
@testable import Inventory

/// Mutated and random inputs through the splitter, the YAML tree and the schema: no crash,
/// no hang, and every failure a located error inside the file.
@Suite struct FuzzTests {
    static let seeds: [String] = [
        """
        ---
        name: Customer API
        owner: dana
        base_image: registry.example.com/base/web:2026.09
        rebuilt: 2026-10-02
        components: { node: "20.11.1", postgres: "15.8" }
        environments:
          production:
            version: "1.14.2"
            image: registry.example.com/team/api:1.14.2
            digest: sha256:\(String(repeating: "a", count: 64))
            deployed: 2026-10-03
          staging:
            components: { node: "22.11.0" }
        exceptions:
          - component: postgres
            version: "15"
            until: 2027-01-31
        rollback:
          command: kubectl -n prod rollout undo deployment/api
          tested: 2026-09-14
        rollouts:
          - started: 2026-10-03T10:00
            stable: 2026-10-03T10:25
            changes: [version]
        links: { dashboard: "https://grafana.example/d/api" }
        ---
        # Runbook
        """,
        "---\nbase: &b { node: \"22\" }\ncomponents: *b\nenvironments:\n  prod:\n    <<: *b\n---\n",
        "\u{FEFF}---\r\nname: API\r\nsignals: [a, b]\r\n---\r\nbody\r\n",
    ]

    /// Fragments that stress YAML and the schema.
    static let fragments = ["---", "...", ":", ": ", "- ", "\n", "\n  ", "\t", "\"", "'", "{", "}", "[", "]", "&a ", "*a", "<<: ", "!!str ",
                            "|\n", ">-\n", "#", "%YAML 1.1\n", "? ", "2026-02-30", "1.10", "~", "null", "\u{0}", "\u{FEFF}", "é", "😀",
                            "owner", "rollback:\n  ", "environments:\n  x:\n    ", "  - started: ", "T25:00"]

    /// A seed document with a few edits: insert a fragment, delete a span, flip a byte, cut.
    static func mutate(_ seed: String, _ edits: [Int]) -> [UInt8] {
        var bytes = Array(seed.utf8)
        for edit in edits {
            let position = bytes.isEmpty ? 0 : (edit / 7) % (bytes.count + 1)
            switch edit % 4 {
            case 0: bytes.insert(contentsOf: Array(fragments[(edit / 3) % fragments.count].utf8), at: position)
            case 1: bytes.removeSubrange(position..<min(bytes.count, position + 1 + edit % 9))
            case 2 where position < bytes.count: bytes[position] = UInt8(truncatingIfNeeded: edit >> 3)
            default: bytes.removeSubrange(min(position, bytes.count)...)
            }
        }
        return bytes
    }

    /// Parses as a service file would be; returns the diagnostics.
    static func diagnostics(_ bytes: [UInt8]) -> [Diagnostic] {
        do {
            let file = try ContentFile.parse(bytes, path: "content/services/fuzz.md")
            let reader = SchemaReader(file: "content/services/fuzz.md")
            let service = ServiceSchema.decode(file.root, slug: "fuzz", file: file.path, body: file.body, reader: reader)
            if service == nil && reader.diagnostics.isEmpty { return [Diagnostic(SourceLocation(file: "", line: 0, column: 0), "no service and no error")] }
            return reader.diagnostics
        } catch {
            return [error]
        }
    }

    static func check(_ bytes: [UInt8]) {
        // YAML (and editors) also break a line at a lone CR: `name: API\rowner: x` is two lines.
        let lines = bytes.indices.count { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && (($0 + 1) == bytes.count || bytes[$0 + 1] != 0x0A)) } + 2
        for diagnostic in diagnostics(bytes) {
            #expect(diagnostic.location.file == "content/services/fuzz.md", "\(diagnostic)")
            #expect((1...lines).contains(diagnostic.location.line), "\(diagnostic) in \(lines) lines")
            #expect(diagnostic.location.column >= 1, "\(diagnostic)")
            #expect(!diagnostic.message.isEmpty)
        }
    }

    @Test func mutatedDocuments() async {
        await propertyCheck(count: 6000, input: Gen.int(in: 0...2), Gen.int(in: 0...1_000_000).array(of: 1...6)) { seed, edits in
            Self.check(Self.mutate(Self.seeds[seed], edits))
        }
    }

    /// Found by `mutatedDocuments` (seed 2, edits 496520, 187913, 391047): libyaml reported
    /// line 5 of a text with two LFs, rightly, since it has two lone CRs too.
    @Test func aLoneCarriageReturnBreaksALine() {
        Self.check(Array("\u{FEFF}---\r\nname: API\rgnals: [a, b]\r&a \n---".utf8))
        let located = Self.diagnostics(Array("\u{FEFF}---\r\nname: API\rgnals: [a, b]\r&a \n---".utf8))
        #expect(located.map(\.location.line) == [5])
    }

    @Test func randomBytes() async {
        await propertyCheck(count: 4000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...300)) { tail in
            Self.check(Array("---\n".utf8) + tail)
            Self.check(tail)
        }
    }

    @Test func randomASCIIFrontMatter() async {
        await propertyCheck(count: 4000, input: Gen<UInt8>.value(in: 0...127).array(of: 0...200)) { body in
            Self.check(Array("---\n".utf8) + body + Array("\n---\n".utf8))
        }
    }
}
