import Inventory

/// component-behind, component-ahead, component-unapproved, and the exceptions that excuse them.
enum ComponentRules {
    static func check(_ service: Service, _ context: RuleContext, into sink: inout FindingSink) {
        var unapprovedReported: Set<String> = []
        for use in ComponentUse.all(in: service) {
            let component = use.component
            guard let approved = context.standards.approvedVersion(of: component.name) else {
                if unapprovedReported.insert(component.name).inserted {
                    sink.add(.componentUnapproved, at: component,
                             "\(component.name) \(component.version)\(use.place) is not a component the standard names",
                             hint: "add \(component.name) to components in standards.md, or record why this service needs it")
                }
                continue
            }
            let standing = self.standing(component.version, against: approved.version)
            switch standing {
            case .conforms: continue
            case .ahead:
                sink.add(.componentAhead, at: component,
                         "\(component.name) \(component.version)\(use.place) is ahead of the approved \(approved.version)",
                         hint: "raise the approved \(component.name) in standards.md, or bring the service back to \(approved.version)")
            case .behind:
                if ExceptionRules.covering(component, in: service, context) != nil { continue }
                sink.add(.componentBehind, at: component,
                         "\(component.name) \(component.version)\(use.place) is behind the approved \(approved.version)",
                         hint: "upgrade \(component.name) to \(approved.version), or add a dated exception with a reason")
            }
        }
    }

    /// How a written version stands against an approved one; versions that are not numbers
    /// conform only when written the same.
    static func standing(_ version: String, against approved: String) -> Version.Standing {
        guard let actual = Version(version), let wanted = Version(approved) else {
            return version == approved ? .conforms : .behind
        }
        return actual.standing(against: wanted)
    }
}
