import Dispatch
import Foundation
import Inventory
import Parallel

/// The analysis of an inventory on a given day: every finding, each service's status, and
/// every judgement the pages and commands show.
public struct Report: Sendable {
    public var today: Day
    /// Sorted by file, line, column and rule.
    public var findings: [Finding]
    /// By slug, for every active service.
    public var statuses: [String: ServiceStatus]
    /// Each service's findings by slug, in the same order.
    public var findingsByService: [String: [Finding]]
    /// What the snapshots show per service slug and environment.
    public var observed: [String: [String: ObservedState]]
    /// What the analysis judged about each service, by slug.
    public var assessments: [String: ServiceAssessment]
    /// What it judged about the inventory as a whole.
    public var overview: SiteOverview
    /// What it judged across an organisation site's members; nil when the site names none.
    public var organisation: OrganisationOverview?

    public func findings(for slug: String) -> [Finding] { findingsByService[slug] ?? [] }
}

/// What the finding reports print (`shortpath check`, `findings.json`): the findings and each
/// active service's status as of `today`. A whole analysis (`Report`) holds them; `check`
/// asks for them alone (`Analyzer.findings`), without the site's judgements.
public protocol FindingsOutcome {
    var today: Day { get }
    /// Sorted by file, line, column and rule.
    var findings: [Finding] { get }
    /// By slug, for every active service.
    var statuses: [String: ServiceStatus] { get }
}

extension FindingsOutcome {
    public func count(_ severity: Severity) -> Int { findings.count { $0.severity == severity } }
}

extension Report: FindingsOutcome {}

/// The findings of an inventory without the rest of the analysis: what `check` prints.
public struct Findings: FindingsOutcome, Sendable {
    public var today: Day
    public var findings: [Finding]
    public var statuses: [String: ServiceStatus]
    /// Each service's findings by slug, in the same order.
    public var byService: [String: [Finding]]
    /// What it judged across an organisation site's members; nil when the site names none.
    public var organisation: OrganisationOverview?
}

/// Whether an active service is on the standard path, and if not, why.
public struct ServiceStatus: Sendable, Equatable {
    /// The rules behind each warning or error, most severe first, each once.
    public var reasons: [Rule]
    /// The severity of each reason, in the order of `reasons`.
    public var reasonSeverities: [Severity]
    public var errors: Int
    public var warnings: Int
    public var blocksUpdates: Bool

    public var onStandardPath: Bool { errors == 0 && warnings == 0 }

    /// The most severe finding that takes the service off the standard path; nil on it.
    public var worst: Severity? { errors > 0 ? .error : warnings > 0 ? .warning : nil }

    /// How soon the service needs a look: errors, then warnings, then services that hold others
    /// back, then the ones on the standard path.
    public var urgency: Urgency {
        errors > 0 ? .errors : warnings > 0 ? .warnings : blocksUpdates ? .blocksUpdates : .fine
    }

    public enum Urgency: Int, Sendable, Comparable, CaseIterable {
        case errors, warnings, blocksUpdates, fine
        public static func < (a: Urgency, b: Urgency) -> Bool { a.rawValue < b.rawValue }
    }

    /// The order a team scans the inventory in: by urgency; within it, by the number of
    /// errors, most first, then services that hold others back, then by the number of warnings.
    /// Nil when the two stand level.
    public static func scanOrder(_ a: ServiceStatus, _ b: ServiceStatus) -> Bool? {
        if a.urgency != b.urgency { return a.urgency < b.urgency }
        if a.errors != b.errors { return a.errors > b.errors }
        if a.blocksUpdates != b.blocksUpdates { return a.blocksUpdates }
        if a.warnings != b.warnings { return a.warnings > b.warnings }
        return nil
    }
}

/// Findings of services whose inputs did not change since an earlier analysis (`serve` keeps
/// one). A service's own rules are a pure function of the service and of the inputs the
/// keeper knows did not change.
public protocol FindingsMemory: Sendable {
    /// The service's own findings before severity overrides, when still valid.
    func findings(for service: Service) -> [Finding]?
    /// Keeps a service's own findings before severity overrides.
    func remember(_ findings: [Finding], for service: Service)
}

public enum Analyzer {
    /// Runs every rule and makes every judgement. A pure function of the inventory and `today`.
    /// The findings (and the upgrade waves, which need them, and the rollout judgements, to
    /// even out the two halves) and the judgements that do not need them are made at once, on
    /// two cores.
    public static func analyze(_ inventory: Inventory, today: Day, memory: (any FindingsMemory)? = nil) throws(ContentErrors) -> Report {
        let context = RuleContext(standards: inventory.standards, policy: inventory.settings.policy, today: today)
        let (result, judged) = Workers.both({ Result { () throws(ContentErrors) in
                                                let found = try findings(inventory, today: today, memory: memory)
                                                return (found, UpgradeWaves(inventory, statuses: found.statuses, context),
                                                        SiteOverview.Rollouts(inventory))
                                            } },
                                            { () -> (SiteOverview.Independent, [String: [String: ObservedState]]) in
                                                (SiteOverview.Independent(inventory, context), observedStates(inventory.services, inventory)) })
        let (found, waves, rollouts) = try result.get()
        let (independent, observed) = judged
        let assessments = independent.assessments
        let overview = SiteOverview(independent, rollouts: rollouts, waves: waves, inventory, context)
        return Report(today: today, findings: found.findings, statuses: found.statuses, findingsByService: found.byService,
                      observed: observed, assessments: assessments, overview: overview, organisation: found.organisation)
    }

    /// Runs every rule, and nothing else: the findings and statuses without the judgements the
    /// pages show (for `check`, which prints findings only).
    public static func findings(_ inventory: Inventory, today: Day, memory: (any FindingsMemory)? = nil) throws(ContentErrors) -> Findings {
        let overrides = try severityOverrides(inventory.settings)
        let context = RuleContext(standards: inventory.standards, policy: inventory.settings.policy, today: today)
        let services = inventory.services
        let observedRules = ObservedRules.check(inventory)
        // Each service is judged on its own, its findings sorted and its status made, so the
        // services are shared out over the cores; only the merge below runs on one.
        let perService = ConcurrentSlots<(findings: [Finding], status: ServiceStatus?)>(count: services.count)
        Workers.forEach(services.count) { index in
            let service = services[index]
            let checked: [Finding]
            if let known = memory?.findings(for: service) {
                checked = known
            } else {
                checked = check(service, inventory, context)
                memory?.remember(checked, for: service)
            }
            var own = apply(overrides, to: checked + (observedRules.byService[service.slug] ?? []))
            own.sort(by: Finding.ordered)
            perService[index] = (own, service.isActive ? status(of: service, own) : nil)
        }
        var findings: [Finding] = []
        var statuses: [String: ServiceStatus] = [:]
        var byService: [String: [Finding]] = [:]
        statuses.reserveCapacity(services.count)
        byService.reserveCapacity(services.count)
        var slots = perService.take()
        for index in slots.indices {
            let slug = services[index].slug
            let slot = slots[index].take()
            if let status = slot?.status { statuses[slug] = status }
            findings += slot?.findings ?? []
            byService[slug] = slot?.findings ?? []
        }
        let organisation = inventory.settings.members.isEmpty ? nil : OrganisationOverview(inventory, today: today)
        let siteWide = apply(overrides, to: [ServiceRules.checkReview(context)].compactMap { $0 } + observedRules.site
                                              + EOLRules.checkStale(inventory, context)
                                              + (organisation.map { MemberRules.check(inventory, $0, context) } ?? []))
        merge(siteWide, into: &findings)
        return Findings(today: today, findings: findings, statuses: statuses, byService: byService, organisation: organisation)
    }

    /// Just the given services' findings, statuses, judgements and observed state, for `serve`
    /// to render their pages before the whole site is analysed again. A service's page shows
    /// nothing that depends on other services, so these pages equal a full build's. The
    /// site-wide `overview` is the caller's, from its last whole analysis: a report of some
    /// services only is for those services' pages alone.
    public static func analyze(_ services: [Service], of inventory: Inventory, today: Day,
                               overview: SiteOverview) throws(ContentErrors) -> Report {
        let overrides = try severityOverrides(inventory.settings)
        let context = RuleContext(standards: inventory.standards, policy: inventory.settings.policy, today: today)
        var report = Report(today: today, findings: [], statuses: [:], findingsByService: [:],
                            observed: observedStates(services, inventory), assessments: [:], overview: overview)
        let index = inventory.observed.isEmpty ? nil : ObservedRules.Index(inventory.observed)
        let environments = Set(inventory.observed.map(\.environment))
        for service in services {
            var own = check(service, inventory, context)
            if let index, service.isActive { own += ObservedRules.check(service, index, environments) }
            own = apply(overrides, to: own)
            own.sort(by: Finding.ordered)
            if service.isActive { report.statuses[service.slug] = status(of: service, own) }
            report.findingsByService[service.slug] = own
            report.assessments[service.slug] = ServiceAssessment(service, context)
            report.findings += own
        }
        return report
    }

    /// What the snapshots show of each service, by slug and environment.
    static func observedStates(_ services: [Service], _ inventory: Inventory) -> [String: [String: ObservedState]] {
        guard !inventory.observed.isEmpty else { return [:] }
        let index = ObservedRules.Index(inventory.observed)
        var result: [String: [String: ObservedState]] = [:]
        for service in services { result[service.slug] = ObservedState.of(service, index) }
        return result
    }

    /// One service's findings before severity overrides. Retired services only learn that
    /// they still list environments.
    static func check(_ service: Service, _ inventory: Inventory, _ context: RuleContext, words: Bool = true) -> [Finding] {
        var sink = FindingSink(service, words: words)
        guard service.isActive else {
            ServiceRules.checkRetired(service, into: &sink)
            return sink.findings
        }
        ServiceRules.checkOwner(service, into: &sink)
        ServiceRules.checkProduction(service, into: &sink)
        ComponentRules.check(service, context, into: &sink)
        ExceptionRules.check(service, context, into: &sink)
        ImageRules.check(service, context, into: &sink)
        EnvironmentRules.check(service, context, into: &sink)
        RollbackRules.check(service, context, into: &sink)
        EOLRules.check(service, inventory, context, into: &sink)
        return sink.findings
    }

    static func status(of service: Service, _ findings: [Finding]) -> ServiceStatus {
        let serious = findings.filter { $0.severity != .info }
            .sorted { $0.severity != $1.severity ? $0.severity < $1.severity : $0.rule < $1.rule }
        var reasons: [Rule] = [], severities: [Severity] = []
        for finding in serious where !reasons.contains(finding.rule) {
            reasons.append(finding.rule)
            severities.append(finding.severity)
        }
        return ServiceStatus(reasons: reasons, reasonSeverities: severities, errors: serious.count { $0.severity == .error },
                             warnings: serious.count { $0.severity == .warning }, blocksUpdates: service.blocksUpdates)
    }

    /// `policy.severity` as rule → severity (nil: off); an unknown rule id is a content error.
    static func severityOverrides(_ settings: SiteSettings) throws(ContentErrors) -> [Rule: Severity?] {
        var overrides: [Rule: Severity?] = [:]
        var errors: [Diagnostic] = []
        for (id, level) in settings.policy.severity {
            guard let rule = Rule(rawValue: id) else {
                let suggestion = closestMatch(to: id, in: Rule.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                errors.append(Diagnostic(SourceLocation(file: settings.file, line: level.line, column: level.column),
                                         "unknown rule '\(id)' in policy.severity\(suggestion)"))
                continue
            }
            overrides[rule] = Severity(rawValue: level.value)
        }
        if !errors.isEmpty { throw ContentErrors(errors) }
        return overrides
    }

    /// Adds `extra` to `findings` and sorts them all as `Finding.ordered`, stably. The services'
    /// findings come in file order already (services are listed by file name), so the few
    /// site-wide ones are put in place instead of sorting and copying ten thousand others.
    static func merge(_ extra: [Finding], into findings: inout [Finding]) {
        let inOrder = findings.indices.dropFirst().allSatisfy { !Finding.ordered(findings[$0], findings[$0 - 1]) }
        guard inOrder else {
            findings += extra
            findings.sort(by: Finding.ordered)
            return
        }
        for finding in extra.sorted(by: Finding.ordered) {
            // After every finding it does not sort before, as a stable sort would leave it.
            var low = 0, high = findings.count
            while low < high {
                let middle = (low + high) / 2
                if Finding.ordered(finding, findings[middle]) { high = middle } else { low = middle + 1 }
            }
            findings.insert(finding, at: low)
        }
    }

    static func apply(_ overrides: [Rule: Severity?], to findings: [Finding]) -> [Finding] {
        guard !overrides.isEmpty else { return findings }
        return findings.compactMap { finding in
            guard let override = overrides[finding.rule] else { return finding }
            guard let severity = override else { return nil }
            var changed = finding
            changed.severity = severity
            return changed
        }
    }
}
