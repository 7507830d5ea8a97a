import Analysis
import Inventory

/// `progress/index.html`: how far the team is along the standard path.
enum ProgressPage {
    static func view(_ context: PageContext) -> View {
        var view = context.frame(title: "Upgrade progress", depth: 1, section: "progress")
        let active = context.inventory.services.filter(\.isActive)
        let today = context.report.today
        view["components"] = context.inventory.standards.components.map { approved in component(approved, active) }
        view["images"] = context.inventory.standards.images.map { image(name: $0.value.name, reference: $0.value.reference, active) }
        let onApproved = active.filter { service in
            guard let base = service.baseImage?.value, let reference = try? ImageReference(parsing: base) else { return false }
            return context.inventory.standards.images.contains { approved in
                (try? ImageReference(parsing: approved.value.reference)).map { $0.repository == reference.repository && $0.effectiveTag == reference.effectiveTag } ?? false
            }
        }.count
        view["imagesSummary"] = ["conforming": onApproved, "total": active.count,
                                 "bar": Charts.bar(onApproved, of: active.count, label: "\(onApproved) of \(active.count) on an approved base image")] as View
        var exceptions: [(until: Day?, view: View)] = []
        for service in active {
            for exception in service.exceptions {
                let until = exception.until?.value
                let left = until.map { today.days(until: $0) }
                exceptions.append((until, [
                    "service": service.name, "slug": service.slug,
                    "component": exception.component.value, "version": exception.version?.value ?? "any version",
                    "until": until?.description ?? "no end date",
                    "left": left.map { $0 < 0 ? "expired \(-$0) days ago" : $0 == 0 ? "expires today" : "\($0) days left" } ?? "open-ended",
                    "expired": (left ?? 1) < 0,
                    "reason": exception.reason ?? "",
                ]))
            }
        }
        // Expired first, then by expiry date; undated last; ties by service.
        exceptions.sort { a, b in
            switch (a.until, b.until) {
            case (let x?, let y?): x != y ? x < y : (a.view["slug"] as! String) < (b.view["slug"] as! String)
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): (a.view["slug"] as! String) < (b.view["slug"] as! String)
            }
        }
        view["exceptions"] = exceptions.map(\.view)
        view["has_exceptions"] = !exceptions.isEmpty
        if let review = context.inventory.standards.review?.value {
            let days = today.days(until: review)
            view["review"] = ["date": review.description, "due": days < 0,
                              "when": days < 0 ? "\(-days) days overdue" : days == 0 ? "today" : "in \(days) days"] as View
        }
        let points = active.flatMap { service in
            service.rollouts.compactMap { rollout -> Charts.Point? in
                guard let minutes = rollout.minutes else { return nil }
                if case .rolledBack = rollout.outcome {
                    return Charts.Point(day: rollout.started.day, minutes: minutes, rolledBack: true, label: "\(service.name) \(rollout.started)")
                }
                return Charts.Point(day: rollout.started.day, minutes: minutes, rolledBack: false, label: "\(service.name) \(rollout.started)")
            }
        }
        view["chart"] = Charts.rolloutDurations(points, title: "Rollout duration, start to stable, all services")
        view["rolloutCount"] = points.count
        view["median"] = Format.median(points.map(\.minutes)).map { Format.duration(minutes: $0) } ?? "—"
        return view
    }

    static func component(_ approved: ComponentVersion, _ services: [Service]) -> View {
        var conforming = 0
        var lagging: [View] = []
        let wanted = Version(approved.version)
        for service in services {
            guard let used = service.components.first(where: { $0.name == approved.name }) else { continue }
            let actual = Version(used.version)
            let standing = actual.flatMap { a in wanted.map { a.standing(against: $0) } }
            if standing == .conforms || (standing == nil && used.version == approved.version) {
                conforming += 1
            } else {
                lagging.append(["service": service.name, "slug": service.slug, "version": used.version,
                                "gap": gap(actual, wanted, standing)])
            }
        }
        let total = conforming + lagging.count
        return ["name": approved.name, "version": approved.version, "conforming": conforming, "total": total,
                "bar": Charts.bar(conforming, of: total, label: "\(conforming) of \(total) services on \(approved.name) \(approved.version)"),
                "lagging": lagging, "has_lagging": !lagging.isEmpty]
    }

    static func image(name: String, reference: String, _ services: [Service]) -> View {
        guard let approved = try? ImageReference(parsing: reference) else { return ["name": name, "reference": reference] }
        var conforming = 0
        var lagging: [View] = []
        for service in services {
            guard let base = service.baseImage?.value, let image = try? ImageReference(parsing: base),
                  image.repository == approved.repository else { continue }
            if image.effectiveTag == approved.effectiveTag {
                conforming += 1
            } else {
                lagging.append(["service": service.name, "slug": service.slug, "version": image.effectiveTag, "gap": "on \(image.effectiveTag)"])
            }
        }
        let total = conforming + lagging.count
        return ["name": name, "version": approved.effectiveTag, "reference": reference, "conforming": conforming, "total": total,
                "bar": Charts.bar(conforming, of: total, label: "\(conforming) of \(total) services on \(name) \(approved.effectiveTag)"),
                "lagging": lagging, "has_lagging": !lagging.isEmpty]
    }

    /// How far a version is from the approved one: `2 major versions behind`, `1 minor ahead`.
    static func gap(_ actual: Version?, _ wanted: Version?, _ standing: Version.Standing?) -> String {
        guard let actual, let wanted, let standing else { return "cannot compare" }
        let names = ["major", "minor", "patch"]
        for index in 0..<wanted.numbers.count {
            let a = index < actual.numbers.count ? actual.numbers[index] : 0
            let w = wanted.numbers[index]
            if a != w {
                let name = index < names.count ? names[index] : "part \(index + 1)"
                let count = abs(a - w)
                let unit = index == 0 ? "\(name) version\(count == 1 ? "" : "s")" : name
                return "\(count) \(unit) \(standing == .ahead ? "ahead" : "behind")"
            }
        }
        return standing == .behind ? "pre-release" : "conforms"
    }
}
