import Inventory

/// component-behind, component-ahead, component-unapproved, and the exceptions that excuse them.
enum ComponentRules {
    static func check(_ service: Service, _ context: RuleContext, into sink: inout FindingSink) {
        var unapprovedReported: Set<String> = []
        for use in service.componentUses {
            let component = use.component
            guard let (approved, standing) = context.standing(of: component.name, component.version) else {
                if unapprovedReported.insert(component.name).inserted {
                    sink.add(.componentUnapproved, at: component,
                             "\(component.name) \(component.version)\(use.place) is not a component the standard names",
                             hint: "add \(component.name) to components in standards.md, or record why this service needs it")
                }
                continue
            }
            switch standing {
            case .conforms: continue
            case .ahead:
                sink.add(.componentAhead, at: component,
                         "\(component.name) \(component.version)\(use.place) is ahead of the approved \(approved)",
                         hint: "raise the approved \(component.name) in standards.md, or bring the service back to \(approved)")
            case .behind:
                if ExceptionRules.covering(component, in: service, context) != nil { continue }
                sink.add(.componentBehind, at: component,
                         "\(component.name) \(component.version)\(use.place) is behind the approved \(approved)",
                         hint: "upgrade \(component.name) to \(approved), or add a dated exception with a reason")
            }
        }
    }
}
