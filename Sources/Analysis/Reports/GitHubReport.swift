/// `check --format github`: GitHub Actions workflow commands, which the runner turns into
/// annotations on the pull request's files.
extension FindingReports {
    /// `::error file=…,line=…,col=…,title=RULE::message` a finding, infos as notices, then the
    /// summary as a plain log line. Escaped as GitHub's toolkit does, so no text from the
    /// content can end a command early or start another.
    public static func github(_ report: some FindingsOutcome) -> String {
        var out = ""
        for f in report.findings {
            let properties = [("file", f.file), ("line", String(f.line)), ("col", String(f.column)), ("title", f.rule.rawValue)]
                .map { "\($0)=\(githubProperty($1))" }.joined(separator: ",")
            out += "::\(githubCommand(f.severity)) \(properties)::\(githubData("\(f.message)\nhint: \(f.hint)"))\n"
        }
        out += summary(report) + "\n"
        return out
    }

    static func githubCommand(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// A command's message: `%`, carriage return and line feed percent-encoded.
    static func githubData(_ s: String) -> String { githubEscaped(s, ["%": "%25", "\r": "%0D", "\n": "%0A"]) }

    /// A property value: as a message, and `:` and `,` too, which end a value.
    static func githubProperty(_ s: String) -> String {
        githubEscaped(s, ["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }

    /// By Unicode scalar: a String's "\r\n" is one Character, which replacing "\n" would miss.
    private static func githubEscaped(_ s: String, _ escapes: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if let escape = escapes[scalar] { out += escape } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
