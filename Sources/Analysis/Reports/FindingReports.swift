import Inventory

/// The formats `shortpath check` prints and the site publishes.
public enum FindingReports {
    /// Version of the `findings.json` layout; raised on any incompatible change.
    public static let schemaVersion = 1

    /// `path:line:column: severity: message [rule]`, one a line, then a summary line.
    public static func text(_ report: some FindingsOutcome) -> String {
        String(decoding: textBytes(report), as: UTF8.self)
    }

    /// The same as UTF-8 bytes, for `check` to write as they are: ten thousand services give
    /// fifty thousand lines, and making them one string checked all their bytes again.
    public static func textBytes(_ report: some FindingsOutcome) -> [UInt8] {
        // Bytes, not string interpolation; each text copied from its UTF-8 storage in one piece.
        var out: [UInt8] = []
        out.reserveCapacity(report.findings.count * 220)
        let colon = UInt8(ascii: ":"), newline = UInt8(ascii: "\n")
        for f in report.findings {
            append(f.file, to: &out); out.append(colon); append(String(f.line), to: &out); out.append(colon)
            append(String(f.column), to: &out); append(": ", to: &out); append(f.severity.rawValue, to: &out); append(": ", to: &out)
            append(f.message, to: &out); append(" [", to: &out); append(f.rule.rawValue, to: &out); append("]\n  hint: ", to: &out)
            append(f.hint, to: &out); out.append(newline)
        }
        append(summary(report), to: &out); out.append(newline)
        return out
    }

    /// A text's UTF-8 copied from its storage in one piece (a nested function that captured the
    /// buffer checked exclusive access on every call).
    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    public static func summary(_ report: some FindingsOutcome) -> String {
        let e = report.count(.error), w = report.count(.warning), i = report.count(.info)
        let onPath = report.statuses.values.count(where: \.onStandardPath)
        return "\(counted(e, "error")), \(counted(w, "warning")), \(i) info; "
            + "\(onPath) of \(report.statuses.count) active services on the standard path"
    }

    /// `{"schema": 1, "today": ..., "findings": [...]}`.
    public static func json(_ report: some FindingsOutcome) -> String {
        String(decoding: jsonBytes(report), as: UTF8.self)
    }

    /// `json` as the UTF-8 that `findings.json` holds (about 400 bytes a finding).
    public static func jsonBytes(_ report: some FindingsOutcome) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 256 + 448 * report.findings.count)
        w.beginObject()
        w.field("schema", .int(schemaVersion))
        w.field("today", report.today.description)
        w.beginArray("findings")
        for f in report.findings {
            w.beginObject()
            w.field("rule", f.rule.rawValue)
            w.field("severity", f.severity.rawValue)
            w.field("service", f.service)
            w.field("file", f.file)
            w.field("line", .int(f.line))
            w.field("column", .int(f.column))
            w.field("message", f.message)
            w.field("hint", f.hint)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.utf8
    }

    /// JUnit XML: one test case per service and rule, failing for errors and warnings, so CI
    /// systems list them. Services without findings appear as one passing case.
    public static func junit(_ report: some FindingsOutcome, services: [String]) -> String {
        var cases: [(name: String, classname: String, findings: [Finding])] = []
        var byService: [String: [Rule: [Finding]]] = [:]
        for f in report.findings { byService[f.service ?? "(site)", default: [:]][f.rule, default: []].append(f) }
        for slug in (services + (byService["(site)"] == nil ? [] : ["(site)"])) {
            guard let rules = byService[slug] else {
                cases.append((name: "on the standard path", classname: slug, findings: []))
                continue
            }
            for rule in rules.keys.sorted() { cases.append((name: rule.rawValue, classname: slug, findings: rules[rule]!)) }
        }
        let failures = cases.count { $0.findings.contains { $0.severity != .info } }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"shortpath check\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"shortpath\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for c in cases {
            out += "    <testcase classname=\"\(xml(c.classname))\" name=\"\(xml(c.name))\""
            let serious = c.findings.filter { $0.severity != .info }
            if c.findings.isEmpty { out += "/>\n"; continue }
            out += ">\n"
            let body = c.findings.map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)\n  hint: \($0.hint)" }
                .joined(separator: "\n")
            if let first = serious.first {
                out += "      <failure type=\"\(first.severity.rawValue)\" message=\"\(xml(first.message))\">\(xml(body))</failure>\n"
            } else {
                out += "      <system-out>\(xml(body))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// GitLab's Code Quality report (a JSON array).
    public static func gitlab(_ report: some FindingsOutcome) -> String {
        var w = JSONWriter()
        w.beginArray()
        for f in report.findings {
            w.beginObject()
            w.field("description", "\(f.message) (\(f.hint))")
            w.field("check_name", f.rule.rawValue)
            w.field("fingerprint", fingerprint(f))
            w.field("severity", gitlabSeverity(f.severity))
            w.beginObject("location")
            w.field("path", f.file)
            w.beginObject("lines")
            w.field("begin", .int(f.line))
            w.endObject()
            w.endObject()
            w.endObject()
        }
        w.endArray()
        return w.text
    }

    static func gitlabSeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "critical"
        case .warning: "minor"
        case .info: "info"
        }
    }

    /// Stable across runs and line moves: rule, service, file and message.
    static func fingerprint(_ f: Finding) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in "\(f.rule.rawValue)\u{0}\(f.service ?? "")\u{0}\(f.file)\u{0}\(f.message)".utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 0x9E37_79B9
        }
        return hex(a) + hex(b)
    }

    private static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 allows tab, line feed and carriage return among the control characters.
                if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { out += "?" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
