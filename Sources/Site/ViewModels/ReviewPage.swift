import Analysis
import Inventory

/// `review/index.html`: the agenda for the standard's review, as `shortpath review` prints it.
enum ReviewPage {
    static func view(_ context: PageContext) -> View {
        let route = Route.review
        var view = context.frame(title: "Review of the standard", route: route, section: "review")
        let agenda = context.report.overview.agenda
        if let review = agenda.review { view["review"] = ReviewTiming.view(review) }
        view["until"] = agenda.until.description
        view["since"] = agenda.since.description
        view["components"] = agenda.progress.components.map { ProgressPage.line($0, from: route) }
        view["images"] = agenda.progress.images.map { ProgressPage.line($0, from: route) }
        view["exceptions"] = agenda.exceptionsDue.map { ProgressPage.exception($0, from: route) }
        view["stale"] = agenda.staleImages.map { attention($0, link: route.link(to: .service($0.slug))) }
        view["untested"] = agenda.untestedRollbacks.map { attention($0, link: route.link(to: .rollback($0.slug))) }
        view["unrestored"] = agenda.unprovenRestores.map { attention($0, link: route.link(to: .rollback($0.slug))) }
        markLists(&view, ["exceptions", "stale", "untested", "unrestored"])
        view["progressHref"] = route.link(to: .progress)
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

    static func attention(_ item: ReviewAgenda.Attention, link: String) -> View {
        ["service": item.service, "href": link, "detail": item.detail]
    }
}
