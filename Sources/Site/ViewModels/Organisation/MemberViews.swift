import Analysis
import Inventory
import Templates

/// A member as the organisation pages show it: its row on the index, and the notice every
/// organisation page carries for a member shown from a copy or not at all.
struct MemberView: Sendable {
    var standing: MemberStanding

    var snapshot: MemberSnapshot { standing.snapshot }

    /// `read now`, `last good copy`, `unavailable`.
    var stateText: String {
        switch standing.state {
        case .fresh: "read now"
        case .stale: "last good copy"
        case .unavailable: "unavailable"
        }
    }

    /// `built 2026-11-25, 2 days ago`, or nil without data.
    var builtText: String? {
        guard let site = snapshot.site, let age = standing.age else { return nil }
        return "built \(site.built), \(Format.age(age))"
    }

    /// What the notice says: the state, why, and how old the data shown is.
    var notice: String {
        var parts = ["\(snapshot.entry.name): \(stateText)"]
        if let built = builtText { parts.append(built) }
        if standing.state == .stale, let fetched = snapshot.fetched { parts.append("copy read on \(fetched)") }
        if let problem = snapshot.problem { parts.append("now: \(problem)") }
        if standing.overLimit, standing.state != .unavailable { parts.append("older than \(counted(standingLimit, "day"))") }
        return parts.joined(separator: " · ")
    }

    var standingLimit: Int

    static let shape = ViewShape<MemberView>("a member", [
        .text("name") { $0.snapshot.entry.name },
        .text("team") { $0.snapshot.entry.team },
        .optionalText("href") { $0.snapshot.link("index.html") },
        .text("state") { $0.standing.state.rawValue },
        .text("stateText") { $0.stateText },
        .optionalText("problem") { $0.snapshot.problem },
        .optionalText("built") { $0.snapshot.site?.built.description },
        .optionalText("age") { $0.standing.age.map(Format.age) },
        .optionalText("fetched") { $0.snapshot.fetched?.description },
        .flag("overLimit") { $0.standing.overLimit && $0.standing.state != .unavailable },
        .flag("hasData") { $0.snapshot.site != nil },
        .number("services") { $0.standing.services },
        .number("onPath") { $0.standing.onPath },
        .number("errors") { $0.standing.errors },
        .flag("hasErrors") { $0.standing.errors > 0 },
        .number("warnings") { $0.standing.warnings },
        .text("openExceptions") { $0.standing.openExceptions.map(String.init) ?? "–" },
        .number("expiredExceptions") { $0.standing.expiredExceptions },
        .text("notice") { $0.notice },
    ])
}

/// What every organisation page shares: the frame, the members that need a word of warning,
/// and the way to the other two pages.
struct OrganisationFrame: Sendable {
    var frame: PageFrame
    var route: Route
    var members: [MemberView]

    init(_ context: PageContext, title: String, route: Route) {
        self.route = route
        frame = context.frame(title: title, route: route, section: "organisation")
        let overview = context.report.organisation
        members = (overview?.members ?? []).map { MemberView(standing: $0, standingLimit: overview?.staleLimit ?? 0) }
    }

    /// Members shown from a copy, unavailable, or built longer ago than the limit.
    var notices: [MemberView] { members.filter { $0.standing.state != .fresh || $0.standing.overLimit } }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<OrganisationFrame> {
        ViewShape("an organisation page", [
            .embed(frame) { $0.frame },
            .list("notices", MemberView.shape) { $0.notices },
            .flag("hasNotices") { !$0.notices.isEmpty },
            .text("membersHref") { $0.route.link(to: .organisation(.members)) },
            .text("componentsHref") { $0.route.link(to: .organisation(.components)) },
            .text("searchHref") { $0.route.link(to: .organisation(.search)) },
            .text("jsonHref") { $0.route.link(to: .organisation(.json)) },
            .text("csvHref") { $0.route.link(to: .organisation(.csv)) },
        ])
    }
}
