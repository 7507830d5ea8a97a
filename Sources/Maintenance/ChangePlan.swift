import Analysis
import Foundation
import Inventory

/// `shortpath plan`: the pre-window checklist for one service, as Markdown for a change ticket.
public struct ChangePlan {
    public var service: Service
    public var inventory: Inventory
    public var report: Report
    /// The version and image to deploy; default: the target's version, else staging's.
    public var toVersion: String?
    public var toImage: String?
    /// What the change touches (`version`, `config`, `image`, `schema`), as the team plans it.
    public var changes: [Rollout.Change]

    public init(service: Service, inventory: Inventory, report: Report, toVersion: String? = nil, toImage: String? = nil,
                changes: [Rollout.Change] = []) {
        self.service = service
        self.inventory = inventory
        self.report = report
        self.toVersion = toVersion
        self.toImage = toImage
        self.changes = changes
    }

    public func markdown() -> String {
        let today = report.today
        let live = service.environments.first { $0.name == "production" } ?? service.primaryEnvironment
        let staging = service.environments.first { $0.name == "staging" }
        let plannedVersion = toVersion ?? service.target?.version?.value ?? staging?.version?.value
        let plannedImage = toImage ?? staging?.image?.value
        var out = "# Change plan: \(service.name) (`\(service.slug)`)\n\n"
        out += "Prepared on \(today) from `\(service.file)`. Owner: \(service.owner?.value ?? MarkdownText.missing)"
        if let risk = service.risk { out += ". Risk: \(risk.rawValue)" }
        out += ".\n"
        if service.blocksUpdates { out += "\n> This service holds other services' updates back (`blocks_updates`).\n" }
        if !service.isActive { out += "\n> ⚠ This service is **retired**. Make sure a change is really meant.\n" }

        out += "\n## Live against planned\n\n"
        out += "| | now (\(live?.name ?? "production")) | planned |\n|---|---|---|\n"
        out += row("version", live?.version?.value, plannedVersion)
        out += row("image", live?.image?.value, plannedImage, code: true)
        // The digest is known ahead only when the planned image already runs somewhere.
        let plannedDigest: String?
        if plannedImage == nil || plannedImage == live?.image?.value {
            plannedDigest = live?.digest?.value
        } else if plannedImage == staging?.image?.value, let digest = staging?.digest?.value {
            plannedDigest = digest
        } else {
            plannedDigest = "unknown until built"
        }
        out += row("digest", live?.digest?.value, plannedDigest, code: plannedDigest?.hasPrefix("sha256:") == true)
        // A component held apart from its wave (a valid exception, or blocks_updates) is not
        // part of this change.
        let placings = report.overview.waves.placing(of: service.slug)
        var runtimeChanges: [String] = []
        for wanted in service.target?.components ?? [] {
            let now = service.component(wanted.name)?.version
            if let held = placings.first(where: { $0.wave.component == wanted.name })?.heldBack {
                out += "| \(wanted.name) | \(now.map(MarkdownText.cell) ?? "—") | \(now.map(MarkdownText.cell) ?? "—") (held apart: \(MarkdownText.cell(held.reason))) |\n"
                continue
            }
            out += row(wanted.name, now, wanted.version)
            if now != wanted.version { runtimeChanges.append("\(wanted.name) \(now ?? "none") → \(wanted.version)") }
        }
        var baseImageChange: String?
        if let image = service.target?.baseImage?.value {
            out += row("base image", service.baseImage?.value, image, code: true)
            if image != service.baseImage?.value { baseImageChange = "base image → \(image)" }
        }
        let newImage = plannedImage != nil && plannedImage != live?.image?.value
        if !newImage && (!runtimeChanges.isEmpty || baseImageChange != nil) {
            out += "\n> ⚠ **A new runtime or base image needs a new image**, but the plan deploys the image that runs now"
            out += " (\(MarkdownText.code(live?.image?.value ?? "none"))). Build one first and plan with `--image`.\n"
        }
        if let staging, let live, staging.name != live.name {
            out += "\n### \(staging.name) against \(live.name)\n\n"
            let differences = EnvironmentDifferences(service: service, a: live, b: staging).lines
            out += differences.isEmpty ? "\(staging.name) runs what \(live.name) runs.\n" : differences.map { "- \($0)\n" }.joined()
        }

        out += waves()
        out += NextMarkdown.couldShare(report.overview.startHere.groups(of: service.slug))

        let assessment = report.assessments[service.slug]
        out += "\n## Image age\n\n"
        if let age = assessment?.image {
            out += age.overLimit
                ? "- [ ] ⚠ **Rebuild the image first**: rebuilt \(age.days) days ago (\(age.day)); the policy allows \(age.limit).\n"
                : "- Rebuilt \(age.days) days ago (\(age.day)), within the \(age.limit) days the policy allows.\n"
        } else {
            out += "- [ ] ⚠ **No rebuild date**: find out how old the image is before the window.\n"
        }

        out += "\n## Rollback\n\n"
        let rollback = service.rollback
        if rollback == nil { out += "> ⚠ **No rollback plan is written down.** Write one before the window.\n\n" }
        // Rolling back this change means returning to what runs now.
        out += fact("Roll back to", Self.pinned(live), code: true)
        if let live, live.digest == nil, live.image?.reference.digest == nil {
            out += "  - ⚠ No digest is recorded for what runs now: record it before the window, or the rollback deploys whatever the tag points to then.\n"
        }
        if let live, let declared = live.digest?.value ?? live.image?.reference.digest,
           let observed = report.observed[service.slug]?[live.name], observed.digests.contains(where: { $0 != declared }) {
            out += "  - ⚠ **\(live.name) was observed running \(observed.digests.map(MarkdownText.code).joined(separator: " and "))**"
            out += " (\(observed.date?.description ?? "date unknown"), \(observed.file)), not the declared digest: find out which build runs before the window.\n"
        }
        out += fact("Command", rollback?.command?.value, code: true)
        out += fact("Config", "keep a copy of the config that runs now (\(live?.version?.value ?? "the current release")) to restore")
        if let config = rollback?.config?.value {
            out += "  - The inventory's recipe for the current release: \(MarkdownText.code(config))\n"
        }
        out += fact("Backups", rollback?.backups?.value, code: true)
        out += fact("Database", rollback?.database?.value)
        out += fact("Health check", rollback?.healthCheck?.value, code: true)
        if let command = rollback?.command?.value {
            out += "\n```sh\n\(command)\n```\n"
        }

        out += lessons()

        out += "\n## Before the window\n\n"
        out += "- [ ] Take a backup and restore it into a scratch environment (last restore proven: \(Self.restoreText(assessment?.restore)))\n"
        out += "- [ ] Rollback practised recently (last: \(Self.practiceText(assessment?.rollbackPractice)))\n"
        out += "- [ ] Dashboards open:\(service.links.isEmpty ? " " + MarkdownText.missing : "")\n"
        for link in service.links { out += "  - [\(link.name)](\(link.url))\n" }

        out += "\n## Stop point\n\n\(rollback?.stopPoint?.value ?? MarkdownText.missing)\n"
        if !service.signals.isEmpty { out += "\nSigns of trouble:\n\n" + service.signals.map { "- \($0)\n" }.joined() }
        out += "\n## Who decides\n\n"
        out += (rollback?.decides?.value ?? service.owner.map { "\($0.value) (the owner; no `decides` is written)" } ?? MarkdownText.missing) + " decides to continue or roll back.\n"

        var warnings: [String] = []
        let bumpsVersion = plannedVersion != nil && plannedVersion != live?.version?.value
        var kinds: [String] = []
        if bumpsVersion || changes.contains(.version) {
            kinds.append("app version \(live?.version?.value ?? "none") → \(plannedVersion ?? "new")")
        }
        if !runtimeChanges.isEmpty { kinds.append("runtime (\(runtimeChanges.joined(separator: ", ")))") }
        if let baseImageChange { kinds.append(baseImageChange) }
        if changes.contains(.config) { kinds.append("config") }
        if changes.contains(.schema) { kinds.append("database schema") }
        if kinds.count > 1 {
            warnings.append("This change does \(kinds.count) things at once: \(kinds.joined(separator: "; ")). If it fails, a rollback must undo all of them. Ship them in separate windows if you can.")
        }
        let mixedBefore = service.rollouts.filter { $0.changes.contains(.version) && $0.changes.contains(.config) }
        if !mixedBefore.isEmpty {
            warnings.append("\(counted(mixedBefore.count, "earlier rollout")) of this service mixed version and config changes.")
        }
        for finding in report.findings(for: service.slug) where finding.severity != .info {
            warnings.append("\(finding.message) (`\(finding.rule.rawValue)`): \(finding.hint).")
        }
        if !warnings.isEmpty {
            out += "\n## Warnings\n\n" + warnings.map { "- ⚠ \($0)\n" }.joined()
        }
        let timings = service.rollouts.compactMap(\.minutes)
        if let median = Statistics.median(timings) {
            out += "\nPast rollouts of this service took \(timings.count == 1 ? "" : "a median of ")\(median) minutes from start to stable.\n"
        }
        return out
    }

    /// Where the service stands in each component's next wave, and who goes before it.
    func waves() -> String {
        let placings = report.overview.waves.placing(of: service.slug)
        guard !placings.isEmpty else { return "" }
        var out = "\n## Upgrade waves\n\n"
        for placing in placings {
            let wave = placing.wave
            out += "- **\(wave.component) → \(wave.approved)**: "
            if let held = placing.heldBack {
                out += "held apart from the wave (\(held.reason)).\n"
            } else if let position = placing.position {
                out += "number \(position + 1) of \(wave.members.count) in the next wave, least risky first"
                let before = placing.before
                out += before.isEmpty
                    ? "; nobody goes before it.\n"
                    : ". Goes after: " + before.map { member in
                        let assessment = report.assessments[member.slug]
                        return "\(member.service) (`\(member.slug)`, \(member.riskText); rollback practised: "
                            + "\(Self.practiceText(assessment?.rollbackPractice)); restore proven: \(Self.restoreText(assessment?.restore)))"
                    }.joined(separator: ", ") + ".\n"
            }
            if !wave.done.isEmpty {
                out += "  Already on \(wave.approved): " + wave.done.map { "`\($0)`" }.joined(separator: ", ") + ".\n"
            }
        }
        return out
    }

    /// `image@digest` of what runs in an environment, or the tag alone when no digest is known.
    static func pinned(_ environment: Environment?) -> String? {
        guard let image = environment?.image else { return nil }
        if image.reference.digest != nil { return image.value }
        return environment?.digest.map { "\(image.value)@\($0.value)" } ?? image.value
    }

    /// `2026-11-05, 22 days ago`, `never`, or why there is nothing to restore.
    static func practiceText(_ practice: Practice?) -> String {
        guard case .practised(let age, let kind)? = practice else { return "never" }
        return "\(age.day), \(age.days) days ago\(kind == .realRollback ? " (a real rollback)" : "")\(age.overLimit ? ", over the policy's \(age.limit)" : "")"
    }

    static func restoreText(_ restore: Restore?) -> String {
        switch restore {
        case .proven(let age)?: "\(age.day), \(age.days) days ago\(age.overLimit ? ", over the policy's \(age.limit)" : "")"
        case .noBackups(let store)?: "never; it runs \(store) and names no backups"
        case .notNeeded?: "no data to restore"
        case .never?, nil: "never"
        }
    }

    /// The notes of the last rollouts, newest first.
    func lessons() -> String {
        let lessons = report.assessments[service.slug]?.lessons ?? []
        guard !lessons.isEmpty else { return "" }
        return "\n## Lessons from the last rollouts\n\n" + lessons.map { lesson in
            "- \(lesson.started) (\(lesson.outcome)\(lesson.to.map { ", to \($0)" } ?? "")): \(lesson.note)\n"
        }.joined()
    }

    private func row(_ label: String, _ now: String?, _ planned: String?, code: Bool = false) -> String {
        func show(_ value: String?) -> String {
            guard let value else { return "—" }
            return code ? MarkdownText.code(value) : MarkdownText.cell(value)
        }
        let change = planned != nil && planned != now ? " **(change)**" : ""
        return "| \(label) | \(show(now)) | \(show(planned ?? now))\(change) |\n"
    }

    private func fact(_ label: String, _ value: String?, code: Bool = false) -> String {
        guard let value else { return "- \(label): \(MarkdownText.missing)\n" }
        return "- \(label): \(code ? MarkdownText.code(value) : value)\n"
    }
}

/// What differs between two environments of a service, one line each.
struct EnvironmentDifferences {
    var service: Service
    var a: Environment
    var b: Environment

    var lines: [String] {
        var lines: [String] = []
        func compare(_ label: String, _ x: String?, _ y: String?) {
            if x != y { lines.append("\(label): \(x ?? "none") in \(a.name), \(y ?? "none") in \(b.name)") }
        }
        compare("version", a.version?.value, b.version?.value)
        compare("image", a.image?.value, b.image?.value)
        compare("digest", a.digest?.value, b.digest?.value)
        for name in service.componentNames(of: [a, b]) {
            compare(name, service.component(name, in: a)?.version, service.component(name, in: b)?.version)
        }
        compare("base image", service.baseImage(in: a)?.value, service.baseImage(in: b)?.value)
        return lines
    }
}
