import Inventory

/// One thing that needs care, where it comes from, and how to fix it.
public struct Finding: Sendable, Hashable {
    public var rule: Rule
    public var severity: Severity
    /// The service's slug; nil for site-wide findings.
    public var service: String?
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String

    public init(rule: Rule, severity: Severity? = nil, service: String?, file: String, line: Int, column: Int,
                message: String, hint: String) {
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.service = service
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// Sort order of every listing: file, line, column, rule, message.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        // Field by field, as the tuple comparison read, without building the tuples: this runs
        // for every pair a sort of tens of thousands of findings compares.
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.rule != b.rule { return a.rule.rawValue < b.rule.rawValue }
        return a.message < b.message
    }
}

/// Collects one service's findings with its file and slug filled in. Without `words`, only
/// the rules and places are kept: the messages and hints are not written (the history counts
/// findings at every point, and reads no message).
struct FindingSink {
    let slug: String
    let file: String
    let line: Int
    let words: Bool
    var findings: [Finding] = []

    init(_ service: Service, words: Bool = true) {
        slug = service.slug
        file = service.file
        line = service.line
        self.words = words
    }

    mutating func add(_ rule: Rule, line: Int, column: Int, _ message: @autoclosure () -> String, hint: @autoclosure () -> String) {
        findings.append(Finding(rule: rule, service: slug, file: file, line: line, column: column,
                                message: words ? message() : "", hint: words ? hint() : ""))
    }

    mutating func add(_ rule: Rule, at place: any SourcePositioned, _ message: @autoclosure () -> String, hint: @autoclosure () -> String) {
        add(rule, line: place.line, column: place.column, message(), hint: hint())
    }

    /// At the service's first line, for what no single key caused.
    mutating func add(_ rule: Rule, _ message: @autoclosure () -> String, hint: @autoclosure () -> String) {
        add(rule, line: line, column: 1, message(), hint: hint())
    }
}
