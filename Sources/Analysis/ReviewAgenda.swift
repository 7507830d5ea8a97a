import Inventory

/// What the team goes through on the standard's review date. A pure function of the
/// analysed inventory, the date the next review is planned for, and the period looked back on.
public struct ReviewAgenda: Sendable {
    public struct Attention: Sendable {
        public var slug: String
        public var service: String
        public var detail: String
    }

    public var today: Day
    public var review: DueDate?
    /// Exceptions that end before this date are on the agenda.
    public var until: Day
    /// Rollouts from this date on make the trend.
    public var since: Day
    public var progress: StandardProgress
    public var exceptionsDue: [StandardProgress.ExceptionDue]
    public var staleImages: [Attention]
    public var untestedRollbacks: [Attention]
    /// Services whose data cannot be counted on: a data store with no backups, or backups not
    /// restored within `rollback_test_days`.
    public var unprovenRestores: [Attention]
    public var trend: RolloutTrend
    public var previousTrend: RolloutTrend

    /// The agenda for other periods than the report's own (`shortpath review --until --since`).
    public init(_ inventory: Inventory, _ report: Report, until: Day? = nil, since: Day? = nil) {
        self.init(inventory, assessments: report.assessments, progress: report.overview.progress, today: report.today, until: until, since: since)
    }

    init(_ inventory: Inventory, assessments: [String: ServiceAssessment], progress: StandardProgress, today: Day,
         until: Day? = nil, since: Day? = nil) {
        self.today = today
        let reviewDay = inventory.standards.review?.value
        review = reviewDay.map { DueDate($0, today: today) }
        self.until = until ?? reviewDay.map { max($0, today) }.map { $0.adding(days: 90) } ?? today.adding(days: 90)
        self.since = since ?? today.adding(days: -90)
        self.progress = progress
        let limit = self.until
        exceptionsDue = progress.exceptions.filter { ($0.until.map { $0 <= limit }) ?? true }
        let active = inventory.services.filter(\.isActive).compactMap { service in
            assessments[service.slug].map { (service, $0) }
        }
        staleImages = active.compactMap { service, assessment in
            guard let age = assessment.image else {
                return service.baseImage == nil ? nil : Attention(slug: service.slug, service: service.name, detail: "no rebuild date")
            }
            return age.overLimit ? Attention(slug: service.slug, service: service.name, detail: "rebuilt \(age.days) days ago (\(age.day))") : nil
        }
        untestedRollbacks = active.compactMap { service, assessment in
            let detail: String
            switch assessment.rollbackPractice {
            case _ where service.rollback == nil: detail = "no rollback plan"
            case .never: detail = "never practised"
            case .practised(let age, let kind) where age.overLimit:
                detail = "last \(kind == .drill ? "practised" : "rolled back for real") \(age.days) days ago (\(age.day))"
            case .practised: return nil
            }
            return Attention(slug: service.slug, service: service.name, detail: detail)
        }
        unprovenRestores = active.compactMap { service, assessment in
            let detail: String
            switch assessment.restore {
            case .notNeeded: return nil
            case .noBackups(let store): detail = "runs \(store), no backups named"
            case .never: detail = "backups named, never restored"
            case .proven(let age) where age.overLimit: detail = "last restored \(age.days) days ago (\(age.day))"
            case .proven: return nil
            }
            return Attention(slug: service.slug, service: service.name, detail: detail)
        }
        trend = RolloutTrend(inventory, since: self.since)
        let window = self.since.days(until: today)
        previousTrend = RolloutTrend(inventory, since: self.since.adding(days: -window), before: self.since)
    }
}
