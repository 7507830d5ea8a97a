import Analysis
import Inventory
import Templates

/// `organisation/index.html`: one row per member, worst first, each linking to its own site.
struct OrganisationIndexPage: Sendable {
    var common: OrganisationFrame
    var overview: OrganisationOverview?

    init(_ context: PageContext) {
        common = OrganisationFrame(context, title: "Organisation", route: .organisation(.members))
        overview = context.report.organisation
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<OrganisationIndexPage> {
        ViewShape("the organisation index", [
            .embed(OrganisationFrame.shape(frame)) { $0.common },
            .list("members", MemberView.shape) { $0.common.members },
            .number("memberCount") { $0.common.members.count },
            .number("teams") { $0.overview?.teams ?? 0 },
            .number("services") { $0.overview?.services ?? 0 },
            .number("distinctVersions") { $0.overview?.distinctVersions ?? 0 },
            .number("distinctImages") { $0.overview?.images.distinct ?? 0 },
            .number("staleLimit") { $0.overview?.staleLimit ?? 0 },
        ])
    }
}

/// `organisation/components/index.html`: every version of every component and base image in
/// use, with services and teams on each, and where the teams' standards differ.
struct OrganisationComponentsPage: Sendable {
    var common: OrganisationFrame
    var overview: OrganisationOverview?

    init(_ context: PageContext) {
        common = OrganisationFrame(context, title: "Components across the organisation", route: .organisation(.components))
        overview = context.report.organisation
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<OrganisationComponentsPage> {
        ViewShape("the organisation's components page", [
            .embed(OrganisationFrame.shape(frame)) { $0.common },
            .list("components", spreadShape) { $0.overview?.components ?? [] },
            .optional("images", spreadShape) { $0.overview?.images },
            .number("distinctVersions") { $0.overview?.distinctVersions ?? 0 },
            .flag("hasStandard") { $0.overview?.hasStandard ?? false },
            .list("differences", differenceShape) { $0.overview?.differences ?? [] },
        ])
    }

    static let spreadShape = ViewShape<Spread>("a component's versions", [
        .text("name") { $0.name },
        .optionalText("approved") { $0.approved },
        .number("distinct") { $0.distinct },
        .number("services") { $0.services },
        .list("uses", useShape) { $0.uses },
    ])

    static let useShape = ViewShape<Spread.Use>("a version in use", [
        .text("value") { $0.value },
        .text("short") { Format.shortImage($0.value) },
        .number("services") { $0.services },
        .number("teamCount") { $0.teams.count },
        .text("teams") { $0.teams.joined(separator: ", ") },
        .flag("conforms") { $0.conforms == true },
        .flag("differs") { $0.conforms == false },
    ])

    static let differenceShape = ViewShape<StandardDifference>("a team standard that differs", [
        .text("member") { $0.member },
        .text("team") { $0.team },
        .texts("lines") { $0.lines },
    ])
}

/// `organisation/search/index.html`: every member's active services in one table, searchable
/// by name, owner, team, component, version, image and digest prefix; each row links to the
/// service's page on its team's site.
struct OrganisationSearchPage: Sendable {
    var common: OrganisationFrame
    var rows: [MemberServiceRow]

    init(_ context: PageContext) {
        common = OrganisationFrame(context, title: "Search across the organisation", route: .organisation(.search))
        rows = OrganisationData.rows(context.inventory)
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<OrganisationSearchPage> {
        ViewShape("the organisation's search page", [
            .embed(OrganisationFrame.shape(frame)) { $0.common },
            .list("rows", MemberServiceRow.shape) { $0.rows },
            .number("count") { $0.rows.count },
        ])
    }
}

/// One member service: a search row, and a line of `organisation.csv`.
struct MemberServiceRow: Sendable {
    var snapshot: MemberSnapshot
    var service: MemberService

    var href: String? { service.slug.flatMap { snapshot.link("services/\($0)/index.html") } }
    var environment: MemberEnvironment? { service.primaryEnvironment }
    var components: String { service.runningComponents.map { "\($0.name) \($0.version)" }.joined(separator: ", ") }

    /// Lowercased text the search looks through.
    var searchText: String {
        [service.name, service.slug ?? "", service.owner ?? "", snapshot.entry.team, snapshot.entry.name, components,
         environment?.version ?? "", environment?.image ?? "", environment?.digest ?? "", service.baseImage ?? ""]
            .joined(separator: " ").lowercased()
    }

    static let shape = ViewShape<MemberServiceRow>("a member's service", [
        .text("name") { $0.service.name },
        .optionalText("href") { $0.href },
        .text("member") { $0.snapshot.entry.name },
        .text("team") { $0.snapshot.entry.team },
        .text("owner") { $0.service.owner ?? "" },
        .text("version") { $0.environment?.version ?? "" },
        .text("components") { $0.components },
        .text("image") { $0.environment?.image.map(Format.shortImage) ?? "" },
        .text("imageFull") { $0.environment?.image ?? "" },
        .text("digest") { $0.environment?.digest.map(Format.shortDigest) ?? "" },
        .text("digestFull") { $0.environment?.digest ?? "" },
        .flag("onPath") { $0.service.onStandardPath },
        .flag("stale") { $0.snapshot.isStale },
        .text("search") { $0.searchText },
    ])
}
