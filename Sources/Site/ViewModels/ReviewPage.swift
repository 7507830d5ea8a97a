import Analysis
import Inventory

/// `review/index.html`: the agenda for the standard's review, as `shortpath review` prints it.
enum ReviewPage {
    static func view(_ context: PageContext) -> View {
        var view = context.frame(title: "Review of the standard", depth: 1, section: "review")
        let agenda = ReviewAgenda(context.inventory, today: context.report.today)
        if let review = agenda.review { view["review"] = ReviewTiming.view(review, today: agenda.today) }
        view["until"] = agenda.until.description
        view["since"] = agenda.since.description
        view["components"] = agenda.progress.components.map { ProgressPage.line($0, what: "\($0.name) \($0.approved)") }
        view["images"] = agenda.progress.images.map { ProgressPage.line($0, what: "\($0.name) \($0.approved)") }
        view["exceptions"] = agenda.exceptionsDue.map(ProgressPage.exception)
        view["stale"] = agenda.staleImages.map(attention)
        view["untested"] = agenda.untestedRollbacks.map(attention)
        view["unrestored"] = agenda.unprovenRestores.map(attention)
        markLists(&view, ["exceptions", "stale", "untested", "unrestored"])
        let trend = agenda.trend
        view["rollouts"] = trend.timings.count
        view["median"] = trend.median.map { Format.duration(minutes: $0) } ?? "—"
        view["previousMedian"] = agenda.previousTrend.median.map { Format.duration(minutes: $0) } ?? "—"
        view["previousRollouts"] = agenda.previousTrend.timings.count
        view["slope"] = trend.slopePerMonth.map { slope in
            let minutes = Int(slope.rounded())
            return minutes == 0 ? "about level" : minutes < 0 ? "\(-minutes) min shorter per month" : "\(minutes) min longer per month"
        } ?? "not enough rollouts to tell"
        return view
    }

    static func attention(_ item: ReviewAgenda.Attention) -> View {
        ["service": item.service, "slug": item.slug, "detail": item.detail]
    }
}
