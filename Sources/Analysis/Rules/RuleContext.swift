import Inventory

/// What every rule judges by: the standard, the policy and the day.
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
    /// standard does not name the component. Versions that are not numbers conform only when
    /// written the same.
    func standing(of component: String, _ version: String) -> (approved: String, standing: Version.Standing)? {
        guard let approved = approvedVersions[component] else { return nil }
        guard let wanted = approved.version, let actual = Version(version) else {
            return (approved.text, version == approved.text ? .conforms : .behind)
        }
        return (approved.text, actual.standing(against: wanted))
    }
}

/// Every component version a service runs, with where it is set and in which environment
/// (nil for the service-wide value).
struct ComponentUse {
    var component: ComponentVersion
    var environment: String?

    var place: String { environment.map { " in \($0)" } ?? "" }

    static func all(in service: Service) -> [ComponentUse] {
        service.components.map { ComponentUse(component: $0, environment: nil) }
            + service.environments.flatMap { env in env.components.map { ComponentUse(component: $0, environment: env.name) } }
    }
}
