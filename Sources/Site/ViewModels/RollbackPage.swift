import Analysis
import Inventory
import Markdown
import Templates

/// `services/<slug>/rollback/index.html`: the one printable page for 2 a.m., a numbered
/// procedure in the order a person acts: decide, roll back, restore config, data, check.
/// Missing facts are shown as missing, never left out.
struct RollbackPage: Sendable {
    var frame: PageFrame
    var service: Service
    var serviceHref: String
    var current: Environment?
    var declaredDigest: String?
    var deployed: String?
    var observedDigest: ObservedDigest?
    var lessons: [RolloutLesson]
    var runbookRollback: String?
    var watch: WatchSection
    var tested: String?
    var testWarning: String?
    var restoreTested: String?
    var restoreWarning: String?

    struct ObservedDigest: Sendable {
        var digests: String
        var when: String
        var file: String
    }

    init(_ service: Service, _ context: PageContext, runbook: MarkdownDocument) {
        let route = Route.rollback(service.slug)
        frame = context.frame(title: "Roll back \(service.name)", route: route, section: "inventory")
        let today = context.report.today
        let assessment = context.assessment(of: service)
        self.service = service
        serviceHref = route.link(to: .service(service.slug))
        current = service.production ?? service.primaryEnvironment
        declaredDigest = current?.digest?.value ?? current?.image?.reference.digest
        deployed = current?.deployed.map { "\($0.value) (\(Format.age($0.value.days(until: today))))" }
        // What runs against what the inventory declares: both, when they differ.
        if let current, let state = context.report.observed[service.slug]?[current.name], let declaredDigest,
           state.digests.contains(where: { $0 != declaredDigest }) {
            observedDigest = ObservedDigest(digests: state.digests.joined(separator: ", "), when: state.date?.description ?? "date unknown", file: state.file)
        }
        lessons = assessment.lessons
        runbookRollback = RunbookSection.rollbackHTML(in: runbook, rewriteLink: ContentLinks.rewriter(from: service.file, on: route))
        watch = WatchSection(service, inProcedure: true)
        switch assessment.rollbackPractice {
        case .practised(let age, let kind):
            tested = "\(age.day) (\(Format.age(age.days))\(kind == .realRollback ? ", a real rollback" : ""))"
            if age.overLimit {
                testWarning = "Last practised \(age.days) days ago, longer than the \(age.limit) days the policy allows. Expect surprises."
            }
        case .never:
            testWarning = "This rollback has never been practised. Expect surprises and keep the owner on the line."
        }
        if let restored = service.rollback?.restoreTested?.value {
            restoreTested = "\(restored) (\(Format.age(restored.days(until: today))))"
        }
        switch assessment.restore {
        case .proven(let age) where age.overLimit:
            restoreWarning = "A backup was last restored \(age.days) days ago, longer than the \(age.limit) days the policy allows. Restore one into a scratch environment before relying on it."
        case .never:
            restoreWarning = "Backups are named but no restore was ever proven. Do not count on them until one has been restored."
        case .noBackups(let store):
            restoreWarning = "This service runs \(store) and names no backups. If the data is lost, nothing written here brings it back."
        case .proven, .notNeeded:
            break
        }
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<RollbackPage> {
        ViewShape("a rollback page", [
            .embed(frame) { $0.frame },
            .text("serviceHref") { $0.serviceHref },
            .text("slug") { $0.service.slug },
            .text("name") { $0.service.name },
            .flag("hasPlan") { $0.service.rollback != nil },
            .text("environment") { $0.current?.name ?? "production" },
            .optionalText("currentVersion") { $0.current?.version?.value },
            .optionalText("image") { $0.current?.image?.value },
            .optionalHTML("imageHTML") { $0.current?.image.map { Format.breakableHTML($0.value) } },
            .optionalText("digest") { $0.declaredDigest },
            .optionalText("deployed") { $0.deployed },
            .optionalText("command") { $0.service.rollback?.command?.value },
            .optionalHTML("commandHTML") { $0.service.rollback?.command.map { Format.breakableHTML($0.value) } },
            .optionalText("previousImage") { $0.service.rollback?.previousImage?.value },
            .optionalHTML("previousImageHTML") { $0.service.rollback?.previousImage.map { Format.breakableHTML($0.value) } },
            .optionalText("config") { $0.service.rollback?.config?.value },
            .optionalText("backups") { $0.service.rollback?.backups?.value },
            .optionalText("database") { $0.service.rollback?.database?.value },
            .optionalText("healthCheck") { $0.service.rollback?.healthCheck?.value },
            .optionalText("stopPoint") { $0.service.rollback?.stopPoint?.value },
            .optionalText("decides") { page in
                page.service.rollback?.decides?.value ?? page.service.owner.map { "\($0.value) (owner; no 'decides' given)" }
            },
            .optional("observedDigest", observedShape) { $0.observedDigest },
            .flag("targetUnpinned") { $0.service.rollback?.previousImage.map { $0.reference.digest == nil } ?? false },
            .list("lessons", LessonView.shape) { $0.lessons },
            .flag("has_lessons") { !$0.lessons.isEmpty },
            .optionalHTML("runbookRollback") { $0.runbookRollback },
            .embed(WatchSection.shape) { $0.watch },
            .optionalText("tested") { $0.tested },
            .optionalText("testWarning") { $0.testWarning },
            .optionalText("restoreTested") { $0.restoreTested },
            .optionalText("restoreWarning") { $0.restoreWarning },
        ])
    }

    static let observedShape = ViewShape<ObservedDigest>("what runs", [
        .text("digests") { $0.digests },
        .text("when") { $0.when },
        .text("file") { $0.file },
    ])
}
