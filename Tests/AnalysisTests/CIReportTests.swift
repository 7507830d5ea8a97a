@testable import Analysis
import Foundation
import Inventory
import Testing

/// `check --format github` and `--format sarif`, on findings made up for the purpose.
@Suite struct CIReportTests {
    static func finding(_ rule: Rule, severity: Severity? = nil, file: String = "content/services/api.md", line: Int = 7,
                        column: Int = 3, message: String = "node 20.11.1 is behind 22", hint: String = "upgrade node") -> Finding {
        Finding(rule: rule, severity: severity, service: "api", file: file, line: line, column: column, message: message, hint: hint)
    }

    static func report(_ findings: [Finding]) -> Report {
        // The report of an empty inventory, holding just these findings.
        let empty = Inventory(settings: SiteSettings(), standards: Standards(), services: [])
        var report = try! Analyzer.analyze(empty, today: Day("2026-11-27")!)
        report.findings = findings
        return report
    }

    @Test func githubEscapesPercentNewlineColonAndComma() {
        let tricky = Self.finding(.componentBehind, file: "content/services/a,b:c%d.md",
                                  message: "100% behind: node, postgres\r\n::error::injected", hint: "a: b, c")
        let lines = FindingReports.github(Self.report([tricky])).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "::warning file=content/services/a%2Cb%3Ac%25d.md,line=7,col=3,title=component-behind::"
            + "100%25 behind: node, postgres%0D%0A::error::injected%0Ahint: a: b, c")
        // The message cannot start a second command: every finding is one line.
        #expect(lines.count == 3)
        #expect(lines[1] == "0 errors, 1 warning, 0 info; 0 of 0 active services on the standard path")
    }

    @Test func githubCommandPerSeverity() {
        let findings = [Self.finding(.rollbackMissing), Self.finding(.imageStale), Self.finding(.patchAvailable)]
        let commands = FindingReports.github(Self.report(findings)).split(separator: "\n").map { $0.prefix { $0 != " " } }
        #expect(commands == ["::error", "::warning", "::notice", "1"])
    }

    func sarif(_ findings: [Finding], policy: [String: String] = [:]) throws -> [String: Any] {
        var settings = SiteSettings()
        for (rule, level) in policy { settings.policy.severity[rule] = Located(level, line: 5, column: 3) }
        let text = FindingReports.sarif(Self.report(findings), settings: settings, toolVersion: "9.8.7")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func sarifListsEveryRuleOnceWithPolicyLevels() throws {
        let log = try sarif([], policy: ["image-stale": "error", "patch-available": "off"])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "shortpath")
        #expect(driver["version"] as? String == "9.8.7")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == Rule.allCases.map(\.rawValue).sorted())
        func configuration(_ id: String) -> [String: Any]? {
            rules.first { $0["id"] as? String == id }?["defaultConfiguration"] as? [String: Any]
        }
        #expect(configuration("image-stale")?["level"] as? String == "error")
        #expect(configuration("rollback-missing")?["level"] as? String == "error")
        #expect(configuration("component-unapproved")?["level"] as? String == "note")
        #expect(configuration("env-drift")?["level"] as? String == "warning")
        #expect(configuration("patch-available")?["enabled"] as? Bool == false)
        #expect(configuration("patch-available")?["level"] as? String == "none")
        let behind = try #require(rules.first { $0["id"] as? String == "component-behind" })
        #expect(behind["name"] as? String == "ComponentBehind")
        #expect((behind["shortDescription"] as? [String: Any])?["text"] as? String == Rule.componentBehind.summary)
        #expect((behind["help"] as? [String: Any])?["text"] as? String == Rule.componentBehind.help)
    }

    @Test func sarifResultsKeepTheReportsOrderAndLocations() throws {
        let findings = [
            Self.finding(.rollbackMissing, file: "content/services/a.md", line: 2, column: 1, message: "A has no rollback facts"),
            Self.finding(.componentUnapproved, file: "content/services/b.md", line: 9, column: 5, message: "redis is not in the standard"),
        ]
        let run = try #require((try sarif(findings)["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["rollback-missing", "component-unapproved"])
        #expect(results.map { $0["level"] as? String } == ["error", "note"])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let location = try #require((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "content/services/b.md")
        #expect(location["region"] as? [String: Int] == ["startLine": 9, "startColumn": 5])
        #expect((results[1]["message"] as? [String: Any])?["text"] as? String == "redis is not in the standard\nhint: upgrade node")
    }

    @Test func sarifNamesAreIdentifiers() {
        #expect(FindingReports.sarifName(.rollbackMissing) == "RollbackMissing")
        #expect(FindingReports.sarifName(.eolSoon) == "EolSoon")
    }
}
