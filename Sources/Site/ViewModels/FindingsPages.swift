import Analysis
import Inventory
import Templates

/// `findings/index.html`: the findings grouped by rule, most severe rule first, each group
/// with its counts, collapsible, showing its first findings and linking to its rule's page.
/// A thousand services have thousands of findings: the page stays as light as the index.
struct FindingsPage: Sendable {
    var frame: PageFrame
    var groups: [RuleGroup]
    var findingsJSON: String
    var counts: Counts

    /// How many findings a rule's group shows; all of them are on the rule's page.
    static let shownPerRule = 10

    struct Counts: Sendable {
        var errors, warnings, info: Int
    }

    init(_ context: PageContext) {
        let route = Route.findings
        frame = context.frame(title: "Findings", route: route, section: "findings")
        let names = context.serviceNames
        var byRule: [Rule: [Finding]] = [:]
        for finding in context.report.findings { byRule[finding.rule, default: []].append(finding) }
        groups = byRule.map { RuleGroup(rule: $0.key, items: $0.value, route: route, names: names) }
            .sorted { ($0.severity, $0.rule) < ($1.severity, $1.rule) }
        findingsJSON = route.link(to: .findingsJSON)
        counts = Counts(errors: context.report.count(.error), warnings: context.report.count(.warning), info: context.report.count(.info))
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<FindingsPage> {
        ViewShape("the findings page", [
            .embed(frame) { $0.frame },
            .list("groups", RuleGroup.shape) { $0.groups },
            .flag("none") { $0.groups.isEmpty },
            .text("findingsJSON") { $0.findingsJSON },
            .record("counts", countsShape) { $0.counts },
        ])
    }

    static let countsShape = ViewShape<Counts>("the counts", [
        .number("errors") { $0.errors },
        .number("warnings") { $0.warnings },
        .number("info") { $0.info },
    ])
}

/// `findings/<rule>/index.html`: what one rule checks, and every finding of it.
struct RulePage: Sendable {
    var frame: PageFrame
    var group: RuleGroup
    var findingsHref: String

    init(_ rule: Rule, _ context: PageContext) {
        let route = Route.rule(rule)
        frame = context.frame(title: "\(rule.rawValue) findings", route: route, section: "findings")
        // By index: `filter` copied every finding of the site for each of the rules' pages.
        let findings = context.report.findings
        var items: [Finding] = []
        for index in findings.indices where findings[index].rule == rule { items.append(findings[index]) }
        group = RuleGroup(rule: rule, items: items, route: route, names: context.serviceNames)
        findingsHref = route.link(to: .findings)
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<RulePage> {
        ViewShape("a rule's page", [
            .embed(frame) { $0.frame },
            .embed(RuleGroup.shape) { $0.group },
            .list("items", FindingItem.shape) { page in page.group.items.map { FindingItem($0, page.group) } },
            .text("findingsHref") { $0.findingsHref },
        ])
    }
}

/// Service names by slug, for the findings' links.
struct ServiceNames: Sendable {
    var names: [String: String]

    init(_ inventory: Inventory) {
        names = Dictionary(inventory.services.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One rule's findings, on the findings page and on the rule's own page.
struct RuleGroup: Sendable {
    var rule: Rule
    var items: [Finding]
    var route: Route
    var names: ServiceNames

    /// The most severe finding's severity (policy may set some findings of a rule apart);
    /// the rule's default when it has none.
    var severity: Severity { items.map(\.severity).min() ?? rule.defaultSeverity }

    /// Services with a finding of the rule (counted once: the template asks three times).
    let services: Int

    init(rule: Rule, items: [Finding], route: Route, names: ServiceNames) {
        self.rule = rule
        self.items = items
        self.route = route
        self.names = names
        services = Set(items.compactMap(\.service)).count
    }

    static let shape = ViewShape<RuleGroup>("a rule", [
        .text("rule") { $0.rule.rawValue },
        .text("label") { $0.rule.label },
        .text("summary") { $0.rule.summary },
        .text("severity") { $0.severity.rawValue },
        .number("count") { $0.items.count },
        .text("findingsNoun") { $0.items.count == 1 ? "finding" : "findings" },
        .number("services") { $0.services },
        .flag("hasServices") { $0.services > 0 },
        .text("servicesNoun") { $0.services == 1 ? "service" : "services" },
        .flag("hasFindings") { !$0.items.isEmpty },
        .list("examples", FindingItem.shape) { group in group.items.prefix(FindingsPage.shownPerRule).map { FindingItem($0, group) } },
        .flag("more") { $0.items.count > FindingsPage.shownPerRule },
        .text("href") { $0.route.link(to: .rule($0.rule)) },
    ])
}

/// A finding in a table: its service (a link), message, hint and place.
struct FindingItem: Sendable {
    var finding: Finding
    var route: Route
    var names: ServiceNames

    init(_ finding: Finding, _ group: RuleGroup) {
        self.finding = finding
        route = group.route
        names = group.names
    }

    static let shape = ViewShape<FindingItem>("a finding", [
        .embed(FindingView.shape) { $0.finding },
        .text("serviceHref") { item in item.finding.service.map { item.route.link(to: .service($0)) } ?? "" },
        .flag("hasService") { $0.finding.service != nil },
        .text("serviceName") { item in item.finding.service.flatMap { item.names.names[$0] } ?? "site" },
        .text("where") { ByteText.location($0.finding.file, $0.finding.line, $0.finding.column) },
    ])
}
