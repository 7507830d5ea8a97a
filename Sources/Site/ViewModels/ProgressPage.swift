import Analysis
import Inventory

/// `progress/index.html`: how far the team is along the standard path.
enum ProgressPage {
    static func view(_ context: PageContext) -> View {
        var view = context.frame(title: "Upgrade progress", depth: 1, section: "progress")
        let progress = StandardProgress(context.inventory, today: context.report.today)
        view["components"] = progress.components.map { line($0, what: line0Label($0)) }
        view["images"] = progress.images.map { line($0, what: line0Label($0)) }
        view["imagesSummary"] = ["conforming": progress.onApprovedImage, "total": progress.activeServices,
                                 "bar": Charts.bar(progress.onApprovedImage, of: progress.activeServices,
                                                   label: "\(progress.onApprovedImage) of \(progress.activeServices) on an approved base image")] as View
        view["waves"] = UpgradeWaves(context.inventory, context.report).waves.map(wave)
        markLists(&view, ["waves"])
        view["exceptions"] = progress.exceptions.map(exception)
        view["has_exceptions"] = !progress.exceptions.isEmpty
        if let review = context.inventory.standards.review?.value {
            view["review"] = ReviewTiming.view(review, today: context.report.today)
        }
        let trend = RolloutTrend(context.inventory)
        let points = trend.timings.map {
            Charts.Point(day: $0.started.day, minutes: $0.minutes, rolledBack: $0.rolledBack, label: "\($0.service) \($0.started)")
        }
        view["chart"] = Charts.rolloutDurations(points, title: "Rollout duration, start to stable, all services") ?? false
        view["rolloutCount"] = points.count
        view["median"] = trend.median.map { Format.duration(minutes: $0) } ?? "—"
        view["eolChart"] = eolChart(context) ?? false
        return view
    }

    /// For each approved component with end-of-life data: the cycles the team runs and the
    /// approved one, against their dates.
    static func eolChart(_ context: PageContext) -> String? {
        let inventory = context.inventory
        var cycles: [Charts.Cycle] = []
        let active = inventory.services.filter(\.isActive)
        for component in inventory.standards.components {
            guard let product = inventory.eolProduct(for: component.name) else { continue }
            var used: [String: Int] = [:]
            for service in active {
                for use in service.components + service.environments.flatMap(\.components) where use.name == component.name {
                    if let cycle = EOLLookup.cycle(for: use.version, in: product) { used[cycle.cycle, default: 0] += 1 }
                }
            }
            if let approved = EOLLookup.cycle(for: component.version, in: product) { used[approved.cycle, default: 0] += 0 }
            for cycle in product.cycles where used[cycle.cycle] != nil {
                func day(_ date: EOLCycle.Date?) -> Day? { if case .day(let d)? = date { return d }; return nil }
                cycles.append(Charts.Cycle(label: "\(component.name) \(cycle.cycle)", release: cycle.releaseDate, support: day(cycle.support),
                                           eol: day(cycle.eol), inUse: used[cycle.cycle] ?? 0))
            }
        }
        return Charts.eolTimeline(cycles, today: context.report.today, title: "End of life of the releases in use (services per release)")
    }

    private static func line0Label(_ line: StandardProgress.Line) -> String { "\(line.name) \(line.approved)" }

    static func line(_ line: StandardProgress.Line, what: String) -> View {
        [
            "name": line.name, "version": line.approved, "conforming": line.conforming, "total": line.total,
            "bar": Charts.bar(line.conforming, of: line.total, label: "\(line.conforming) of \(line.total) services on \(what)"),
            "lagging": line.lagging.map { ["service": $0.service, "slug": $0.slug, "version": $0.version, "gap": $0.gap] as View },
            "has_lagging": !line.lagging.isEmpty,
        ]
    }

    static func wave(_ wave: UpgradeWaves.Wave) -> View {
        var view: View = [
            "component": wave.component, "approved": wave.approved, "doneCount": wave.done.count,
            "members": wave.members.map { member -> View in
                [
                    "slug": member.slug, "service": member.service, "version": member.version,
                    "riskText": member.riskText,
                    "findingsText": counted(member.findings, "finding"),
                    "ownerText": member.owner ?? "no owner",
                ]
            },
            "held": wave.heldBack.map { ["slug": $0.slug, "service": $0.service, "version": $0.version, "reason": $0.reason] as View },
        ]
        markLists(&view, ["members", "held"])
        return view
    }

    static func exception(_ due: StandardProgress.ExceptionDue) -> View {
        let left: String
        switch due.daysLeft {
        case nil: left = "open-ended"
        case let days? where days < 0: left = "expired \(-days) days ago"
        case 0?: left = "expires today"
        case let days?: left = "\(days) days left"
        }
        return [
            "service": due.service, "slug": due.slug, "component": due.component, "version": due.version ?? "any version",
            "until": due.until?.description ?? "no end date", "left": left, "expired": (due.daysLeft ?? 1) < 0, "reason": due.reason ?? "",
        ]
    }
}

/// The standard's review date against today.
enum ReviewTiming {
    static func view(_ review: Day, today: Day) -> View {
        let days = today.days(until: review)
        return ["date": review.description, "due": days < 0,
                "when": days < 0 ? "\(-days) days overdue" : days == 0 ? "today" : "in \(days) days"]
    }
}
