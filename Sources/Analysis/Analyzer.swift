import Dispatch
import Foundation
import Inventory

/// The analysis of an inventory on a given day: every finding, and each service's status.
public struct Report: Sendable {
    public var today: Day
    /// Sorted by file, line, column and rule.
    public var findings: [Finding]
    /// By slug, for every active service.
    public var statuses: [String: ServiceStatus]
    /// Each service's findings by slug, in the same order.
    public var findingsByService: [String: [Finding]]
    /// Each service's own findings before severity overrides (for reuse by `serve`).
    public var serviceFindings: [String: [Finding]] = [:]
    /// What the snapshots show per service slug and environment.
    public var observed: [String: [String: ObservedState]] = [:]

    public func findings(for slug: String) -> [Finding] { findingsByService[slug] ?? [] }

    public func count(_ severity: Severity) -> Int { findings.count { $0.severity == severity } }
}

/// Whether an active service is on the standard path, and if not, why.
public struct ServiceStatus: Sendable, Equatable {
    /// The rules behind each warning or error, most severe first, each once.
    public var reasons: [Rule]
    public var errors: Int
    public var warnings: Int
    public var blocksUpdates: Bool

    public var onStandardPath: Bool { errors == 0 && warnings == 0 }
}

public enum Analyzer {
    /// Runs every rule. A pure function of the inventory and `today`.
    /// `reuse` may hand back a service's findings from an earlier run (its per-service rules
    /// are a pure function of the service and of inputs the caller knows did not change).
    public static func analyze(_ inventory: Inventory, today: Day,
                               reuse: (@Sendable (Service) -> [Finding]?)? = nil) throws(ContentErrors) -> Report {
        let overrides = try severityOverrides(inventory.settings)
        let context = RuleContext(standards: inventory.standards, policy: inventory.settings.policy, today: today)
        let services = inventory.services
        // Each service is judged on its own, so the services are shared out over the cores.
        let perService = ConcurrentSlots<[Finding]>(count: services.count)
        Workers.forEach(services.count) { index in
            perService[index] = reuse?(services[index]) ?? check(services[index], inventory, context)
        }
        let observed = ObservedRules.check(inventory)
        var findings: [Finding] = []
        var statuses: [String: ServiceStatus] = [:]
        var byService: [String: [Finding]] = [:]
        for (index, service) in services.enumerated() {
            var own = apply(overrides, to: (perService[index] ?? []) + (observed.byService[service.slug] ?? []))
            own.sort(by: Finding.ordered)
            if service.isActive { statuses[service.slug] = status(of: service, own) }
            byService[service.slug] = own
            findings += own
        }
        findings += apply(overrides, to: [ServiceRules.checkReview(context)].compactMap { $0 } + observed.site)
        findings.sort(by: Finding.ordered)
        var report = Report(today: today, findings: findings, statuses: statuses, findingsByService: byService)
        for (index, service) in services.enumerated() { report.serviceFindings[service.slug] = perService[index] ?? [] }
        if !inventory.observed.isEmpty {
            let index = ObservedRules.Index(inventory.observed)
            for service in services { report.observed[service.slug] = ObservedState.of(service, index) }
        }
        return report
    }

    /// Just the given services' findings, statuses and observed state, for `serve` to render
    /// their pages before the whole site is analysed again. A service's page shows nothing
    /// that depends on other services, so these pages equal a full build's.
    public static func analyze(_ services: [Service], of inventory: Inventory, today: Day) throws(ContentErrors) -> Report {
        let overrides = try severityOverrides(inventory.settings)
        let context = RuleContext(standards: inventory.standards, policy: inventory.settings.policy, today: today)
        var report = Report(today: today, findings: [], statuses: [:], findingsByService: [:])
        let index = inventory.observed.isEmpty ? nil : ObservedRules.Index(inventory.observed)
        let environments = Set(inventory.observed.map(\.environment))
        for service in services {
            var own = check(service, inventory, context)
            if let index, service.isActive { own += ObservedRules.check(service, index, environments) }
            own = apply(overrides, to: own)
            own.sort(by: Finding.ordered)
            if service.isActive { report.statuses[service.slug] = status(of: service, own) }
            report.findingsByService[service.slug] = own
            report.findings += own
            if let index { report.observed[service.slug] = ObservedState.of(service, index) }
        }
        return report
    }

    /// One service's findings before severity overrides. Retired services only learn that
    /// they still list environments.
    static func check(_ service: Service, _ inventory: Inventory, _ context: RuleContext) -> [Finding] {
        var sink = FindingSink(service)
        guard service.isActive else {
            ServiceRules.checkRetired(service, into: &sink)
            return sink.findings
        }
        ServiceRules.checkOwner(service, into: &sink)
        ComponentRules.check(service, context, into: &sink)
        ExceptionRules.check(service, context, into: &sink)
        ImageRules.check(service, context, into: &sink)
        EnvironmentRules.check(service, context, into: &sink)
        RollbackRules.check(service, context, into: &sink)
        EOLRules.check(service, inventory, context, into: &sink)
        return sink.findings
    }

    static func status(of service: Service, _ findings: [Finding]) -> ServiceStatus {
        let serious = findings.filter { $0.severity != .info }.sorted { ($0.severity, $0.rule) < ($1.severity, $1.rule) }
        var reasons: [Rule] = []
        for finding in serious where !reasons.contains(finding.rule) { reasons.append(finding.rule) }
        return ServiceStatus(reasons: reasons, errors: serious.count { $0.severity == .error },
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

