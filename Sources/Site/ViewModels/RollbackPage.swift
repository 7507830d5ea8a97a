import Analysis
import Inventory

/// `services/<slug>/rollback/index.html`: the one printable page for 2 a.m.
/// Missing facts are shown as missing, never left out.
enum RollbackPage {
    static func view(_ service: Service, _ context: PageContext) -> View {
        var view = context.frame(title: "Roll back \(service.name)", depth: 3, section: "inventory")
        let today = context.report.today
        let current = service.primaryEnvironment
        let rollback = service.rollback
        view["slug"] = service.slug
        view["name"] = service.name
        view["hasPlan"] = rollback != nil
        view["environment"] = current?.name ?? "production"
        view["facts"] = [
            fact("Current version", current?.version?.value),
            fact("Image", current?.image?.value, code: true),
            fact("Digest", current?.digest?.value, code: true),
            fact("Deployed", current?.deployed.map { "\($0.value) (\(Format.age($0.value.days(until: today))))" }),
            fact("Target", targetText(service)),
        ]
        view["command"] = rollback?.command?.value
        view["steps"] = [
            fact("Previous image", rollback?.previousImage?.value, code: true),
            fact("Config to restore", rollback?.config?.value, code: true),
            fact("Backups", rollback?.backups?.value, code: true),
            fact("Database", rollback?.database?.value),
            fact("Health check", rollback?.healthCheck?.value, code: true),
            fact("Stop point", rollback?.stopPoint?.value),
            fact("Who decides", rollback?.decides?.value ?? service.owner.map { "\($0.value) (owner; no 'decides' given)" }),
        ]
        WatchSection.add(service, to: &view)
        let limit = context.inventory.settings.policy.rollbackTestDays
        if let tested = rollback?.tested?.value {
            let days = tested.days(until: today)
            view["tested"] = "\(tested) (\(Format.age(days)))"
            if days > limit { view["testWarning"] = "Last practised \(days) days ago, longer than the \(limit) days the policy allows. Expect surprises." }
        } else {
            view["testWarning"] = "This rollback has never been practised. Expect surprises and keep the owner on the line."
        }
        if let restored = rollback?.restoreTested?.value {
            let days = restored.days(until: today)
            view["restoreTested"] = "\(restored) (\(Format.age(days)))"
            if rollback?.backups != nil, days > limit {
                view["restoreWarning"] = "A backup was last restored \(days) days ago, longer than the \(limit) days the policy allows. Restore one into a scratch environment before relying on it."
            }
        } else if rollback?.backups != nil {
            view["restoreWarning"] = "Backups are named but no restore was ever proven. Do not count on them until one has been restored."
        }
        return view
    }

    static func fact(_ label: String, _ value: String?, code: Bool = false) -> View {
        ["label": label, "value": value ?? "", "missing": value == nil, "code": code && value != nil]
    }

    static func targetText(_ service: Service) -> String? {
        guard let target = service.target else { return nil }
        var parts = target.components.map { "\($0.name) \($0.version)" }
        if let version = target.version?.value { parts.insert("version \(version)", at: 0) }
        if let image = target.baseImage?.value { parts.append("base image \(Format.shortImage(image))") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
