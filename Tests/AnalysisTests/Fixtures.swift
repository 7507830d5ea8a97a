@testable import Analysis
@testable import Inventory
import Testing

enum Fixture {
    static let today = Day("2026-11-27")!
    static let digestA = "sha256:" + String(repeating: "a", count: 64)
    static let digestB = "sha256:" + String(repeating: "b", count: 64)

    static let standardsYAML = """
        review: 2027-01-15
        components: { node: "22", postgres: "16", nginx: "1.26" }
        images:
          web: registry.example.com/base/web:2026.11
          jobs: registry.example.com/base/jobs:2026.11
        """

    /// A service on the standard path; tests change one thing at a time.
    static let cleanYAML = """
        name: API
        owner: dana
        base_image: registry.example.com/base/web:2026.11
        rebuilt: 2026-11-20
        components: { node: "22.11.0", postgres: "16.4" }
        environments:
          production:
            version: "1.2.0"
            image: registry.example.com/team/api:1.2.0
            digest: \(digestA)
          staging:
            version: "1.2.0"
            image: registry.example.com/team/api:1.2.0
            digest: \(digestA)
        rollback:
          previous_image: registry.example.com/team/api:1.1.0@\(digestA)
          command: kubectl rollout undo deployment/api
          health_check: curl -fsS https://api/healthz
          stop_point: 5 minutes of failing checks
          decides: dana
          backups: s3://backups/api/
          restore_tested: 2026-11-01
          tested: 2026-10-01
        """

    static func service(_ yaml: String, slug: String = "api") -> Service {
        let root = try! YAMLParser.parse(yaml, file: "content/services/\(slug).md", firstLine: 2)
        let reader = SchemaReader(file: "content/services/\(slug).md")
        let service = ServiceSchema.decode(root, slug: slug, file: "content/services/\(slug).md", body: "", reader: reader)
        #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
        return service!
    }

    static func standards(_ yaml: String = standardsYAML) -> Standards {
        let root = try! YAMLParser.parse(yaml, file: "content/standards.md", firstLine: 2)
        let reader = SchemaReader(file: "content/standards.md")
        return StandardsSchema.decode(root, file: "content/standards.md", body: "", reader: reader)
    }

    /// The clean service with `replacing` lines swapped and `adding` appended.
    static func variant(_ replacements: [(String, String)] = [], adding extra: String = "") -> String {
        var text = cleanYAML
        for (old, new) in replacements {
            precondition(text.contains(old), "fixture has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return extra.isEmpty ? text : text + "\n" + extra
    }

    static func report(_ yaml: String, policy: Policy = Policy(), standards: Standards = standards(), today: Day = today) -> Report {
        let inventory = Inventory(settings: SiteSettings(policy: policy), standards: standards, services: [service(yaml)])
        return try! Analyzer.analyze(inventory, today: today)
    }

    static func rules(_ yaml: String, policy: Policy = Policy()) -> [Rule] {
        report(yaml, policy: policy).findings.filter { $0.service != nil }.map(\.rule)
    }
}

extension String {
    func replacingOccurrences(of old: String, with new: String) -> String {
        var result = "", rest = Substring(self)
        while let range = rest.range(of: old) {
            result += rest[..<range.lowerBound] + new
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
            start = index(after: start)
        }
        return nil
    }
}
