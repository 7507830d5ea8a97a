import Analysis
import Templates

/// "Start here", at the top of the index and the progress page (the theme's `start-here`
/// partial): the service that makes upgrades hardest, its reasons, and the next two. The
/// ranking and the reasons are the analysis's; this only links and formats them.
struct StartHereSection: Sendable {
    var startHere: StartHere
    var route: Route

    static let shape = ViewShape<StartHereSection>("the start-here section", [
        .optional("startHere", topShape) { section in section.startHere.top.map { Linked(item: $0, route: section.route) } },
        .list("startHereNext", nextShape) { $0.startHere.following.linked(from: $0.route) },
        .flag("has_startHereNext") { !$0.startHere.following.isEmpty },
    ])

    static let topShape = ViewShape<Linked<PathCost>>("the service to start with", [
        .text("service") { $0.item.service },
        .text("slug") { $0.item.slug },
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .number("points") { $0.item.points },
        .list("reasons", reasonShape) { $0.item.parts },
    ])

    static let reasonShape = ViewShape<PathCost.Part>("a reason", [
        .text("text") { $0.reason },
        .text("factor") { $0.factor.title },
        .text("key") { $0.factor.rawValue },
        .number("points") { $0.points },
    ])

    static let nextShape = ViewShape<Linked<PathCost>>("a service to take next", [
        .text("service") { $0.item.service },
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .number("points") { $0.item.points },
        .text("reasons") { $0.item.parts.map(\.reason).joined(separator: "; ") },
    ])
}

/// "Could share now" on the progress page (the theme's `could-share` partial): services that
/// differ in one thing only, and what to change to make them the same.
struct CouldShareSection: Sendable {
    var groups: [ShareGroup]
    var route: Route

    static let shape = ViewShape<CouldShareSection>("the could-share section", [
        .list("couldShare", groupShape) { $0.groups.linked(from: $0.route) },
        .flag("has_couldShare") { !$0.groups.isEmpty },
    ])

    static let groupShape = ViewShape<Linked<ShareGroup>>("a group that could share", [
        .text("what") { $0.item.what },
        .text("summary") { $0.item.summary },
        .text("target") { $0.item.target },
        .text("targetReason") { $0.item.targetReason },
        .list("members", memberShape) { $0.item.members.linked(from: $0.route) },
    ])

    static let memberShape = ViewShape<Linked<ShareGroup.Member>>("a service in the group", [
        .text("service") { $0.item.service },
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .text("value") { $0.item.value },
        .flag("moves") { $0.item.moves },
    ])
}
