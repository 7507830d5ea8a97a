import Inventory

/// What every rule judges by: the standard, the policy and the day.
struct RuleContext {
    var standards: Standards
    var policy: Policy
    var today: Day

    func days(since day: Day) -> Int { day.days(until: today) }
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
