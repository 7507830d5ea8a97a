import Analysis
import Inventory
import Markdown

/// Optional keys are named uniquely across a page: Mustache looks a missing key up in the
/// enclosing contexts, so a nested `version` would otherwise find the service's.
///
/// `services/<slug>/index.html`: facts, environments side by side, target, exceptions,
/// findings, rollout timings, and the runbook.
enum ServicePage {
    static func view(_ service: Service, _ context: PageContext) -> View {
        var view = context.frame(title: service.name, depth: 2, section: "inventory")
        view.merge(InventoryPage.row(service, context)) { _, new in new }
        view["retired"] = !service.isActive
        view["note"] = service.note
        view["risk"] = service.risk?.rawValue
        view["file"] = service.file
        view["components"] = service.components.map { component(service, $0, context) }
        view["environments"] = EnvironmentTable.view(service, observed: context.report.observed[service.slug] ?? [:])
        view["target"] = target(service, context)
        view["exceptions"] = service.exceptions.map { exception($0, context) }
        view["findings"] = context.report.findings(for: service.slug).map(finding)
        WatchSection.add(service, to: &view)
        view["rollouts"] = RolloutTimings.view(service)
        view["lessons"] = RolloutLesson.of(service).map { lesson -> View in
            ["started": lesson.started.description, "outcome": lesson.outcome, "to": lesson.to ?? false, "note": lesson.note]
        }
        markLists(&view, ["exceptions", "findings", "lessons"])
        let body = service.body.trimmingSpaces
        view["runbook"] = body.isEmpty ? nil : Markdown.toHTML(service.body, rewriteLink: ContentLinks.rewriter(from: service.file, depth: 2))
        return view
    }

    static func component(_ service: Service, _ component: ComponentVersion, _ context: PageContext) -> View {
        let approved = context.inventory.standards.approvedVersion(of: component.name)?.version
        var view: View = ["name": component.name, "version": component.version]
        if let approved {
            view["approved"] = approved
            let standing = Version(component.version).flatMap { v in Version(approved).map { v.standing(against: $0) } }
            view["standing"] = standing?.rawValue ?? "unknown"
            view["conforms"] = standing == .conforms
        } else {
            view["unlisted"] = true
        }
        return view
    }

    static func target(_ service: Service, _ context: PageContext) -> View? {
        guard let target = service.target else { return nil }
        let current = service.components
        let rows: [View] = target.components.map { wanted in
            let now = current.first { $0.name == wanted.name }?.version
            let done = now.flatMap { Version($0) }.flatMap { v in Version(wanted.version).map { v.standing(against: $0) != .behind } } ?? false
            return ["name": wanted.name, "current": now ?? "none", "target": wanted.version, "done": done]
        }
        var view: View = ["components": rows]
        if let image = target.baseImage?.value {
            view["imageChange"] = ["current": service.baseImage?.value ?? "none", "target": image,
                                 "done": service.baseImage?.value == image] as View
        }
        if let version = target.version?.value {
            view["versionChange"] = ["current": service.primaryEnvironment?.version?.value ?? "none", "target": version] as View
        }
        return view
    }

    static func exception(_ exception: ServiceException, _ context: PageContext) -> View {
        var view: View = [
            "component": exception.component.value,
            "version": exception.version?.value ?? "any version",
            "reason": exception.reason ?? "no reason given",
            "approvedBy": exception.approvedBy ?? "nobody named",
        ]
        if let until = exception.until?.value {
            let left = context.report.today.days(until: until)
            view["until"] = until.description
            view["expired"] = left < 0
            view["left"] = left < 0 ? "expired \(-left) days ago" : left == 0 ? "expires today" : "\(left) days left"
        } else {
            view["left"] = "no end date"
            view["undated"] = true
        }
        return view
    }

    static func finding(_ finding: Finding) -> View {
        [
            "severity": finding.severity.rawValue,
            "rule": finding.rule.rawValue,
            "label": finding.rule.label,
            "message": finding.message,
            "hint": finding.hint,
            "file": finding.file,
            "line": finding.line,
            "column": finding.column,
        ]
    }
}

/// The environments side by side, one row per fact, with the cells that differ marked.
enum EnvironmentTable {
    static func view(_ service: Service, observed: [String: ObservedState]) -> View? {
        let environments = service.environments
        guard !environments.isEmpty else { return nil }
        var rows: [View] = []
        func add(_ label: String, _ values: [String?], title: [String?]? = nil, digest: Bool = false, mismatch: [Bool]? = nil) {
            let present = values.compactMap { $0 }
            guard !present.isEmpty else { return }
            let differs = mismatch == nil && environments.count > 1 && Set(values.map { $0 ?? "" }).count > 1
            let cells: [View] = values.enumerated().map { index, value in
                // Every key is always set: a key missing here would be looked up in every
                // enclosing context, which is most of a page's rendering time.
                let full = title?[index] ?? (digest ? value : nil)
                return ["text": value.map { digest ? Format.shortDigest($0) : $0 } ?? "—", "differs": differs,
                        "missing": value == nil, "title": full ?? false, "mismatch": mismatch?[index] ?? false]
            }
            rows.append(["label": label, "cells": cells, "differs": differs || (mismatch?.contains(true) ?? false)])
        }
        add("version", environments.map { $0.version?.value })
        add("image", environments.map { $0.image.map(Format.shortImage) }, title: environments.map { $0.image?.value })
        add("digest", environments.map { $0.digest?.value }, digest: true)
        add("deployed", environments.map { $0.deployed?.value.description })
        if !observed.isEmpty {
            let states = environments.map { observed[$0.name] }
            let runningImages = states.map { $0.map { $0.images.map(Format.shortImage).joined(separator: " + ") } }
            let imageMismatch = zip(environments, states).map { environment, state in
                guard let state, let declared = environment.image?.value else { return false }
                return state.images.contains { $0 != declared }
            }
            add("running image", runningImages, title: states.map { $0?.images.joined(separator: ", ") }, mismatch: imageMismatch)
            let runningDigests: [String?] = states.map { state in
                guard let state else { return nil }
                if state.source == .docker { return "not reported (docker gives a local image id)" }
                return state.digests.map(Format.shortDigest).joined(separator: " + ")
            }
            let digestMismatch = zip(environments, states).map { environment, state in
                guard let state, let declared = environment.digest?.value else { return false }
                return state.digests.contains { $0 != declared }
            }
            add("running digest", runningDigests, title: states.map { $0?.digests.joined(separator: ", ") }, mismatch: digestMismatch)
            add("verified", states.map { state in
                state.map { "\($0.date?.description ?? "date unknown"), \($0.instances) running, from \($0.source.rawValue)" } ?? "not observed"
            }, title: states.map { $0?.file }, mismatch: states.map { $0 == nil })
        }
        var names: [String] = service.components.map(\.name)
        for environment in environments {
            for component in environment.components where !names.contains(component.name) { names.append(component.name) }
        }
        for name in names {
            add(name, environments.map { env in
                (env.components.first { $0.name == name } ?? service.components.first { $0.name == name })?.version
            })
        }
        add("base image", environments.map { ($0.baseImage ?? service.baseImage).map(Format.shortImage) },
            title: environments.map { ($0.baseImage ?? service.baseImage)?.value })
        return ["names": environments.map { ["name": $0.name] as View }, "rows": rows,
                "drift": rows.contains { $0["differs"] as? Bool == true }]
    }
}

/// Each rollout's start-to-stable (or start-to-rollback) time, and the median.
enum RolloutTimings {
    static func view(_ service: Service) -> View? {
        guard !service.rollouts.isEmpty else { return nil }
        let items: [View] = service.rollouts.map { rollout in
            var item: View = [
                "started": rollout.started.description,
                "to": rollout.to ?? "",
                "changes": rollout.changes.map(\.rawValue).joined(separator: ", "),
                "note": rollout.note ?? "",
            ]
            item["outcome"] = rollout.outcomeText
            item["rolledBack"] = rollout.rolledBack
            item["duration"] = rollout.minutes.map { Format.duration(minutes: $0) } ?? "—"
            return item
        }
        let median = Statistics.median(service.rollouts.compactMap(\.minutes))
        let points = service.rollouts.compactMap { rollout -> Charts.Point? in
            guard let minutes = rollout.minutes else { return nil }
            return Charts.Point(day: rollout.started.day, minutes: minutes, rolledBack: rollout.rolledBack, label: rollout.started.description)
        }
        let chart = points.count >= 2 ? Charts.rolloutDurations(points, title: "Rollout duration of \(service.name)", height: 220) : nil
        return ["items": items, "median": median.map { Format.duration(minutes: $0) } ?? "—", "chart": chart ?? false]
    }
}
