import Analysis
import Inventory

/// `shortpath next`: the service that makes upgrades hardest, why, and the first narrow fix,
/// as Markdown for a ticket. The same story as "Start here" on the index and progress pages.
public struct NextMarkdown {
    public var inventory: Inventory
    public var report: Report

    public init(inventory: Inventory, report: Report) {
        self.inventory = inventory
        self.report = report
    }

    public func markdown() -> String {
        let startHere = report.overview.startHere
        guard let top = startHere.top, let service = inventory.services.first(where: { $0.slug == top.slug }) else {
            return "# Start here\n\nPrepared on \(report.today). " + Self.nothingToFix + "\n"
        }
        var out = "# Start here: \(service.name) (`\(service.slug)`)\n\n"
        out += "Prepared on \(report.today) from `\(service.file)`. Owner: \(service.owner?.value ?? MarkdownText.missing). "
        out += "Of the active services, this one makes upgrades hardest: a path cost of **\(top.points)**"
        out += " (the weights are `policy.path_weights` in `content/_index.md`).\n"

        out += "\n## Why\n\n"
        out += top.parts.map { "- \($0.reason) — *\($0.factor.title)*, \(counted($0.points, "point"))\n" }.joined()

        if let fix = startHere.firstFix {
            out += "\n## The first narrow fix\n\n"
            out += "Freeze one runtime version, one base image and one known-good rollback point, before anything else;"
            out += " the rollback point first, so each step can be undone:\n\n"
            out += Self.rollbackPoint(fix.rollbackPoint)
            out += Self.runtime(fix.runtime)
            if let image = fix.baseImage { out += Self.image(image) }
        }

        out += Self.couldShare(startHere.groups(of: service.slug))

        if !startHere.following.isEmpty {
            out += "\n## After it\n\n"
            for (index, cost) in startHere.following.enumerated() {
                out += "\(index + 1). \(cost.service) (`\(cost.slug)`), a path cost of \(cost.points): "
                out += cost.parts.map(\.reason).joined(separator: "; ") + ".\n"
            }
        }
        return out
    }

    /// The groups a service belongs to, as a section; nothing when it is in none. `plan` shows it too.
    static func couldShare(_ groups: [ShareGroup]) -> String {
        guard !groups.isEmpty else { return "" }
        return "\n## Could share now\n\n" + groups.map { "- \($0.summary)\n" }.joined()
    }

    static let nothingToFix = "Nothing makes upgrades harder right now: no service runs a version nobody else runs or a base image"
        + " outside the standard, every image is fresh, every rollback and restore is practised, and no rollout is slow."

    static func runtime(_ steps: [FirstFix.RuntimeStep]) -> String {
        guard !steps.isEmpty else { return "- [ ] Runtime: no component is written down: list what the service runs under `components`.\n" }
        var out = "- [ ] Runtime:\n"
        for step in steps {
            let now = "\(step.component) \(MarkdownText.code(step.now))"
            switch step.action {
            case .move(let approved):
                out += "  - move \(now) to **\(approved)**, the standard's version, and pin the exact release"
                if let until = step.exceptionEnded {
                    out += "; the exception that kept it ended on \(until)\(step.exceptionReason.map { " (\($0))" } ?? "")"
                }
                out += "\n"
            case .ahead(let approved):
                out += "  - keep \(now) pinned exactly: it is ahead of the standard's **\(approved)**; propose it at the standard's review\n"
            case .excepted(let until, let reason):
                out += "  - keep \(now) pinned exactly: an exception holds it\(until.map { " until \($0)" } ?? "")"
                out += "\(reason.map { " (\($0))" } ?? "")\n"
            case .keep:
                out += "  - keep \(now), on the standard: pin exactly this release\n"
            case .unnamed:
                out += "  - pin \(now) exactly; the standard does not name \(step.component)\n"
            }
        }
        return out
    }

    static func image(_ step: FirstFix.ImageStep) -> String {
        if step.done {
            return "- [ ] Base image: stay on \(MarkdownText.code(step.reference)), the approved `\(step.name)` image, and rebuild on it\n"
        }
        var out = "- [ ] Base image: build on \(MarkdownText.code(step.reference)), the approved `\(step.name)` image (\(step.why))"
        out += step.now.map { ", instead of \(MarkdownText.code($0))" } ?? ""
        return out + "\n"
    }

    static func rollbackPoint(_ point: FirstFix.RollbackPoint) -> String {
        guard let image = point.image else {
            return "- [ ] Rollback point: no image is written down for the primary environment: record what runs, with its digest\n"
        }
        var out = "- [ ] Rollback point: what runs in \(point.environment ?? "production") now, \(MarkdownText.code(image))"
        if !point.hasDigest { out += "; record its digest, or a rollback deploys whatever the tag points to then" }
        out += "; practise rolling back to it (last practised: "
        if case .practised(let age, _) = point.practice {
            out += "\(age.day), \(age.days) days ago)\n"
        } else {
            out += "never)\n"
        }
        return out
    }
}
