import Inventory

/// What the team goes through on the standard's review date. A pure function of the
/// inventory, `today`, the date the next review is planned for, and the period looked back on.
public struct ReviewAgenda: Sendable {
    public struct Attention: Sendable {
        public var slug: String
        public var service: String
        public var detail: String
    }

    public var today: Day
    public var review: Day?
    /// Exceptions that end before this date are on the agenda.
    public var until: Day
    /// Rollouts from this date on make the trend.
    public var since: Day
    public var progress: StandardProgress
    public var exceptionsDue: [StandardProgress.ExceptionDue]
    public var staleImages: [Attention]
    public var untestedRollbacks: [Attention]
    /// Services that name backups but have not restored one within `rollback_test_days`.
    public var unprovenRestores: [Attention]
    public var trend: RolloutTrend
    public var previousTrend: RolloutTrend

    public init(_ inventory: Inventory, today: Day, until: Day? = nil, since: Day? = nil) {
        self.today = today
        review = inventory.standards.review?.value
        self.until = until ?? review.map { max($0, today) }.map { $0.adding(days: 90) } ?? today.adding(days: 90)
        self.since = since ?? today.adding(days: -90)
        progress = StandardProgress(inventory, today: today)
        let limit = self.until
        exceptionsDue = progress.exceptions.filter { ($0.until.map { $0 <= limit }) ?? true }
        let policy = inventory.settings.policy
        let active = inventory.services.filter(\.isActive)
        staleImages = active.compactMap { service in
            guard let rebuilt = service.rebuilt?.value else {
                return service.baseImage == nil ? nil : Attention(slug: service.slug, service: service.name, detail: "no rebuild date")
            }
            let age = rebuilt.days(until: today)
            return age > policy.staleImageDays ? Attention(slug: service.slug, service: service.name, detail: "rebuilt \(age) days ago (\(rebuilt))") : nil
        }
        untestedRollbacks = active.compactMap { service in
            guard let rollback = service.rollback else {
                return Attention(slug: service.slug, service: service.name, detail: "no rollback plan")
            }
            guard let tested = rollback.tested?.value else {
                return Attention(slug: service.slug, service: service.name, detail: "never practised")
            }
            let age = tested.days(until: today)
            return age > policy.rollbackTestDays ? Attention(slug: service.slug, service: service.name, detail: "last practised \(age) days ago (\(tested))") : nil
        }
        unprovenRestores = active.compactMap { service in
            guard let rollback = service.rollback, rollback.backups != nil else { return nil }
            guard let restored = rollback.restoreTested?.value else {
                return Attention(slug: service.slug, service: service.name, detail: "backups named, never restored")
            }
            let age = restored.days(until: today)
            return age > policy.rollbackTestDays ? Attention(slug: service.slug, service: service.name, detail: "last restored \(age) days ago (\(restored))") : nil
        }
        trend = RolloutTrend(inventory, since: self.since)
        let window = self.since.days(until: today)
        previousTrend = RolloutTrend(inventory, since: self.since.adding(days: -window), before: self.since)
    }
}
