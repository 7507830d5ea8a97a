import Analysis
import Inventory
import Markdown
import Templates

/// `services/<slug>/index.html`: facts, environments side by side, target, exceptions,
/// findings, rollout timings, and the runbook.
struct ServicePage: Sendable {
    var frame: PageFrame
    /// The same names as the inventory's row: name, owner, status, base image, rebuilt.
    var row: ServiceRow
    var rollbackHref: String
    var assessment: ServiceAssessment
    var environments: EnvironmentTable?
    var findings: [Finding]
    var watch: WatchSection
    var rollouts: RolloutTimings?
    var runbook: String?
    /// The service's changes from git, newest first.
    var timeline: [TimelineEntry]

    var service: Service { row.service }

    init(_ service: Service, _ context: PageContext, runbook document: MarkdownDocument) {
        let route = Route.service(service.slug)
        frame = context.frame(title: service.name, route: route, section: "inventory")
        row = ServiceRow(service, context, from: route)
        rollbackHref = route.link(to: .rollback(service.slug))
        assessment = context.assessment(of: service)
        environments = EnvironmentTable(service, observed: context.report.observed[service.slug] ?? [:])
        findings = context.report.findings(for: service.slug)
        watch = WatchSection(service, inProcedure: false)
        rollouts = RolloutTimings(service, pace: context.report.overview.pace.bySlug[service.slug])
        timeline = context.history.timelines[service.slug] ?? []
        let body = service.body.trimmingSpaces
        runbook = body.isEmpty ? nil : document.html(rewriteLink: ContentLinks.rewriter(from: service.file, on: route))
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<ServicePage> {
        ViewShape("a service page", [
            .embed(frame) { $0.frame },
            .embed(ViewShape("a service", ServiceRow.fields)) { $0.row },
            .text("rollbackHref") { $0.rollbackHref },
            .flag("retired") { !$0.service.isActive },
            .optionalText("note") { $0.service.note },
            .optionalText("risk") { $0.service.risk?.rawValue },
            .text("file") { $0.service.file },
            .list("components", componentShape) { $0.assessment.components },
            .optional("environments", EnvironmentTable.shape) { $0.environments },
            .optional("target", targetShape) { $0.assessment.target },
            .list("exceptions", exceptionShape) { $0.assessment.exceptions },
            .flag("has_exceptions") { !$0.assessment.exceptions.isEmpty },
            .list("findings", FindingView.shape) { $0.findings },
            .flag("has_findings") { !$0.findings.isEmpty },
            .embed(WatchSection.shape) { $0.watch },
            .optional("rollouts", RolloutTimings.shape) { $0.rollouts },
            .list("lessons", LessonView.shape) { $0.assessment.lessons },
            .flag("has_lessons") { !$0.assessment.lessons.isEmpty },
            .optionalHTML("runbook") { $0.runbook },
            .list("timeline", TimelineView.entryShape) { $0.timeline },
            .flag("has_timeline") { !$0.timeline.isEmpty },
        ])
    }

    static let componentShape = ViewShape<ComponentStanding>("a component", [
        .text("name") { $0.name },
        .text("version") { $0.version },
        .optionalText("approved") { $0.standing == nil ? nil : $0.approved },
        .optionalText("standing") { $0.approved == nil ? nil : $0.standing?.rawValue },
        .flag("conforms") { $0.approved != nil && $0.standing != nil && $0.conforms },
        .flag("unlisted") { $0.approved == nil || $0.standing == nil },
    ])

    static let targetShape = ViewShape<TargetProgress>("a target", [
        .list("components", stepShape) { $0.components },
        .optional("imageChange", stepShape) { $0.baseImage },
        .optional("versionChange", versionChangeShape) { $0.version.map { VersionChange(current: $0.current, target: $0.target) } },
    ])

    static let stepShape = ViewShape<TargetProgress.Step>("a step to the target", [
        .text("name") { $0.name },
        .text("current") { $0.current ?? "none" },
        .text("target") { $0.target },
        .flag("done") { $0.done },
    ])

    struct VersionChange: Sendable {
        var current: String?
        var target: String
    }

    static let versionChangeShape = ViewShape<VersionChange>("a version change", [
        .text("current") { $0.current ?? "none" },
        .text("target") { $0.target },
    ])

    static let exceptionShape = ViewShape<ExceptionTerm>("an exception", [
        .text("component") { $0.exception.component.value },
        .text("version") { $0.exception.version?.value ?? "any version" },
        .text("reason") { $0.exception.reason ?? "no reason given" },
        .text("approvedBy") { $0.exception.approvedBy ?? "nobody named" },
        .optionalText("until") { $0.dated ? $0.exception.until?.value.description : nil },
        .flag("expired") { $0.dated && $0.expired },
        .text("left") { term in term.dated ? term.daysLeft.map(Format.daysLeft) ?? "" : "no end date" },
        .flag("undated") { !$0.dated },
    ])
}

extension ExceptionTerm {
    /// Both an end date and the days left to it are known.
    var dated: Bool { exception.until != nil && daysLeft != nil }
}

/// A finding as the service page and the findings page list it.
enum FindingView {
    static let fields: [Field<Finding>] = [
        .text("severity") { $0.severity.rawValue },
        .text("rule") { $0.rule.rawValue },
        .text("label") { $0.rule.label },
        .text("message") { $0.message },
        .text("hint") { $0.hint },
        .text("file") { $0.file },
        .number("line") { $0.line },
        .number("column") { $0.column },
    ]
    static let shape = ViewShape<Finding>("a finding", fields)
}

/// A lesson from an earlier rollout, on the service page and the rollback page.
enum LessonView {
    static let shape = ViewShape<RolloutLesson>("a lesson", [
        .text("started") { $0.started.description },
        .text("outcome") { $0.outcome },
        .optionalText("to") { $0.to },
        .text("note") { $0.note },
    ])
}
