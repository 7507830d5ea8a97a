import Inventory

/// eol-reached, eol-soon, patch-available: component versions against endoflife.date data;
/// eol-data-stale: data fetched too long ago to trust.
enum EOLRules {
    /// The cycle a version belongs to: the one with the most numeric parts that are a prefix
    /// of the version (`22.11.1` → `22`, `3.12.7` → `3.12`).
    static func cycle(for version: String, in product: EOLProduct) -> EOLCycle? {
        guard let actual = Version(version) else { return nil }
        var best: (cycle: EOLCycle, parts: Int)?
        for cycle in product.cycles {
            guard let prefix = Version(cycle.cycle), prefix.numbers.count <= actual.numbers.count,
                  Array(actual.numbers.prefix(prefix.numbers.count)) == prefix.numbers else { continue }
            if prefix.numbers.count > (best?.parts ?? 0) { best = (cycle, prefix.numbers.count) }
        }
        return best?.cycle
    }

    static func check(_ service: Service, _ inventory: Inventory, _ context: RuleContext, into sink: inout FindingSink) {
        guard !inventory.eol.isEmpty else { return }
        for use in service.componentUses {
            let component = use.component
            guard let product = inventory.eolProduct(for: component.name),
                  let cycle = cycle(for: component.version, in: product) else { continue }
            let what = "\(component.name) \(component.version)\(use.place)"
            switch cycle.eol {
            case .yes:
                sink.add(.eolReached, at: component, "\(what) is past its end of life (\(product.product) \(cycle.cycle))",
                         hint: "upgrade \(component.name) to a supported release")
            case .day(let day) where day <= context.today:
                sink.add(.eolReached, at: component,
                         "\(what) reached its end of life on \(day) (\(product.product) \(cycle.cycle)), \(day.days(until: context.today)) days ago",
                         hint: "upgrade \(component.name) to a supported release")
            case .day(let day) where context.today.days(until: day) <= context.policy.eolWarningDays:
                sink.add(.eolSoon, at: component,
                         "\(what) reaches its end of life on \(day) (\(product.product) \(cycle.cycle)), in \(context.today.days(until: day)) days",
                         hint: "plan the upgrade of \(component.name) before \(day)")
            default:
                break
            }
            if let latest = cycle.latest, let newest = Version(latest), let running = Version(component.version), running < newest {
                let released = cycle.latestDate.map { " (released \($0))" } ?? ""
                sink.add(.patchAvailable, at: component, "\(what): \(latest)\(released) is the latest of the \(cycle.cycle) cycle",
                         hint: "pick up \(latest) at the next rebuild")
            }
        }
    }

    /// Site-wide: each file in `content/eol/` fetched more than `eol_stale_days` ago, or
    /// carrying no fetch date (endoflife.date's v0 format), pointing at its `fetched` date.
    static func checkStale(_ inventory: Inventory, _ context: RuleContext) -> [Finding] {
        let hint = "run shortpath eol update"
        return inventory.eol.values.sorted { $0.file < $1.file }.compactMap { product in
            guard let fetched = product.fetched else {
                return Finding(rule: .eolDataStale, service: nil, file: product.file, line: 1, column: 1,
                               message: "the end-of-life data for \(product.product) has no fetch date (endoflife.date's v0 format), so its age is unknown",
                               hint: "\(hint) to fetch it again in Shortpath's format, with its date")
            }
            let age = context.days(since: fetched.value)
            guard age > context.policy.eolStaleDays else { return nil }
            return Finding(rule: .eolDataStale, service: nil, file: product.file, line: fetched.line, column: fetched.column,
                           message: "the end-of-life data for \(product.product) was fetched on \(fetched.value), \(age) days ago (over the \(context.policy.eolStaleDays) days the policy allows)",
                           hint: hint)
        }
    }
}
