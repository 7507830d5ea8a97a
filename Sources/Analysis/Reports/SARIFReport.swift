import Inventory

/// `check --format sarif`: a SARIF 2.1.0 log for code-scanning tools (GitHub's upload-sarif).
extension FindingReports {
    /// One run: every rule (sorted by id, with its level under the site's policy; rules the
    /// policy turns off are listed as disabled), then one result per finding in the report's
    /// order, located by file (relative to the source folder), line and column.
    public static func sarif(_ report: some FindingsOutcome, settings: SiteSettings, toolVersion: String) -> String {
        let overrides = (try? Analyzer.severityOverrides(settings)) ?? [:]
        let rules = Rule.allCases.sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        var w = JSONWriter()
        w.beginObject()
        w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.field("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.field("name", "shortpath")
        w.field("version", toolVersion)
        w.field("semanticVersion", toolVersion)
        w.beginArray("rules")
        for rule in rules {
            let severity: Severity? = overrides[rule] ?? rule.defaultSeverity
            w.beginObject()
            w.field("id", rule.rawValue)
            w.field("name", sarifName(rule))
            w.beginObject("shortDescription")
            w.field("text", rule.summary)
            w.endObject()
            w.beginObject("help")
            w.field("text", rule.help)
            w.endObject()
            w.beginObject("defaultConfiguration")
            w.field("enabled", .bool(severity != nil))
            w.field("level", severity.map(sarifLevel) ?? "none")
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.field("columnKind", "unicodeCodePoints")
        w.beginArray("results")
        for f in report.findings {
            w.beginObject()
            w.field("ruleId", f.rule.rawValue)
            w.field("ruleIndex", .int(ruleIndex[f.rule]))
            w.field("level", sarifLevel(f.severity))
            w.beginObject("message")
            w.field("text", "\(f.message)\nhint: \(f.hint)")
            w.endObject()
            w.beginArray("locations")
            w.beginObject()
            w.beginObject("physicalLocation")
            w.beginObject("artifactLocation")
            w.field("uri", f.file)
            w.field("uriBaseId", "%SRCROOT%")
            w.endObject()
            w.beginObject("region")
            w.field("startLine", .int(max(f.line, 1)))
            w.field("startColumn", .int(max(f.column, 1)))
            w.endObject()
            w.endObject()
            w.endObject()
            w.endArray()
            w.beginObject("partialFingerprints")
            w.field("shortpathFinding/v1", fingerprint(f))
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.text
    }

    static func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// `component-behind` → `ComponentBehind`, the identifier-like name SARIF asks for.
    static func sarifName(_ rule: Rule) -> String {
        rule.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
