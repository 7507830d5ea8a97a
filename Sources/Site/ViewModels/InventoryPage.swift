import Analysis
import Inventory
import Markdown
import Templates

/// `index.html`: one row per active service, counts on top, retired services apart.
struct InventoryPage: Sendable {
    var frame: PageFrame
    var intro: String?
    /// Each row's view is made when the template reaches it.
    var active: [Service]
    var context: PageContext
    var route: Route
    var owners: [String]
    var counts: Counts
    var retired: [Service]
    var startHere: StartHereSection

    struct Counts: Sendable {
        var services, onPath, needCare, errors, warnings: Int
    }

    init(_ context: PageContext) {
        let inventory = context.inventory, report = context.report
        route = .index
        self.context = context
        frame = context.frame(title: inventory.settings.title, route: route, section: "inventory")
        active = inventory.services.filter(\.isActive)
        let onPath = active.count { report.statuses[$0.slug]?.onStandardPath == true }
        intro = inventory.settings.intro.trimmingSpaces.isEmpty ? nil : Markdown.toHTML(inventory.settings.intro, rewriteLink: ContentLinks.rewriter(from: inventory.settings.file, on: route))
        owners = Set(active.compactMap { $0.owner?.value }).sorted()
        counts = Counts(services: active.count, onPath: onPath, needCare: active.count - onPath,
                        errors: report.count(.error), warnings: report.count(.warning))
        retired = inventory.services.filter { !$0.isActive }
        startHere = StartHereSection(startHere: report.overview.startHere, route: route)
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<InventoryPage> {
        ViewShape("the inventory page", [
            .embed(frame) { $0.frame },
            .optionalHTML("intro") { $0.intro },
            .list("rows", ServiceRow.shape) { page in page.active.map { ServiceRow($0, page.context, from: page.route) } },
            .list("owners", NameView.shape) { $0.owners.map(NameView.init) },
            .record("counts", countsShape) { $0.counts },
            .list("retired", retiredShape) { page in page.retired.map { RetiredService(service: $0, href: page.route.link(to: .service($0.slug))) } },
            .number("retiredCount") { $0.retired.count },
            .text("retiredNoun") { $0.retired.count == 1 ? "service" : "services" },
            .flag("hasRetired") { !$0.retired.isEmpty },
            .embed(StartHereSection.shape) { $0.startHere },
        ])
    }

    static let countsShape = ViewShape<Counts>("the counts", [
        .number("services") { $0.services },
        .number("onPath") { $0.onPath },
        .number("needCare") { $0.needCare },
        .number("errors") { $0.errors },
        .number("warnings") { $0.warnings },
    ])

    struct RetiredService: Sendable {
        var service: Service
        var href: String
    }

    static let retiredShape = ViewShape<RetiredService>("a retired service", [
        .text("href") { $0.href },
        .text("name") { $0.service.name },
        .text("description") { $0.service.description ?? "" },
        .optionalText("owner") { $0.service.owner?.value ?? "" },
    ])
}

/// Something with only a name, for lists of names.
struct NameView: Sendable {
    var name: String
    static let shape = ViewShape<NameView>("a name", [.text("name") { $0.name }])
}

/// A service as the inventory's row shows it (and the top of its own page).
struct ServiceRow: Sendable {
    var service: Service
    var status: ServiceStatus?
    var href: String
    var observed: [String: ObservedState]
    var rebuilt: Age?

    init(_ service: Service, _ context: PageContext, from route: Route) {
        self.service = service
        status = context.report.statuses[service.slug]
        href = route.link(to: .service(service.slug))
        observed = context.report.observed[service.slug] ?? [:]
        rebuilt = context.assessment(of: service).image
    }

    var onPath: Bool { status?.onStandardPath ?? true }

    static let shape = ViewShape<ServiceRow>("a service", fields)

    static let fields: [Field<ServiceRow>] = [
        .text("slug") { $0.service.slug },
        .text("href") { $0.href },
        .text("name") { $0.service.name },
        .text("description") { $0.service.description ?? "" },
        .text("owner") { $0.service.owner?.value ?? "" },
        .flag("ownerMissing") { $0.service.owner == nil },
        .text("version") { $0.service.primaryEnvironment?.version?.value ?? "" },
        .flag("onPath") { $0.onPath },
        .flag("blocksUpdates") { $0.service.blocksUpdates },
        .list("reasons", reasonShape) { $0.status?.reasons ?? [] },
        .text("statusText") { $0.onPath ? "on the standard path" : "needs care" },
        .text("verified") { row in
            row.service.environments.compactMap { environment in
                row.observed[environment.name].map { "\(environment.name) \($0.date?.description ?? "")" }
            }.joined(separator: ", ")
        },
        .flag("hasVerified") { !$0.observed.isEmpty },
        .optional("baseImage", baseImageShape) { $0.service.baseImage },
        .optional("rebuilt", rebuiltShape) { $0.rebuilt },
    ]

    static let reasonShape = ViewShape<Rule>("a reason", [
        .text("label") { $0.label },
        .text("rule") { $0.rawValue },
    ])

    static let baseImageShape = ViewShape<ImageField>("a base image", [
        .text("short") { Format.shortImage($0) },
        .text("full") { $0.value },
    ])

    static let rebuiltShape = ViewShape<Age>("a rebuild", [
        .text("date") { $0.day.description },
        .text("age") { Format.age($0.days) },
        .number("days") { $0.days },
    ])
}
