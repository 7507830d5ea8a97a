import Analysis
import Inventory
import Markdown
import Templates

/// `findings/index.html`: every finding, by severity, then by rule.
struct FindingsPage: Sendable {
    var frame: PageFrame
    var groups: [Group]
    var findingsJSON: String
    var counts: Counts

    struct Group: Sendable {
        var severity: Severity
        var count: Int
        var rules: [RuleGroup]
    }

    struct RuleGroup: Sendable {
        var rule: Rule
        var items: [Finding]
        var route: Route
        var names: [String: String]
    }

    struct Counts: Sendable {
        var errors, warnings, info: Int
    }

    init(_ context: PageContext) {
        let route = Route.findings
        frame = context.frame(title: "Findings", route: route, section: "findings")
        let names = Dictionary(context.inventory.services.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        groups = Severity.allCases.compactMap { severity in
            let items = context.report.findings.filter { $0.severity == severity }
            guard !items.isEmpty else { return nil }
            var byRule: [Rule: [Finding]] = [:]
            for finding in items { byRule[finding.rule, default: []].append(finding) }
            let rules = byRule.keys.sorted().map { RuleGroup(rule: $0, items: byRule[$0]!, route: route, names: names) }
            return Group(severity: severity, count: items.count, rules: rules)
        }
        findingsJSON = route.link(to: .findingsJSON)
        counts = Counts(errors: context.report.count(.error), warnings: context.report.count(.warning), info: context.report.count(.info))
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<FindingsPage> {
        ViewShape("the findings page", [
            .embed(frame) { $0.frame },
            .list("groups", groupShape) { $0.groups },
            .flag("none") { $0.groups.isEmpty },
            .text("findingsJSON") { $0.findingsJSON },
            .record("counts", countsShape) { $0.counts },
        ])
    }

    static let groupShape = ViewShape<Group>("a severity", [
        .text("severity") { $0.severity.rawValue },
        .number("count") { $0.count },
        .list("rules", ruleShape) { $0.rules },
    ])

    static let ruleShape = ViewShape<RuleGroup>("a rule", [
        .text("rule") { $0.rule.rawValue },
        .text("label") { $0.rule.label },
        .number("count") { $0.items.count },
        .list("items", itemShape) { group in group.items.map { Item(finding: $0, route: group.route, names: group.names) } },
    ])

    struct Item: Sendable {
        var finding: Finding
        var route: Route
        var names: [String: String]
    }

    static let itemShape = ViewShape<Item>("a finding", [
        .embed(FindingView.shape) { $0.finding },
        .text("serviceHref") { item in item.finding.service.map { item.route.link(to: .service($0)) } ?? "" },
        .flag("hasService") { $0.finding.service != nil },
        .text("serviceName") { item in item.finding.service.flatMap { item.names[$0] } ?? "site" },
        .text("where") { "\($0.finding.file):\($0.finding.line):\($0.finding.column)" },
    ])

    static let countsShape = ViewShape<Counts>("the counts", [
        .number("errors") { $0.errors },
        .number("warnings") { $0.warnings },
        .number("info") { $0.info },
    ])
}

/// `standards/index.html`: the approved versions and images, and the standard's own text.
struct StandardsPage: Sendable {
    var frame: PageFrame
    var components: [StandardProgress.Line]
    var images: [NamedImage]
    var owner: String?
    var review: DueDate?
    var body: String?

    init(_ context: PageContext) {
        let standards = context.inventory.standards
        let route = Route.standards
        frame = context.frame(title: "Standards", route: route, section: "standards")
        components = context.report.overview.progress.components
        images = standards.images.map(\.value)
        owner = standards.owner
        review = context.report.overview.review
        let body = standards.body.trimmingSpaces
        self.body = body.isEmpty ? nil : Markdown.toHTML(standards.body, rewriteLink: ContentLinks.rewriter(from: standards.file, on: route))
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<StandardsPage> {
        ViewShape("the standards page", [
            .embed(frame) { $0.frame },
            .list("components", componentShape) { $0.components },
            .list("images", imageShape) { $0.images },
            .optionalText("owner") { $0.owner },
            .optional("review", ReviewTiming.shape) { $0.review },
            .optionalHTML("body") { $0.body },
        ])
    }

    static let componentShape = ViewShape<StandardProgress.Line>("an approved component", [
        .text("name") { $0.name },
        .text("version") { $0.approved },
        .number("using") { $0.total },
        .number("conforming") { $0.conforming },
    ])

    static let imageShape = ViewShape<NamedImage>("an approved image", [
        .text("name") { $0.name },
        .text("reference") { $0.reference },
    ])
}

/// `404.html`: only the frame, with absolute links.
enum NotFoundPage {
    static func view(_ context: PageContext) -> PageFrame {
        context.frame(title: "Page not found", route: .notFound, section: "none", absolute: true)
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<PageFrame> {
        ViewShape("the 404 page", [.embed(frame) { $0 }])
    }
}
