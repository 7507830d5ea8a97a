import Inventory

/// How far the services are along the standard path: per approved component and base image,
/// who conforms and who lags by how much. A pure function of the inventory and `today`.
public struct StandardProgress: Sendable {
    public struct Lag: Sendable, Equatable {
        public var slug: String
        public var service: String
        public var version: String
        /// `2 major versions behind`, `on 2026.09`.
        public var gap: String
    }

    public struct Line: Sendable {
        public var name: String
        public var approved: String
        public var reference: String?
        public var conforming: Int
        public var lagging: [Lag]
        public var total: Int { conforming + lagging.count }
    }

    public struct ExceptionDue: Sendable {
        public var slug: String
        public var service: String
        public var component: String
        public var version: String?
        public var reason: String?
        public var until: Day?
        /// Days from today to `until` (negative when expired); nil when undated.
        public var daysLeft: Int?
        public var expired: Bool { (daysLeft ?? 0) < 0 }
    }

    public var components: [Line]
    public var images: [Line]
    /// Active services on some approved base image, out of all active services.
    public var onApprovedImage: Int
    public var activeServices: Int
    /// Expired first, then by date; undated last.
    public var exceptions: [ExceptionDue]

    init(_ inventory: Inventory, _ context: RuleContext) {
        let today = context.today
        let active = inventory.services.filter(\.isActive)
        activeServices = active.count
        components = inventory.standards.components.map { Self.component($0, active, context) }
        let approvedImages = inventory.standards.images.compactMap { entry in
            (try? ImageReference(parsing: entry.value.reference)).map { (entry.value, $0) }
        }
        images = approvedImages.map { Self.image($0.0, $0.1, active) }
        onApprovedImage = active.count { service in
            guard let image = service.baseImage?.reference else { return false }
            return approvedImages.contains { $0.1.repository == image.repository && $0.1.effectiveTag == image.effectiveTag }
        }
        exceptions = active.flatMap { service in
            service.exceptions.map { exception in
                ExceptionDue(slug: service.slug, service: service.name, component: exception.component.value,
                             version: exception.version?.value, reason: exception.reason, until: exception.until?.value,
                             daysLeft: exception.until.map { today.days(until: $0.value) })
            }
        }.sorted { a, b in
            switch (a.until, b.until) {
            case (let x?, let y?): x != y ? x < y : a.slug < b.slug
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.slug < b.slug
            }
        }
    }

    static func component(_ approved: ComponentVersion, _ services: [Service], _ context: RuleContext) -> Line {
        var line = Line(name: approved.name, approved: approved.version, reference: nil, conforming: 0, lagging: [])
        let wanted = Version(approved.version)
        // By index: `for service in` copied every service (dozens of references) for each
        // approved component.
        for index in services.indices {
            guard let used = services[index].component(approved.name),
                  let (_, standing) = context.standing(of: used.name, used.version) else { continue }
            if standing == .conforms {
                line.conforming += 1
            } else {
                line.lagging.append(Lag(slug: services[index].slug, service: services[index].name, version: used.version,
                                        gap: Version(used.version).flatMap { actual in wanted.map { gap(actual, $0, standing) } }
                                            ?? "differs from \(approved.version)"))
            }
        }
        return line
    }

    static func image(_ named: NamedImage, _ approved: ImageReference, _ services: [Service]) -> Line {
        var line = Line(name: named.name, approved: approved.effectiveTag, reference: named.reference, conforming: 0, lagging: [])
        for index in services.indices {
            guard let image = services[index].baseImage?.reference, image.repository == approved.repository else { continue }
            if image.effectiveTag == approved.effectiveTag {
                line.conforming += 1
            } else {
                line.lagging.append(Lag(slug: services[index].slug, service: services[index].name, version: image.effectiveTag,
                                        gap: "on \(image.effectiveTag)"))
            }
        }
        return line
    }

    /// How far a version is from the approved one: `2 major versions behind`, `1 minor ahead`.
    static func gap(_ actual: Version, _ wanted: Version, _ standing: Version.Standing) -> String {
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

/// Rollout timings over a period: the median and whether they get shorter.
public struct RolloutTrend: Sendable {
    public struct Timing: Sendable {
        public var slug: String
        public var service: String
        public var started: Moment
        public var minutes: Int
        public var rolledBack: Bool
    }

    public var timings: [Timing]

    /// One service's timed rollouts, retired or not.
    public init(_ service: Service) {
        timings = service.rollouts.compactMap { rollout -> Timing? in
            guard let minutes = rollout.minutes else { return nil }
            return Timing(slug: service.slug, service: service.name, started: rollout.started, minutes: minutes,
                          rolledBack: rollout.rolledBack)
        }.sorted { $0.started < $1.started }
    }

    /// The timed rollouts of active services started on or after `since` and before `before`.
    public init(_ inventory: Inventory, since: Day? = nil, before: Day? = nil) {
        // By index, without copying each active service whole (the review agenda asks for
        // several periods).
        let services = inventory.services
        var timings: [Timing] = []
        for index in services.indices where services[index].isActive {
            for rollout in services[index].rollouts {
                guard let minutes = rollout.minutes, since.map({ rollout.started.day >= $0 }) ?? true,
                      before.map({ rollout.started.day < $0 }) ?? true else { continue }
                timings.append(Timing(slug: services[index].slug, service: services[index].name, started: rollout.started,
                                      minutes: minutes, rolledBack: rollout.rolledBack))
            }
        }
        self.timings = timings.sorted { ($0.started, $0.slug) < ($1.started, $1.slug) }
    }

    /// The timings that reached stable; a rollback's minutes are start to rolled back.
    public var stable: [Timing] { timings.filter { !$0.rolledBack } }
    public var rollbacks: Int { timings.count - stable.count }

    /// Median minutes from start to stable, over the rollouts that reached stable.
    public var median: Int? { Statistics.median(stable.map(\.minutes)) }

    /// Least-squares slope of the stable rollouts' minutes per 30 days; nil with fewer than
    /// two days of data.
    public var slopePerMonth: Double? { fit.map { $0.slope * 30 } }

    /// The least-squares line through the stable rollouts: minutes at `day` are
    /// `intercept + slope * day.ordinal`.
    public var fit: (slope: Double, intercept: Double)? {
        let stable = stable
        return Statistics.leastSquares(stable.map { Double($0.started.day.ordinal) }, stable.map { Double($0.minutes) })
    }
}

/// The two statistics the pages and commands share, so they agree.
public enum Statistics {
    /// The middle value; the mean of the two middle ones for an even count.
    public static func median(_ values: [Int]) -> Int? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The least-squares line through the points; nil for fewer than two distinct x values.
    public static func leastSquares(_ xs: [Double], _ ys: [Double]) -> (slope: Double, intercept: Double)? {
        let n = Double(xs.count)
        guard n >= 2 else { return nil }
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let sxx = zip(xs, xs).map { ($0 - mx) * ($1 - mx) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        let slope = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / sxx
        return (slope, my - slope * mx)
    }
}
