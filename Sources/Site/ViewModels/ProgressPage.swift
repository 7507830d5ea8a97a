import Analysis
import Inventory
import Templates

/// Something a page lists with a link to a service's page, relative to the page.
struct Linked<Item: Sendable>: Sendable {
    var item: Item
    var route: Route

    func link(to target: Route) -> String { route.link(to: target) }
}

extension Array where Element: Sendable {
    func linked(from route: Route) -> [Linked<Element>] { map { Linked(item: $0, route: route) } }
}

/// `progress/index.html`: how far the team is along the standard path.
struct ProgressPage: Sendable {
    var frame: PageFrame
    var route: Route
    var progress: StandardProgress
    var waves: [UpgradeWaves.Wave]
    var review: DueDate?
    var chart: String?
    var rolloutCount: Int
    var rollbackCount: Int
    var median: String
    var pace: RolloutPace
    var eolChart: String?
    var startHere: StartHereSection
    var couldShare: CouldShareSection
    var history: HistorySection

    init(_ context: PageContext) {
        route = .progress
        frame = context.frame(title: "Upgrade progress", route: route, section: "progress")
        let overview = context.report.overview
        progress = overview.progress
        waves = overview.waves.waves
        review = overview.review
        let trend = overview.trend
        chart = Charts.rolloutDurations(trend, title: "Rollout duration, start to stable, all services pooled", namingService: true)
        rolloutCount = trend.timings.count
        rollbackCount = trend.rollbacks
        median = trend.median.map { Format.duration(minutes: $0) } ?? "—"
        pace = overview.pace
        eolChart = Self.eolChart(overview.eolReleases, today: context.report.today)
        startHere = StartHereSection(startHere: overview.startHere, route: route)
        couldShare = CouldShareSection(groups: overview.startHere.couldShare, route: route)
        history = HistorySection(context.history.history, components: context.inventory.standards.components.map(\.name),
                                 today: context.report.today)
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<ProgressPage> {
        ViewShape("the progress page", [
            .embed(frame) { $0.frame },
            .list("components", ProgressLines.lineShape) { $0.progress.components.linked(from: $0.route) },
            .list("images", ProgressLines.lineShape) { $0.progress.images.linked(from: $0.route) },
            .record("imagesSummary", imagesSummaryShape) { $0.progress },
            .list("waves", waveShape) { $0.waves.linked(from: $0.route) },
            .flag("has_waves") { !$0.waves.isEmpty },
            .list("exceptions", ProgressLines.exceptionShape) { $0.progress.exceptions.linked(from: $0.route) },
            .flag("has_exceptions") { !$0.progress.exceptions.isEmpty },
            .optional("review", ReviewTiming.shape) { $0.review },
            .optionalHTML("chart") { $0.chart },
            .number("rolloutCount") { $0.rolloutCount },
            .number("rollbackCount") { $0.rollbackCount },
            .list("pace", paceShape) { Array($0.pace.services.prefix(paceShown)).linked(from: $0.route) },
            .flag("has_pace") { !$0.pace.services.isEmpty },
            .list("paceMore", paceShape) { Array($0.pace.services.dropFirst(paceShown)).linked(from: $0.route) },
            .number("paceMoreCount") { max(0, $0.pace.services.count - paceShown) },
            .flag("has_paceMore") { $0.pace.services.count > paceShown },
            .text("paceSummary") { paceSummary($0.pace) },
            .text("median") { $0.median },
            .optionalHTML("eolChart") { $0.eolChart },
            .embed(StartHereSection.shape) { $0.startHere },
            .embed(CouldShareSection.shape) { $0.couldShare },
            .record("history", HistorySection.shape) { $0.history },
        ])
    }

    /// Services in the pace table before the rest is folded away.
    static let paceShown = 20

    static let paceShape = ViewShape<Linked<RolloutPace.ServicePace>>("a service's rollout pace", [
        .text("service") { $0.item.name },
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .number("stable") { $0.item.stable },
        .number("rollbacks") { $0.item.rollbacks },
        .text("before") { $0.item.before.map(windowText) ?? "—" },
        .text("recent") { $0.item.recent.map(windowText) ?? "—" },
        .text("direction") { directionName($0.item.direction) },
        .text("change") { changeText($0.item) },
    ])

    static func directionName(_ direction: RolloutPace.Direction?) -> String {
        switch direction {
        case .shorter: "shorter"
        case .longer: "longer"
        case .same: "same"
        case nil: "unknown"
        }
    }

    /// `38 min (3)`: a window's median and how many rollouts it holds.
    static func windowText(_ window: RolloutPace.Window) -> String {
        "\(Format.duration(minutes: window.medianMinutes)) (\(window.count))"
    }

    /// `▼ 12 min shorter`, `▲ 1 h longer`, `≈ about the same`, `too few to tell`.
    static func changeText(_ pace: RolloutPace.ServicePace) -> String {
        guard let direction = pace.direction, let change = pace.changeMinutes else { return "too few to tell" }
        switch direction {
        case .shorter: return "▼ \(Format.duration(minutes: -change)) shorter"
        case .longer: return "▲ \(Format.duration(minutes: change)) longer"
        case .same: return "≈ about the same"
        }
    }

    /// One service's pace in a sentence, for its own page.
    static func paceText(_ pace: RolloutPace.ServicePace) -> String {
        guard let recent = pace.recent, let before = pace.before, let direction = pace.direction,
              let change = pace.changeMinutes else {
            return "Too few stable rollouts (\(pace.stable)) to tell whether they get shorter"
        }
        let last = recent.count == 1 ? "The last stable rollout took \(Format.duration(minutes: recent.medianMinutes)), "
            : "The last \(recent.count) stable rollouts took a median \(Format.duration(minutes: recent.medianMinutes)), "
        let earlier = before.count == 1 ? "the one before (\(Format.duration(minutes: before.medianMinutes)))"
            : "the \(before.count) before (median \(Format.duration(minutes: before.medianMinutes)))"
        switch direction {
        case .shorter: return last + "\(Format.duration(minutes: -change)) shorter than " + earlier
        case .longer: return last + "\(Format.duration(minutes: change)) longer than " + earlier
        case .same: return last + "about the same as " + earlier
        }
    }

    /// `Of 12 services with timed rollouts: 3 shorter, 1 longer, 2 about the same, 6 too few to tell.`
    static func paceSummary(_ pace: RolloutPace) -> String {
        let parts = [(pace.count(.shorter), "getting shorter"), (pace.count(.longer), "getting longer"),
                     (pace.count(.same), "about the same"), (pace.count(nil), "too few stable rollouts to tell")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return "Of \(counted(pace.services.count, "active service")) with timed rollouts: " + parts.joined(separator: ", ") + "."
    }

    static let imagesSummaryShape = ViewShape<StandardProgress>("the base images' summary", [
        .number("conforming") { $0.onApprovedImage },
        .number("total") { $0.activeServices },
        .html("bar") { Charts.bar($0.onApprovedImage, of: $0.activeServices, label: "\($0.onApprovedImage) of \($0.activeServices) on an approved base image") },
    ])

    static let waveShape = ViewShape<Linked<UpgradeWaves.Wave>>("a wave", [
        .text("component") { $0.item.component },
        .text("approved") { $0.item.approved },
        .number("doneCount") { $0.item.done.count },
        .list("members", memberShape) { $0.item.members.linked(from: $0.route) },
        .flag("has_members") { !$0.item.members.isEmpty },
        .list("held", heldShape) { $0.item.heldBack.linked(from: $0.route) },
        .flag("has_held") { !$0.item.heldBack.isEmpty },
    ])

    static let memberShape = ViewShape<Linked<UpgradeWaves.Member>>("a service to move", [
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .text("service") { $0.item.service },
        .text("version") { $0.item.version },
        .text("riskText") { $0.item.riskText },
        .text("findingsText") { counted($0.item.findings, "finding") },
        .text("ownerText") { $0.item.owner ?? "no owner" },
    ])

    static let heldShape = ViewShape<Linked<UpgradeWaves.HeldBack>>("a service held apart", [
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .text("service") { $0.item.service },
        .text("version") { $0.item.version },
        .text("reason") { $0.item.reason },
    ])

    /// For each approved component with end-of-life data: the releases the team runs and the
    /// approved one, against their dates.
    static func eolChart(_ releases: [EOLReleaseUse], today: Day) -> String? {
        let cycles = releases.map { use in
            func day(_ date: EOLCycle.Date?) -> Day? { if case .day(let d)? = date { return d }; return nil }
            return Charts.Cycle(label: "\(use.component) \(use.cycle.cycle)", release: use.cycle.releaseDate,
                                support: day(use.cycle.support), eol: day(use.cycle.eol), inUse: use.services)
        }
        return Charts.eolTimeline(cycles, today: today, title: "End of life of the releases in use (services per release)")
    }
}

/// The lines of the standard's progress, as the progress and review pages list them.
enum ProgressLines {
    static let lineShape = ViewShape<Linked<StandardProgress.Line>>("an approved component or image", [
        .text("name") { $0.item.name },
        .text("version") { $0.item.approved },
        .number("conforming") { $0.item.conforming },
        .number("total") { $0.item.total },
        .html("bar") { line in
            Charts.bar(line.item.conforming, of: line.item.total,
                       label: "\(line.item.conforming) of \(line.item.total) services on \(line.item.name) \(line.item.approved)")
        },
        .list("lagging", lagShape) { $0.item.lagging.linked(from: $0.route) },
        .flag("has_lagging") { !$0.item.lagging.isEmpty },
    ])

    static let lagShape = ViewShape<Linked<StandardProgress.Lag>>("a lagging service", [
        .text("service") { $0.item.service },
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .text("version") { $0.item.version },
        .text("gap") { $0.item.gap },
    ])

    static let exceptionShape = ViewShape<Linked<StandardProgress.ExceptionDue>>("an exception", [
        .text("service") { $0.item.service },
        .text("href") { $0.link(to: .service($0.item.slug)) },
        .text("component") { $0.item.component },
        .text("version") { $0.item.version ?? "any version" },
        .text("until") { $0.item.until?.description ?? "no end date" },
        .text("left") { $0.item.daysLeft.map(Format.daysLeft) ?? "open-ended" },
        .flag("expired") { $0.item.expired },
        // Always there (empty when none is given), so `{{#reason}}` opens as it always did.
        .optionalText("reason") { $0.item.reason ?? "" },
    ])
}

/// The standard's review date against today.
enum ReviewTiming {
    static let shape = ViewShape<DueDate>("the review date", [
        .text("date") { $0.day.description },
        .flag("due") { $0.overdue },
        .text("when") { review in
            review.overdue ? "\(-review.daysLeft) days overdue" : review.daysLeft == 0 ? "today" : "in \(review.daysLeft) days"
        },
    ])
}
