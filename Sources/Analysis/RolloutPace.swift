import Inventory

/// Whether each service's rollouts get shorter: the median of its last five stable rollouts
/// against the median of the five before them. A rollout that was rolled back never reached
/// stable, so it is counted apart and never in a median. Pooling every service's rollouts
/// mostly says which service rolled out when; comparing a service with itself does not.
public struct RolloutPace: Sendable {
    /// Rollouts per window, at most: the last five stable ones against the five before.
    public static let window = 5
    /// A change of at most this share of the earlier median reads as "about the same".
    public static let sameWithin = 0.1

    public enum Direction: Sendable, Equatable {
        case shorter, longer, same
    }

    /// Consecutive stable rollouts of one service and their median duration.
    public struct Window: Sendable, Equatable {
        public var count: Int
        public var medianMinutes: Int
        public var first: Day
        public var last: Day
    }

    public struct ServicePace: Sendable {
        public var slug: String
        public var name: String
        /// Timed rollouts that reached stable.
        public var stable: Int
        /// Timed rollouts that were rolled back.
        public var rollbacks: Int
        /// The most recent stable rollouts (up to five).
        public var recent: Window?
        /// As many stable rollouts just before `recent`; nil with fewer than two stable rollouts.
        public var before: Window?
        /// `recent` against `before`; nil when there is nothing to compare.
        public var direction: Direction?
        /// Minutes the median moved (negative: shorter).
        public var changeMinutes: Int?
        /// Every timed rollout of the service, for its chart.
        public var trend: RolloutTrend
    }

    /// Every active service with at least one timed rollout: those that got longer first, then
    /// shorter, about the same, and those with too few rollouts to tell; the largest change
    /// first within each, then by name.
    public var services: [ServicePace]

    /// Each service's pace by slug, retired services included (their own pages show it).
    public var bySlug: [String: ServicePace]

    public func count(_ direction: Direction?) -> Int { services.count { $0.direction == direction } }

    public init(_ inventory: Inventory) {
        var bySlug: [String: ServicePace] = [:]
        for service in inventory.services { if let pace = Self.pace(service) { bySlug[service.slug] = pace } }
        self.bySlug = bySlug
        services = inventory.services.filter(\.isActive).compactMap { bySlug[$0.slug] }.sorted {
            (Self.rank($0.direction), -abs($0.changeMinutes ?? 0), $0.name, $0.slug)
                < (Self.rank($1.direction), -abs($1.changeMinutes ?? 0), $1.name, $1.slug)
        }
    }

    static func rank(_ direction: Direction?) -> Int {
        switch direction {
        case .longer: 0
        case .shorter: 1
        case .same: 2
        case nil: 3
        }
    }

    static func pace(_ service: Service) -> ServicePace? {
        let trend = RolloutTrend(service)
        guard !trend.timings.isEmpty else { return nil }
        let stable = trend.stable
        // Equal windows: five and five, or half and half of fewer than ten.
        let size = min(window, stable.count / 2)
        var pace = ServicePace(slug: service.slug, name: service.name, stable: stable.count,
                               rollbacks: trend.rollbacks, trend: trend)
        if size == 0 {
            pace.recent = Self.span(stable.suffix(1))
            return pace
        }
        let recent = Self.span(stable.suffix(size)), before = Self.span(stable.dropLast(size).suffix(size))
        pace.recent = recent
        pace.before = before
        if let recent, let before {
            let change = recent.medianMinutes - before.medianMinutes
            pace.changeMinutes = change
            pace.direction = Double(abs(change)) <= sameWithin * Double(before.medianMinutes) ? .same
                : change < 0 ? .shorter : .longer
        }
        return pace
    }

    static func span(_ rollouts: some BidirectionalCollection<RolloutTrend.Timing>) -> Window? {
        guard let first = rollouts.first, let last = rollouts.last,
              let median = Statistics.median(rollouts.map(\.minutes)) else { return nil }
        return Window(count: rollouts.count, medianMinutes: median, first: first.started.day, last: last.started.day)
    }
}
