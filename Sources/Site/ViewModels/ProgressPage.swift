import Analysis
import Inventory

/// `progress/index.html`: how far the team is along the standard path.
enum ProgressPage {
    static func view(_ context: PageContext) -> View {
        let route = Route.progress
        var view = context.frame(title: "Upgrade progress", route: route, section: "progress")
        let overview = context.report.overview
        let progress = overview.progress
        view["components"] = progress.components.map { line($0, from: route) }
        view["images"] = progress.images.map { line($0, from: route) }
        view["imagesSummary"] = ["conforming": progress.onApprovedImage, "total": progress.activeServices,
                                 "bar": Charts.bar(progress.onApprovedImage, of: progress.activeServices,
                                                   label: "\(progress.onApprovedImage) of \(progress.activeServices) on an approved base image")] as View
        view["waves"] = overview.waves.waves.map { wave($0, from: route) }
        markLists(&view, ["waves"])
        view["exceptions"] = progress.exceptions.map { exception($0, from: route) }
        view["has_exceptions"] = !progress.exceptions.isEmpty
        if let review = overview.review { view["review"] = ReviewTiming.view(review) }
        let trend = overview.trend
        let points = trend.timings.map {
            Charts.Point(day: $0.started.day, minutes: $0.minutes, rolledBack: $0.rolledBack, label: "\($0.service) \($0.started)")
        }
        view["chart"] = Charts.rolloutDurations(points, title: "Rollout duration, start to stable, all services") ?? false
        view["rolloutCount"] = points.count
        view["median"] = trend.median.map { Format.duration(minutes: $0) } ?? "—"
        view["eolChart"] = eolChart(overview.eolReleases, today: context.report.today) ?? false
        return view
    }

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

    static func line(_ line: StandardProgress.Line, from route: Route) -> View {
        let what = "\(line.name) \(line.approved)"
        return [
            "name": line.name, "version": line.approved, "conforming": line.conforming, "total": line.total,
            "bar": Charts.bar(line.conforming, of: line.total, label: "\(line.conforming) of \(line.total) services on \(what)"),
            "lagging": line.lagging.map {
                ["service": $0.service, "href": route.link(to: .service($0.slug)), "version": $0.version, "gap": $0.gap] as View
            },
            "has_lagging": !line.lagging.isEmpty,
        ]
    }

    static func wave(_ wave: UpgradeWaves.Wave, from route: Route) -> View {
        var view: View = [
            "component": wave.component, "approved": wave.approved, "doneCount": wave.done.count,
            "members": wave.members.map { member -> View in
                [
                    "href": route.link(to: .service(member.slug)), "service": member.service, "version": member.version,
                    "riskText": member.riskText,
                    "findingsText": counted(member.findings, "finding"),
                    "ownerText": member.owner ?? "no owner",
                ]
            },
            "held": wave.heldBack.map {
                ["href": route.link(to: .service($0.slug)), "service": $0.service, "version": $0.version, "reason": $0.reason] as View
            },
        ]
        markLists(&view, ["members", "held"])
        return view
    }

    static func exception(_ due: StandardProgress.ExceptionDue, from route: Route) -> View {
        [
            "service": due.service, "href": route.link(to: .service(due.slug)), "component": due.component,
            "version": due.version ?? "any version", "until": due.until?.description ?? "no end date",
            "left": due.daysLeft.map(Format.daysLeft) ?? "open-ended", "expired": due.expired, "reason": due.reason ?? "",
        ]
    }
}

/// The standard's review date against today.
enum ReviewTiming {
    static func view(_ review: DueDate) -> View {
        ["date": review.day.description, "due": review.overdue,
         "when": review.overdue ? "\(-review.daysLeft) days overdue" : review.daysLeft == 0 ? "today" : "in \(review.daysLeft) days"]
    }
}
