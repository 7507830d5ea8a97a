import Analysis
import Inventory
import Markdown
import Templates

/// `index.html`: one row per active service, most urgent first, counts on top, what is not a
/// row above the table, retired services apart.
struct InventoryPage: Sendable {
    var frame: PageFrame
    var intro: String?
    /// The active services in the analysis's scan order; each row's view is made when the
    /// template reaches it.
    var active: [Service]
    var context: PageContext
    var route: Route
    var owners: [String]
    var scan: InventoryScan
    var retired: [Service]
    var startHere: StartHereSection

    init(_ context: PageContext) {
        let inventory = context.inventory, report = context.report
        route = .index
        self.context = context
        frame = context.frame(title: inventory.settings.title, route: route, section: "inventory")
        scan = InventoryScan(inventory, report)
        let bySlug = Dictionary(inventory.services.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        active = scan.order.compactMap { bySlug[$0] }
        intro = inventory.settings.intro.trimmingSpaces.isEmpty ? nil : Markdown.toHTML(inventory.settings.intro, rewriteLink: ContentLinks.rewriter(from: inventory.settings.file, on: route))
        owners = Set(active.compactMap { $0.owner?.value }).sorted()
        retired = inventory.services.filter { !$0.isActive }
        startHere = StartHereSection(startHere: report.overview.startHere, route: route)
    }

    var findingsHref: String { route.link(to: .findings) }

    var rows: [InventoryRow] { active.map { InventoryRow(ServiceRow($0, context, from: route), scan: scan) } }

    /// The rows in groups of `rowsPerGroup`, one `<tbody>` each. A browser skips a whole group
    /// off screen at once (`content-visibility: auto`), so a sort or a filter that rewrites a
    /// thousand rows lays out and paints only the groups on screen; one group per row, or one
    /// for all, took about twice as long to repaint (issue 17's measurements, README).
    var rowGroups: [RowGroup] {
        let all = rows
        return stride(from: 0, to: all.count, by: Self.rowsPerGroup).map { RowGroup(rows: Array(all[$0 ..< min($0 + Self.rowsPerGroup, all.count)])) }
    }

    static let rowsPerGroup = 10

    struct RowGroup: Sendable {
        var rows: [InventoryRow]
        static let shape = ViewShape<RowGroup>("a group of inventory rows", [.list("rows", InventoryRow.shape) { $0.rows }])
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<InventoryPage> {
        ViewShape("the inventory page", [
            .embed(frame) { $0.frame },
            .optionalHTML("intro") { $0.intro },
            .list("rows", InventoryRow.shape) { $0.rows },
            .list("rowGroups", RowGroup.shape) { $0.rowGroups },
            .html("searchIndex") { page in
                "[" + page.active.map { JSONWriter.quote(InventoryRow.searchText($0)) }.joined(separator: ",\n") + "]"
            },
            .list("owners", NameView.shape) { $0.owners.map(NameView.init) },
            .record("counts", countsShape) { $0.scan.counts },
            .text("findingsHref") { $0.findingsHref },
            .list("outside", OutsideGroup.shape) { OutsideGroup.all($0.scan, from: $0.route) },
            .flag("hasOutside") { !$0.scan.outside.isEmpty || !$0.scan.unlistedEnvironments.isEmpty },
            .list("retired", retiredShape) { page in page.retired.map { RetiredService(service: $0, href: page.route.link(to: .service($0.slug))) } },
            .number("retiredCount") { $0.retired.count },
            .text("retiredNoun") { $0.retired.count == 1 ? "service" : "services" },
            .flag("hasRetired") { !$0.retired.isEmpty },
            .embed(StartHereSection.shape) { $0.startHere },
        ])
    }

    static let countsShape = ViewShape<InventoryScan.Counts>("the counts", [
        .number("services") { $0.services },
        .number("onPath") { $0.onPath },
        .number("needCare") { $0.services - $0.onPath },
        .number("withErrors") { $0.withErrors },
        .number("withWarningsOnly") { $0.withWarningsOnly },
        .number("blocking") { $0.blocking },
        .flag("hasBlocking") { $0.blocking > 0 },
        .text("errors") { counted($0.errors, "error") },
        .text("warnings") { counted($0.warnings, "warning") },
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

/// Problems that are no service's row, one rule at a time, for the "Not in the inventory"
/// block: a single problem in full, more as a count, a few examples and a link to them all.
struct OutsideGroup: Sendable {
    var severity: String
    var rule: String
    var label: String
    var messages: [String]
    var href: String

    static let examples = 3

    static func all(_ scan: InventoryScan, from route: Route) -> [OutsideGroup] {
        var groups: [OutsideGroup] = []
        for finding in scan.outside.sorted(by: { ($0.severity, $0.rule) < ($1.severity, $1.rule) }) {
            if groups.last?.rule == finding.rule.rawValue {
                groups[groups.count - 1].messages.append(finding.message)
            } else {
                groups.append(OutsideGroup(severity: finding.severity.rawValue, rule: finding.rule.rawValue, label: finding.rule.label,
                                           messages: [finding.message], href: route.link(to: .rule(finding.rule))))
            }
        }
        if !scan.unlistedEnvironments.isEmpty {
            groups.append(OutsideGroup(severity: Severity.info.rawValue, rule: "observed", label: "environment no service lists",
                                       messages: scan.unlistedEnvironments.map { "\($0.environment) is observed (\($0.file)) but no service lists it" },
                                       href: route.link(to: .findings)))
        }
        return groups
    }

    static let shape = ViewShape<OutsideGroup>("problems outside the inventory", [
        .text("severity") { $0.severity },
        .text("rule") { $0.rule },
        .text("label") { $0.label },
        .number("count") { $0.messages.count },
        .flag("single") { $0.messages.count == 1 },
        .text("message") { $0.messages[0] },
        .text("examples") { $0.messages.prefix(examples).joined(separator: "; ") + ($0.messages.count > examples ? "; …" : "") },
        .text("href") { $0.href },
    ])
}

/// Something with only a name, for lists of names.
struct NameView: Sendable {
    var name: String
    static let shape = ViewShape<NameView>("a name", [.text("name") { $0.name }])
}

/// A service as the inventory's row shows it (and the top of its own page).
/// A class: a page embeds its fields, and each read of one would otherwise copy the row and
/// the service in it.
final class ServiceRow: Sendable {
    let service: Service
    let status: ServiceStatus?
    let href: String
    let observed: [String: ObservedState]
    let rebuilt: Age?

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
                row.observed[environment.name].flatMap { $0.matches ? "\(environment.name) \($0.date?.description ?? "")" : nil }
            }.joined(separator: ", ")
        },
        .flag("hasVerified") { $0.observed.values.contains(where: \.matches) },
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
        .text("span") { Format.days($0.days) },
        .number("days") { $0.days },
    ])
}
