import Inventory

/// member-unavailable, member-unreadable, member-stale, member-eol-reached: an organisation
/// site's findings about its members, at each member's entry in `_index.md`.
enum MemberRules {
    static func check(_ inventory: Inventory, _ overview: OrganisationOverview, _ context: RuleContext) -> [Finding] {
        let file = inventory.settings.file
        var findings: [Finding] = []
        func add(_ rule: Rule, _ member: MemberEntry, _ message: String, hint: String) {
            findings.append(Finding(rule: rule, service: nil, file: file, line: member.line, column: member.column, message: message, hint: hint))
        }
        for standing in overview.members {
            let snapshot = standing.snapshot, member = snapshot.entry
            guard let site = snapshot.site else {
                add(.memberUnavailable, member, "member \(member.name) could not be read (\(snapshot.problem ?? "no data")) and no earlier copy is kept",
                    hint: "check that its inventory.json and findings.json are published where url or path says")
                continue
            }
            let age = standing.age ?? 0
            if let problem = snapshot.problem {
                let read = snapshot.fetched.map { ", read on \($0)" } ?? ""
                add(.memberUnreadable, member, "member \(member.name) could not be read (\(problem)); showing the last good copy, built on \(site.built)\(read)",
                    hint: "check that its site is published and answers")
            }
            if standing.overLimit {
                add(.memberStale, member,
                    "member \(member.name)'s data was built on \(site.built), \(age) days ago (over the \(context.policy.memberStaleDays) days the policy allows)",
                    hint: "have the team publish its site again (its CI builds it on every merge), or raise member_stale_days")
            }
            endOfLife(snapshot, site, inventory, context, add: add)
        }
        return findings
    }

    /// Components a member's services run past their end of life: judged against the
    /// organisation's own end-of-life data where it has some for the component, else as the
    /// member reported it (its own eol-reached findings).
    static func endOfLife(_ snapshot: MemberSnapshot, _ site: MemberSite, _ inventory: Inventory, _ context: RuleContext,
                          add: (Rule, MemberEntry, String, String) -> Void) {
        let member = snapshot.entry
        let hint = "ask \(member.team) to upgrade; the service's page on its site has the details"
        var judged: Set<String> = []
        for service in site.services where service.isActive {
            for component in service.runningComponents {
                guard let product = inventory.eolProduct(for: component.name) else { continue }
                judged.insert(service.slug ?? service.name)
                guard let cycle = EOLRules.cycle(for: component.version, in: product) else { continue }
                let what = "member \(member.name): \(service.name) runs \(component.name) \(component.version)"
                switch cycle.eol {
                case .yes:
                    add(.memberEOLReached, member, "\(what), past its end of life (\(product.product) \(cycle.cycle))", hint)
                case .day(let day) where day <= context.today:
                    add(.memberEOLReached, member, "\(what), which reached its end of life on \(day) (\(product.product) \(cycle.cycle))", hint)
                default:
                    break
                }
            }
        }
        for finding in site.findings where finding.rule == Rule.eolReached.rawValue && !judged.contains(finding.service ?? "") {
            add(.memberEOLReached, member, "member \(member.name) reports: \(finding.message)", hint)
        }
    }
}
