import Inventory

/// What every rule and judgement goes by: the standard, the policy and the day.
struct RuleContext {
    var standards: Standards
    var policy: Policy
    var today: Day
    /// The standard's versions and images, parsed once rather than for every service.
    var approvedVersions: [String: (text: String, version: Version?)] = [:]
    var approvedImages: [(name: String, reference: ImageReference)] = []

    init(standards: Standards, policy: Policy, today: Day) {
        self.standards = standards
        self.policy = policy
        self.today = today
        for component in standards.components where approvedVersions[component.name] == nil {
            approvedVersions[component.name] = (component.version, Version(component.version))
        }
        approvedImages = standards.images.compactMap { entry in
            (try? ImageReference(parsing: entry.value.reference)).map { (entry.value.name, $0) }
        }
    }

    func days(since day: Day) -> Int { day.days(until: today) }

    /// How a written version stands against the approved one for its component; nil when the
    /// standard does not name the component.
    func standing(of component: String, _ version: String) -> (approved: String, standing: Version.Standing)? {
        guard let approved = approvedVersions[component] else { return nil }
        guard let wanted = approved.version, let actual = Version(version) else {
            return (approved.text, version == approved.text ? .conforms : .behind)
        }
        return (approved.text, actual.standing(against: wanted))
    }

    /// How `version` stands against `wanted`. Versions that are not numbers conform only when
    /// written the same.
    static func standing(of version: String, against wanted: String) -> Version.Standing {
        guard let actual = Version(version), let target = Version(wanted) else { return version == wanted ? .conforms : .behind }
        return actual.standing(against: target)
    }

    /// A date against the days the policy allows.
    func age(of day: Day, limit: Int) -> Age { Age(day: day, days: days(since: day), limit: limit) }

    /// When the service's rollback was last practised: a drill, or a real rollback.
    func practice(of service: Service) -> Practice {
        let drill = service.rollback?.tested?.value
        let real = service.rollouts.filter(\.rolledBack).compactMap { $0.ended?.day }.max()
        switch (drill, real) {
        case (nil, nil): return .never
        case (let day?, nil): return .practised(age(of: day, limit: policy.rollbackTestDays), .drill)
        case (nil, let day?): return .practised(age(of: day, limit: policy.rollbackTestDays), .realRollback)
        case (let d?, let r?):
            return r > d ? .practised(age(of: r, limit: policy.rollbackTestDays), .realRollback)
                         : .practised(age(of: d, limit: policy.rollbackTestDays), .drill)
        }
    }

    /// Whether the service's data can come back.
    func restore(of service: Service) -> Restore {
        guard let rollback = service.rollback, rollback.backups != nil else {
            return dataStore(of: service).map { .noBackups(store: $0.component.name) } ?? .notNeeded
        }
        guard let restored = rollback.restoreTested?.value else { return .never }
        return .proven(age(of: restored, limit: policy.rollbackTestDays))
    }

    /// The first data store the service runs (a component `policy.data_components` names).
    func dataStore(of service: Service) -> ComponentUse? {
        service.componentUses.first { policy.dataComponents.contains($0.component.name) }
    }
}
