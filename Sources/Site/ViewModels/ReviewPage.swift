import Analysis
import Inventory
import Templates

/// `review/index.html`: the agenda for the standard's review, as `shortpath review` prints it.
struct ReviewPage: Sendable {
    var frame: PageFrame
    var route: Route
    var agenda: ReviewAgenda
    /// `calendar.ics` at the site's base URL, the address a calendar app subscribes to; nil
    /// without `base_url`.
    var calendarURL: String?
    var calendarEvents: Int

    init(_ context: PageContext) {
        route = .review
        frame = context.frame(title: "Review of the standard", route: route, section: "review")
        agenda = context.report.overview.agenda
        calendarURL = context.inventory.settings.baseURL.map { CalendarFile.absolute($0, .calendar) }
        calendarEvents = context.report.overview.calendar.events.count
    }

    static func shape(_ frame: ViewShape<PageFrame>) -> ViewShape<ReviewPage> {
        ViewShape("the review page", [
            .embed(frame) { $0.frame },
            .optional("review", ReviewTiming.shape) { $0.agenda.review },
            .text("until") { $0.agenda.until.description },
            .text("since") { $0.agenda.since.description },
            .list("components", ProgressLines.lineShape) { $0.agenda.progress.components.linked(from: $0.route) },
            .list("images", ProgressLines.lineShape) { $0.agenda.progress.images.linked(from: $0.route) },
            .list("exceptions", ProgressLines.exceptionShape) { $0.agenda.exceptionsDue.linked(from: $0.route) },
            .flag("has_exceptions") { !$0.agenda.exceptionsDue.isEmpty },
            .list("stale", serviceAttention) { $0.agenda.staleImages.linked(from: $0.route) },
            .flag("has_stale") { !$0.agenda.staleImages.isEmpty },
            .list("untested", rollbackAttention) { $0.agenda.untestedRollbacks.linked(from: $0.route) },
            .flag("has_untested") { !$0.agenda.untestedRollbacks.isEmpty },
            .list("unrestored", rollbackAttention) { $0.agenda.unprovenRestores.linked(from: $0.route) },
            .flag("has_unrestored") { !$0.agenda.unprovenRestores.isEmpty },
            .text("progressHref") { $0.route.link(to: .progress) },
            .optionalText("calendarURL") { $0.calendarURL },
            .number("calendarEvents") { $0.calendarEvents },
            .number("rollouts") { $0.agenda.trend.timings.count },
            .text("median") { $0.agenda.trend.median.map { Format.duration(minutes: $0) } ?? "—" },
            .text("previousMedian") { $0.agenda.previousTrend.median.map { Format.duration(minutes: $0) } ?? "—" },
            .number("previousRollouts") { $0.agenda.previousTrend.timings.count },
            .text("slope") { page in
                page.agenda.trend.slopePerMonth.map { slope in
                    let minutes = Int(slope.rounded())
                    return minutes == 0 ? "about level" : minutes < 0 ? "\(-minutes) min shorter per month" : "\(minutes) min longer per month"
                } ?? "not enough rollouts to tell"
            },
        ])
    }

    /// An item that needs attention, linked to the service's page or its rollback page.
    static func attention(_ description: String, link: @escaping @Sendable (String) -> Route) -> ViewShape<Linked<ReviewAgenda.Attention>> {
        ViewShape(description, [
            .text("service") { $0.item.service },
            .text("href") { $0.link(to: link($0.item.slug)) },
            .text("detail") { $0.item.detail },
        ])
    }

    static let serviceAttention = attention("a stale image") { .service($0) }
    static let rollbackAttention = attention("a rollback to look at") { .rollback($0) }
}
