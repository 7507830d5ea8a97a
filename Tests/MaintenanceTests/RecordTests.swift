import Inventory
@testable import Maintenance
import Testing

@Suite struct RecordTests {
    let entry = RolloutRecorder.Entry(started: "2026-11-27T10:00", stable: "2026-11-27T10:25", to: "1.15.0", changes: [.version])

    func append(_ text: String) throws -> String {
        try RolloutRecorder.append(entry, to: text, path: "content/services/api.md", slug: "api").text
    }

    @Test func blockStyleKeepsEverythingElse() throws {
        let text = """
            ---
            # the API service
            name: 'Customer API'   # quoted with single quotes
            owner: dana
            rollouts:
              - started: 2026-10-03T10:00
                stable: 2026-10-03T10:25   # a comment
                note: |
                  first line
                  second line
            # trailing comment
            risk: low
            ---

            Body with --- inside.
            """
        #expect(try append(text) == """
            ---
            # the API service
            name: 'Customer API'   # quoted with single quotes
            owner: dana
            rollouts:
              - started: 2026-10-03T10:00
                stable: 2026-10-03T10:25   # a comment
                note: |
                  first line
                  second line
              - started: 2026-11-27T10:00
                stable: 2026-11-27T10:25
                to: "1.15.0"
                changes: [version]
            # trailing comment
            risk: low
            ---

            Body with --- inside.
            """)
    }

    @Test func blockStyleWithoutIndentAndWithWideIndent() throws {
        #expect(try append("---\nname: API\nrollouts:\n- started: 2026-10-03T10:00\n  stable: 2026-10-03T10:25\n---\n") ==
                "---\nname: API\nrollouts:\n- started: 2026-10-03T10:00\n  stable: 2026-10-03T10:25\n- started: 2026-11-27T10:00\n  stable: 2026-11-27T10:25\n  to: \"1.15.0\"\n  changes: [version]\n---\n")
        #expect(try append("---\nrollouts:\n    -   started: 2026-10-03T10:00\n        stable: 2026-10-03T10:25\nname: API\n---\n") ==
                "---\nrollouts:\n    -   started: 2026-10-03T10:00\n        stable: 2026-10-03T10:25\n    -   started: 2026-11-27T10:00\n        stable: 2026-11-27T10:25\n        to: \"1.15.0\"\n        changes: [version]\nname: API\n---\n")
    }

    @Test func flowStyle() throws {
        #expect(try append("---\nname: API\nrollouts: []\n---\n") ==
                "---\nname: API\nrollouts: [{ started: 2026-11-27T10:00, stable: 2026-11-27T10:25, to: \"1.15.0\", changes: [version] }]\n---\n")
        #expect(try append("---\nrollouts: [{started: 2026-10-03T10:00, stable: 2026-10-03T10:25}]\nname: API\n---\n") ==
                "---\nrollouts: [{started: 2026-10-03T10:00, stable: 2026-10-03T10:25}, { started: 2026-11-27T10:00, stable: 2026-11-27T10:25, to: \"1.15.0\", changes: [version] }]\nname: API\n---\n")
    }

    @Test func withoutRolloutsAndWithAnEmptyKey() throws {
        #expect(try append("---\nname: API\n---\nbody\n") ==
                "---\nname: API\nrollouts:\n  - started: 2026-11-27T10:00\n    stable: 2026-11-27T10:25\n    to: \"1.15.0\"\n    changes: [version]\n---\nbody\n")
        #expect(try append("---\nrollouts:\nname: API\n---\n") ==
                "---\nrollouts:\n  - started: 2026-11-27T10:00\n    stable: 2026-11-27T10:25\n    to: \"1.15.0\"\n    changes: [version]\nname: API\n---\n")
    }

    @Test func keepsCRLFLineEnds() throws {
        #expect(try append("---\r\nname: API\r\nrollouts:\r\n  - started: 2026-10-03T10:00\r\n    stable: 2026-10-03T10:25\r\n---\r\n") ==
                "---\r\nname: API\r\nrollouts:\r\n  - started: 2026-10-03T10:00\r\n    stable: 2026-10-03T10:25\r\n  - started: 2026-11-27T10:00\r\n    stable: 2026-11-27T10:25\r\n    to: \"1.15.0\"\r\n    changes: [version]\r\n---\r\n")
    }

    @Test func quotesNotesSafely() throws {
        let noted = RolloutRecorder.Entry(started: "2026-11-27T10:00", rolledBack: "2026-11-27T11:00", note: "a: b # \"c\"\nnext")
        let (text, service) = try RolloutRecorder.append(noted, to: "---\nname: API\n---\n", path: "content/services/api.md", slug: "api")
        #expect(text.contains("    note: \"a: b # \\\"c\\\"\\nnext\"\n"))
        #expect(service.rollouts.last?.note == "a: b # \"c\"\nnext")
        #expect(service.rollouts.last?.outcome == .rolledBack(Moment("2026-11-27T11:00")!))
    }

    @Test func refusesWhatBuildWouldRefuse() {
        let backwards = RolloutRecorder.Entry(started: "2026-11-27T10:00", stable: "2026-11-27T09:00")
        #expect(throws: ContentErrors.self) {
            try RolloutRecorder.append(backwards, to: "---\nname: API\n---\n", path: "content/services/api.md", slug: "api")
        }
        #expect(throws: ContentErrors.self) {
            try RolloutRecorder.append(entry, to: "---\nrollouts: { a: b }\n---\n", path: "content/services/api.md", slug: "api")
        }
        #expect(throws: RolloutRecorder.Failure.self) {
            try RolloutRecorder.append(entry, to: "---\nrollouts: ~\n---\n", path: "content/services/api.md", slug: "api")
        }
    }

    @Test func summaryComparesWithTheMedian() throws {
        let (_, service) = try RolloutRecorder.append(entry, to: "---\nrollouts:\n  - started: 2026-10-01T10:00\n    stable: 2026-10-01T10:45\n  - started: 2026-10-02T10:00\n    stable: 2026-10-02T10:35\n  - started: 2026-10-03T10:00\n    stable: 2026-10-03T11:00\n---\n", path: "content/services/api.md", slug: "api")
        #expect(RolloutRecorder.summary(of: service) == "recorded in content/services/api.md: started 2026-11-27 10:00, stable at 2026-11-27 10:25, took 25 min; the median of the 3 before is 45 min: 20 min faster")
    }
}
