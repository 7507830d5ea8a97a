@testable import Analysis
import Testing

/// `Analyzer.merge` puts the site-wide findings among the services' as a stable sort of both
/// would, whether the services' findings came in order (insertion) or not (a sort).
@Suite struct FindingMergeTests {
    /// Findings that differ in their hint only are a tie: the merge keeps them in order.
    static func finding(_ file: String, _ line: Int, hint: String = "h") -> Finding {
        Finding(rule: .componentBehind, service: nil, file: file, line: line, column: 1, message: "m", hint: hint)
    }

    static let services = [finding("content/services/a.md", 3), finding("content/services/a.md", 9),
                           finding("content/services/b.md", 2), finding("content/services/b.md", 2, hint: "second of a tie"),
                           finding("content/services/c.md", 1)]
    static let siteWide = [finding("content/standards.md", 1), finding("content/services/b.md", 2, hint: "third of the tie"),
                           finding("content/_index.md", 4), finding("content/services/b.md", 2, hint: "fourth of the tie")]

    static func stableSort(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { Finding.ordered($0.element, $1.element) || (!Finding.ordered($1.element, $0.element) && $0.offset < $1.offset) }
            .map(\.element)
    }

    @Test func insertsAmongFindingsInOrder() {
        var merged = Self.services
        Analyzer.merge(Self.siteWide, into: &merged)
        #expect(merged == Self.stableSort(Self.services + Self.siteWide))
        #expect(merged.map(\.file).first == "content/_index.md")
        #expect(merged.filter { $0.file == "content/services/b.md" }.map(\.hint) == ["h", "second of a tie", "third of the tie", "fourth of the tie"])
    }

    @Test func sortsFindingsOutOfOrder() {
        var merged = Self.services.reversed() as [Finding]
        Analyzer.merge(Self.siteWide, into: &merged)
        #expect(merged == Self.stableSort(Self.services.reversed() + Self.siteWide))
    }
}
