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
        let route = Route.service(service.slug)
        let assessment = context.assessment(of: service)
        var view = context.frame(title: service.name, route: route, section: "inventory")
        view.merge(InventoryPage.row(service, context, from: route)) { _, new in new }
        view["rollbackHref"] = route.link(to: .rollback(service.slug))
        view["retired"] = !service.isActive
        view["note"] = service.note
        view["risk"] = service.risk?.rawValue
        view["file"] = service.file
        view["components"] = assessment.components.map(component)
        view["environments"] = EnvironmentTable.view(service, observed: context.report.observed[service.slug] ?? [:])
        view["target"] = assessment.target.map(target)
        view["exceptions"] = assessment.exceptions.map(exception)
        view["findings"] = context.report.findings(for: service.slug).map(finding)
        WatchSection.add(service, to: &view)
        view["rollouts"] = RolloutTimings.view(service)
        view["lessons"] = assessment.lessons.map { lesson -> View in
            ["started": lesson.started.description, "outcome": lesson.outcome, "to": lesson.to ?? false, "note": lesson.note]
        }
        markLists(&view, ["exceptions", "findings", "lessons"])
        let body = service.body.trimmingSpaces
        view["runbook"] = body.isEmpty ? nil : Markdown.toHTML(service.body, rewriteLink: ContentLinks.rewriter(from: service.file, on: route))
        return view
    }

    static func component(_ component: ComponentStanding) -> View {
        var view: View = ["name": component.name, "version": component.version]
        if let approved = component.approved, let standing = component.standing {
            view["approved"] = approved
            view["standing"] = standing.rawValue
            view["conforms"] = component.conforms
        } else {
            view["unlisted"] = true
        }
        return view
    }

    static func target(_ target: TargetProgress) -> View {
        let rows: [View] = target.components.map { step in
            ["name": step.name, "current": step.current ?? "none", "target": step.target, "done": step.done]
        }
        var view: View = ["components": rows]
        if let image = target.baseImage {
            view["imageChange"] = ["current": image.current ?? "none", "target": image.target, "done": image.done] as View
        }
        if let version = target.version {
            view["versionChange"] = ["current": version.current ?? "none", "target": version.target] as View
        }
        return view
    }

    static func exception(_ term: ExceptionTerm) -> View {
        let exception = term.exception
        var view: View = [
            "component": exception.component.value,
            "version": exception.version?.value ?? "any version",
            "reason": exception.reason ?? "no reason given",
            "approvedBy": exception.approvedBy ?? "nobody named",
        ]
        if let until = exception.until?.value, let left = term.daysLeft {
            view["until"] = until.description
            view["expired"] = term.expired
            view["left"] = Format.daysLeft(left)
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
        for name in service.componentNames {
            add(name, environments.map { service.component(name, in: $0)?.version })
        }
        add("base image", environments.map { service.baseImage(in: $0).map(Format.shortImage) },
            title: environments.map { service.baseImage(in: $0)?.value })
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
