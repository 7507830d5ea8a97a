import Inventory

/// eol-reached, eol-soon, patch-available: component versions against endoflife.date data.
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
                sink.add(.patchAvailable, at: component, "\(what): \(latest) is the latest of the \(cycle.cycle) cycle",
                         hint: "pick up \(latest) at the next rebuild")
            }
        }
    }
}
