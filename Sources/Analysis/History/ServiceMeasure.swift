import Inventory

/// What one service adds to the history's series on one day, judged by the same rules as a
/// build, and the first later day on which that could change without the file changing.
public struct ServiceMeasure: Sendable, Equatable {
    public var active: Bool
    public var onStandardPath: Bool
    public var errors: Int
    public var warnings: Int
    /// Exceptions of an active service not past their end.
    public var openExceptions: Int
    /// Component → the versions an active service runs (service-wide and per environment),
    /// each cut to the precision of the approved version (`node` approved as `22`: 20.11.1
    /// and 20.18.0 are both version 20).
    public var versions: [String: Set<String>]
    /// The base images an active service runs, as `repository:tag`.
    public var baseImages: Set<String>
    /// The first later day on which a rule that compares dates could judge the service
    /// differently; nil when none could. Until then the measure holds for any day.
    public var validUntil: Day?
}

/// The judge of one point of the history: the site's settings, standard, end-of-life data and
/// observed state as committed then. Each service is checked by `Analyzer.check`, the rules of
/// a build, with the policy's severity overrides of that point. A class: every measure of a
/// point reads it, and a copy of the site's files it holds retains each of their parts.
public final class HistoryJudge: Sendable {
    let site: Inventory
    let overrides: [Rule: Severity?]
    /// The days a rule comparing a date in the site's files with the day could turn, sorted.
    let siteTurns: [Int]
    let observed: ObservedRules.Index?
    let environments: Set<String>
    /// The standard and policy, parsed once; each measure sets its day.
    let context: RuleContext

    /// `site` holds the point's settings, standards, end-of-life data and observed state (its
    /// services are not used). Throws when the severity overrides name an unknown rule.
    public init(site: Inventory) throws(ContentErrors) {
        self.site = site
        overrides = try Analyzer.severityOverrides(site.settings)
        observed = site.observed.isEmpty ? nil : ObservedRules.Index(site.observed)
        environments = Set(site.observed.map(\.environment))
        context = RuleContext(standards: site.standards, policy: site.settings.policy, today: Day(ordinal: 0))
        let policy = site.settings.policy
        // The review is due the day after its date; end-of-life data goes stale the day after
        // its limit; a release warns from `eol_warning_days` before its end and errs from it.
        var turns: [Day] = site.standards.review.map { [$0.value.adding(days: 1)] } ?? []
        for product in site.eol.values {
            turns += product.fetched.map { [$0.value.adding(days: policy.eolStaleDays + 1)] } ?? []
            for cycle in product.cycles {
                if case .day(let day) = cycle.eol { turns += [day, day.adding(days: -policy.eolWarningDays)] }
            }
        }
        siteTurns = Set(turns.map(\.ordinal)).sorted()
    }

    /// The service on `day`.
    public func measure(_ service: Service, on day: Day) -> ServiceMeasure {
        var context = self.context
        context.today = day
        var own = Analyzer.check(service, site, context, words: false)
        if let observed, service.isActive { own += ObservedRules.check(service, observed, environments) }
        own = Analyzer.apply(overrides, to: own)
        var errors = 0, warnings = 0
        for finding in own {
            if finding.severity == .error { errors += 1 } else if finding.severity == .warning { warnings += 1 }
        }
        // On the standard path: no error and no warning (`ServiceStatus.onStandardPath`).
        var measure = ServiceMeasure(active: service.isActive, onStandardPath: service.isActive && errors == 0 && warnings == 0,
                                     errors: errors, warnings: warnings, openExceptions: 0, versions: [:], baseImages: [],
                                     validUntil: nextDateChange(service, after: day))
        guard service.isActive else { return measure }
        measure.openExceptions = service.exceptions.count { exception in exception.until.map { $0.value >= day } ?? true }
        for use in service.componentUses {
            measure.versions[use.component.name, default: []].insert(versionKey(use.component.name, use.component.version))
        }
        let images = [service.baseImage] + service.environments.map(\.baseImage)
        for image in images.compactMap({ $0?.reference }) { measure.baseImages.insert("\(image.repository):\(image.effectiveTag)") }
        return measure
    }

    /// The findings about the site as a whole on `day` (the review date, end-of-life data, what
    /// runs unlisted), as errors and warnings. `inventory` holds the point's services when
    /// observed state is committed (the unlisted workloads depend on them).
    public func siteCounts(_ inventory: Inventory, on day: Day) -> (errors: Int, warnings: Int) {
        var context = self.context
        context.today = day
        var findings = [ServiceRules.checkReview(context)].compactMap { $0 } + EOLRules.checkStale(site, context)
        if !inventory.observed.isEmpty { findings += ObservedRules.check(inventory).site }
        findings = Analyzer.apply(overrides, to: findings)
        return (findings.count { $0.severity == .error }, findings.count { $0.severity == .warning })
    }

    /// A version at the precision of the approved one: `20.11.1` against an approved `22` is
    /// `20`; a component the standard does not name, or a version that is not a number, as written.
    func versionKey(_ component: String, _ version: String) -> String {
        guard let approved = context.approvedVersions[component]?.version, let actual = Version(version) else { return version }
        var key = ""
        for (index, number) in actual.numbers.prefix(approved.numbers.count).enumerated() {
            if index > 0 { key += "." }
            key += String(number)
        }
        return key
    }

    /// The first day after `day` on which a rule comparing a date of the service or the site
    /// with the day could turn. A rule that compares another date must add it to `turns(of:)`
    /// (the history's tests compare each day of the example and each point of a story with a
    /// full analysis).
    func nextDateChange(_ service: Service, after day: Day) -> Day? {
        var next: Int?
        for turn in turns(of: service) where turn > day {
            if next.map({ turn.ordinal < $0 }) ?? true { next = turn.ordinal }
        }
        // The first site turn after the day, by binary search.
        var low = 0, high = siteTurns.count
        while low < high {
            let middle = (low + high) / 2
            if siteTurns[middle] > day.ordinal { high = middle } else { low = middle + 1 }
        }
        if low < siteTurns.count, next.map({ siteTurns[low] < $0 }) ?? true { next = siteTurns[low] }
        return next.map(Day.init(ordinal:))
    }

    /// The days the service's own date rules turn: its image goes stale and its rollback
    /// practice or restore test gets old the day after the limit (`Age.overLimit`), an
    /// exception has ended the day after `until`, and one with no approval date stops running
    /// longer than allowed on `until - exception_max_days`.
    func turns(of service: Service) -> [Day] {
        let policy = site.settings.policy
        var turns: [Day] = service.rebuilt.map { [$0.value.adding(days: policy.staleImageDays + 1)] } ?? []
        let practised = [service.rollback?.tested?.value, service.rollback?.restoreTested?.value].compactMap { $0 }
            + service.rollouts.filter(\.rolledBack).compactMap { $0.ended?.day }
        turns += practised.map { $0.adding(days: policy.rollbackTestDays + 1) }
        for exception in service.exceptions {
            guard let until = exception.until?.value else { continue }
            turns += [until.adding(days: 1), until.adding(days: -policy.exceptionMaxDays)]
        }
        return turns
    }
}
