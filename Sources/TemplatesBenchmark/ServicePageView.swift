import Templates

// A typed view with the names the default theme's service page uses (base, service and
// watch templates), filled with one typical generated service. For measuring only: the Site
// module declares the real views.

struct Frame: Sendable {
    var title = "Billing Ledger 00042"
    var siteTitle = "Example Co. infrastructure"
    var root = "../../"
    var today = "2026-11-27"
    var style = "../../assets/style.3f9a1c2e5b.css"

    static let shape = ViewShape<Frame>("a page frame", [
        .text("title") { $0.title }, .text("siteTitle") { $0.siteTitle }, .text("root") { $0.root },
        .text("today") { $0.today }, .text("asset_style_css") { $0.style },
        .flag("section_inventory") { _ in true }, .flag("section_findings") { _ in false },
        .flag("section_progress") { _ in false }, .flag("section_standards") { _ in false },
        .flag("section_review") { _ in false },
    ])
}

struct Label: Sendable {
    var label: String
    static let shape = ViewShape<Label>("a reason", [.text("label") { $0.label }])
}

struct Named: Sendable {
    var name: String
    static let shape = ViewShape<Named>("an environment name", [.text("name") { $0.name }])
}

struct ImageView: Sendable {
    var full: String
    static let shape = ViewShape<ImageView>("an image", [.text("full") { $0.full }])
}

struct Rebuilt: Sendable {
    var date: String, age: String
    static let shape = ViewShape<Rebuilt>("a rebuild date", [.text("date") { $0.date }, .text("age") { $0.age }])
}

struct Component: Sendable {
    var name: String, version: String, approved: String?, standing: String, conforms: Bool
    static let shape = ViewShape<Component>("a component", [
        .text("name") { $0.name }, .text("version") { $0.version }, .optionalText("approved") { $0.approved },
        .text("standing") { $0.standing }, .flag("conforms") { $0.conforms }, .flag("unlisted") { $0.approved == nil },
    ])
}

struct Cell: Sendable {
    var text: String
    var differs = false
    var title: String? = nil
    var mismatch = false
    static let shape = ViewShape<Cell>("a cell", [
        .text("text") { $0.text }, .flag("differs") { $0.differs }, .flag("missing") { $0.text == "—" },
        .optionalText("title") { $0.title }, .flag("mismatch") { $0.mismatch },
    ])
}

struct Row: Sendable {
    var label: String, cells: [Cell]
    static let shape = ViewShape<Row>("a row", [
        .text("label") { $0.label }, .list("cells", Cell.shape) { $0.cells },
        .flag("differs") { $0.cells.contains(where: \.differs) },
    ])
}

struct Environments: Sendable {
    var names: [Named], rows: [Row]
    static let shape = ViewShape<Environments>("the environments", [
        .list("names", Named.shape) { $0.names }, .list("rows", Row.shape) { $0.rows },
        .flag("drift") { $0.rows.contains { $0.cells.contains(where: \.differs) } },
    ])
}

struct Change: Sendable {
    var name = ""
    var current: String, target: String, done: Bool
    static let shape = ViewShape<Change>("a change", [
        .text("name") { $0.name }, .text("current") { $0.current }, .text("target") { $0.target }, .flag("done") { $0.done },
    ])
}

struct Target: Sendable {
    var components: [Change], versionChange: Change?, imageChange: Change?
    static let shape = ViewShape<Target>("a target", [
        .list("components", Change.shape) { $0.components },
        .optional("versionChange", Change.shape) { $0.versionChange }, .optional("imageChange", Change.shape) { $0.imageChange },
    ])
}

struct Exception: Sendable {
    var component: String, version: String, reason: String, approvedBy: String, until: String, left: String, expired: Bool
    static let shape = ViewShape<Exception>("an exception", [
        .text("component") { $0.component }, .text("version") { $0.version }, .text("reason") { $0.reason },
        .text("approvedBy") { $0.approvedBy }, .text("until") { $0.until }, .text("left") { $0.left }, .flag("expired") { $0.expired },
    ])
}

struct Finding: Sendable {
    var severity: String, rule: String, message: String, hint: String, line: Int
    static let shape = ViewShape<Finding>("a finding", [
        .text("severity") { $0.severity }, .text("rule") { $0.rule }, .text("message") { $0.message },
        .text("hint") { $0.hint }, .number("line") { $0.line },
    ])
}

struct Lesson: Sendable {
    var started: String, outcome: String, to: String?, note: String
    static let shape = ViewShape<Lesson>("a lesson", [
        .text("started") { $0.started }, .text("outcome") { $0.outcome }, .optionalText("to") { $0.to }, .text("note") { $0.note },
    ])
}

struct Rollout: Sendable {
    var started: String, to: String, changes: String, outcome: String, duration: String, note: String, rolledBack: Bool
    static let shape = ViewShape<Rollout>("a rollout", [
        .text("started") { $0.started }, .text("to") { $0.to }, .text("changes") { $0.changes }, .text("outcome") { $0.outcome },
        .text("duration") { $0.duration }, .text("note") { $0.note }, .flag("rolledBack") { $0.rolledBack },
    ])
}

struct Rollouts: Sendable {
    var items: [Rollout], median: String, chart: String?
    static let shape = ViewShape<Rollouts>("the rollouts", [
        .list("items", Rollout.shape) { $0.items }, .text("median") { $0.median }, .optionalHTML("chart") { $0.chart },
    ])
}

struct Link: Sendable {
    var name: String, url: String
    static let shape = ViewShape<Link>("a link", [
        .text("name") { $0.name }, .text("url") { $0.url },
        .optionalText("href") { $0.url.hasPrefix("https://") ? $0.url : nil },
    ])
}

struct ServicePageView: Sendable {
    var frame = Frame()
    var name: String, description: String, owner: String
    var reasons: [Label], baseImage: ImageView?, rebuilt: Rebuilt?, risk: String?, note: String?
    var components: [Component], file: String, environments: Environments?, target: Target?
    var exceptions: [Exception], findings: [Finding], rollouts: Rollouts?, lessons: [Lesson]
    var links: [Link], signals: [Label], stopPoint: String?, runbook: String?

    static let shape = ViewShape<ServicePageView>("a service page", [
        .embed(Frame.shape) { $0.frame },
        .text("name") { $0.name }, .text("description") { $0.description }, .text("owner") { $0.owner },
        .text("rollbackHref") { _ in "rollback/index.html" },
        .flag("ownerMissing") { $0.owner.isEmpty }, .flag("retired") { _ in false }, .flag("blocksUpdates") { _ in false },
        .flag("onPath") { $0.reasons.isEmpty }, .list("reasons", Label.shape) { $0.reasons },
        .optional("baseImage", ImageView.shape) { $0.baseImage }, .optional("rebuilt", Rebuilt.shape) { $0.rebuilt },
        .optionalText("risk") { $0.risk }, .optionalText("note") { $0.note },
        .list("components", Component.shape) { $0.components }, .text("file") { $0.file },
        .optional("environments", Environments.shape) { $0.environments }, .optional("target", Target.shape) { $0.target },
        .flag("has_exceptions") { !$0.exceptions.isEmpty }, .list("exceptions", Exception.shape) { $0.exceptions },
        .flag("has_findings") { !$0.findings.isEmpty }, .list("findings", Finding.shape) { $0.findings },
        .optional("rollouts", Rollouts.shape) { $0.rollouts },
        .flag("has_lessons") { !$0.lessons.isEmpty }, .list("lessons", Lesson.shape) { $0.lessons },
        .flag("has_watchLinks") { !$0.links.isEmpty }, .list("watchLinks", Link.shape) { $0.links },
        .list("watchSignals", ViewShape<Label>("a signal", [.text("text") { $0.label }])) { $0.signals },
        .optionalText("watchStopPoint") { $0.stopPoint }, .optionalHTML("runbook") { $0.runbook },
    ])
}
