import Analysis
import Inventory
import Markdown

/// `services/<slug>/rollback/index.html`: the one printable page for 2 a.m., a numbered
/// procedure in the order a person acts: decide, roll back, restore config, data, check.
/// Missing facts are shown as missing, never left out.
enum RollbackPage {
    static func view(_ service: Service, _ context: PageContext) -> View {
        let route = Route.rollback(service.slug)
        var view = context.frame(title: "Roll back \(service.name)", route: route, section: "inventory")
        let today = context.report.today
        let assessment = context.assessment(of: service)
        let current = service.production ?? service.primaryEnvironment
        let rollback = service.rollback
        view["serviceHref"] = route.link(to: .service(service.slug))
        view["slug"] = service.slug
        view["name"] = service.name
        view["hasPlan"] = rollback != nil
        view["environment"] = current?.name ?? "production"
        let declared = current?.digest?.value ?? current?.image?.reference.digest
        // One key per fact, false when missing, so the template shows each fact or "missing".
        let facts: [String: String?] = [
            "currentVersion": current?.version?.value,
            "image": current?.image?.value,
            "digest": declared,
            "deployed": current?.deployed.map { "\($0.value) (\(Format.age($0.value.days(until: today))))" },
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
        // What runs against what the inventory declares: both, when they differ.
        view["observedDigest"] = false
        if let current, let state = context.report.observed[service.slug]?[current.name], let declared,
           state.digests.contains(where: { $0 != declared }) {
            view["observedDigest"] = [
                "digests": state.digests.joined(separator: ", "),
                "when": state.date?.description ?? "date unknown",
                "file": state.file,
            ] as View
        }
        view["targetUnpinned"] = rollback?.previousImage.map { $0.reference.digest == nil } ?? false
        view["lessons"] = assessment.lessons.map { lesson -> View in
            ["started": lesson.started.description, "outcome": lesson.outcome, "to": lesson.to ?? false, "note": lesson.note]
        }
        markLists(&view, ["lessons"])
        view["runbookRollback"] = RunbookSection.rollback(in: service.body).map {
            Markdown.toHTML($0, rewriteLink: ContentLinks.rewriter(from: service.file, on: route))
        } ?? false
        WatchSection.add(service, to: &view)
        // The stop point is step 1 here; the watch section does not repeat it.
        view["watchInProcedure"] = true
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
}
