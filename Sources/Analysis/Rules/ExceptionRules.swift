import Inventory

/// exception-expired, exception-undated, exception-unused.
enum ExceptionRules {
    /// The exception that excuses this component version today, if any: same component, a
    /// version that covers it, and not expired.
    static func covering(_ component: ComponentVersion, in service: Service, _ context: RuleContext) -> ServiceException? {
        service.exceptions.first { exception in
            guard exception.component.value == component.name else { return false }
            if let until = exception.until, until.value < context.today { return false }
            guard let excepted = exception.version?.value else { return true }
            guard let actual = Version(component.version), let prefix = Version(excepted) else {
                return component.version == excepted
            }
            return actual.isWithin(prefix)
        }
    }

    static func check(_ service: Service, _ context: RuleContext, into sink: inout FindingSink) {
        let uses = service.componentUses
        for exception in service.exceptions {
            let name = exception.component.value
            let what = "the exception for \(name)\(exception.version.map { " \($0.value)" } ?? "")"
            if let until = exception.until {
                if until.value < context.today {
                    sink.add(.exceptionExpired, at: until,
                             "\(what) expired on \(until.value), \(context.days(since: until.value)) days ago",
                             hint: "upgrade \(name), or renew the exception with a new date, reason and approver")
                    continue
                }
                let start = exception.approved?.value ?? context.today
                let length = start.days(until: until.value)
                if length > context.policy.exceptionMaxDays {
                    let from = exception.approved == nil ? "from today" : "from its approval on \(start)"
                    sink.add(.exceptionUndated, at: until,
                             "\(what) runs \(length) days \(from), longer than the \(context.policy.exceptionMaxDays) days the policy allows",
                             hint: "set 'until' within \(context.policy.exceptionMaxDays) days and review it then")
                }
            } else {
                sink.add(.exceptionUndated, line: exception.line, column: exception.column,
                         "\(what) has no 'until' date", hint: "give the exception an 'until' date so it is reviewed")
            }
            let runs = uses.filter { $0.component.name == name }
            if runs.isEmpty {
                sink.add(.exceptionUnused, at: exception.component, "\(what) covers a component the service does not list",
                         hint: "remove the exception, or list \(name) under components")
                continue
            }
            let stillNeeded = runs.contains { use in
                guard let (_, standing) = context.standing(of: name, use.component.version) else { return true }
                return standing == .behind && covering(use.component, in: service, context) != nil
            }
            if !stillNeeded {
                let versions = runs.map(\.component.version).joined(separator: ", ")
                sink.add(.exceptionUnused, at: exception.component,
                         "\(what) is no longer needed: \(name) runs \(versions)",
                         hint: "remove the exception from the service file")
            }
        }
    }
}
