import Analysis
import Inventory

/// `services/<slug>/rollback/index.html`: the one printable page for 2 a.m.
/// Missing facts are shown as missing, never left out.
enum RollbackPage {
    static func view(_ service: Service, _ context: PageContext) -> View {
        let route = Route.rollback(service.slug)
        var view = context.frame(title: "Roll back \(service.name)", route: route, section: "inventory")
        let today = context.report.today
        let assessment = context.assessment(of: service)
        view["serviceHref"] = route.link(to: .service(service.slug))
        let current = service.primaryEnvironment
        let rollback = service.rollback
        view["slug"] = service.slug
        view["name"] = service.name
        view["hasPlan"] = rollback != nil
        view["environment"] = current?.name ?? "production"
        // One key per fact, false when missing, so the template shows each fact or "missing".
        let facts: [String: String?] = [
            "currentVersion": current?.version?.value,
            "image": current?.image?.value,
            "digest": current?.digest?.value,
            "deployed": current?.deployed.map { "\($0.value) (\(Format.age($0.value.days(until: today))))" },
            "target": targetText(service),
            "command": rollback?.command?.value,
            "previousImage": rollback?.previousImage?.value,
            "config": rollback?.config?.value,
            "backups": rollback?.backups?.value,
            "database": rollback?.database?.value,
            "healthCheck": rollback?.healthCheck?.value,
            "stopPoint": rollback?.stopPoint?.value,
            "decides": rollback?.decides?.value ?? service.owner.map { "\($0.value) (owner; no 'decides' given)" },
        ]
        for (key, value) in facts { view[key] = value ?? false }
        WatchSection.add(service, to: &view)
        switch assessment.rollbackPractice {
        case .practised(let age, let kind):
            view["tested"] = "\(age.day) (\(Format.age(age.days))\(kind == .realRollback ? ", a real rollback" : ""))"
            if age.overLimit {
                view["testWarning"] = "Last practised \(age.days) days ago, longer than the \(age.limit) days the policy allows. Expect surprises."
            }
        case .never:
            view["testWarning"] = "This rollback has never been practised. Expect surprises and keep the owner on the line."
        }
        if let restored = rollback?.restoreTested?.value {
            view["restoreTested"] = "\(restored) (\(Format.age(restored.days(until: today))))"
        }
        switch assessment.restore {
        case .proven(let age) where age.overLimit:
            view["restoreWarning"] = "A backup was last restored \(age.days) days ago, longer than the \(age.limit) days the policy allows. Restore one into a scratch environment before relying on it."
        case .never:
            view["restoreWarning"] = "Backups are named but no restore was ever proven. Do not count on them until one has been restored."
        case .noBackups(let store):
            view["restoreWarning"] = "This service runs \(store) and names no backups. If the data is lost, nothing written here brings it back."
        case .proven, .notNeeded:
            break
        }
        return view
    }

    static func targetText(_ service: Service) -> String? {
        guard let target = service.target else { return nil }
        var parts = target.components.map { "\($0.name) \($0.version)" }
        if let version = target.version?.value { parts.insert("version \(version)", at: 0) }
        if let image = target.baseImage { parts.append("base image \(Format.shortImage(image))") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
