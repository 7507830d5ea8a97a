import Analysis
import Foundation
import Inventory

/// `shortpath review`: the agenda for the standard's review, as Markdown.
public enum ReviewMarkdown {
    public static func render(_ agenda: ReviewAgenda) -> String {
        var out = "# Review of the standard\n\n"
        if let review = agenda.review {
            let days = review.daysLeft
            out += "Review date: **\(review.day)** (\(review.overdue ? "\(-days) days overdue" : days == 0 ? "today" : "in \(days) days")). "
        } else {
            out += "⚠ The standard has no review date. "
        }
        out += "Prepared on \(agenda.today); exceptions ending by \(agenda.until) and rollouts since \(agenda.since) are on the agenda.\n"

        out += "\n## Approved components\n\n| component | approved | conforming | lagging |\n|---|---|---|---|\n"
        for line in agenda.progress.components { out += row(line) }
        out += "\n## Approved base images\n\n"
        out += "\(agenda.progress.onApprovedImage) of \(agenda.progress.activeServices) active services run on an approved base image.\n\n"
        out += "| image | approved tag | conforming | on an older tag |\n|---|---|---|---|\n"
        for line in agenda.progress.images { out += row(line) }

        out += "\n## Exceptions to decide on\n\n"
        if agenda.exceptionsDue.isEmpty {
            out += "None ends before \(agenda.until).\n"
        } else {
            for due in agenda.exceptionsDue {
                let when: String
                switch due.daysLeft {
                case nil: when = "no end date"
                case let days? where days < 0: when = "**expired \(-days) days ago** (\(due.until!))"
                case let days?: when = "ends \(due.until!), in \(days) days"
                }
                out += "- [ ] \(due.service): \(due.component) \(due.version ?? "any version"), \(when)"
                if let reason = due.reason { out += ". Reason: \(reason)" }
                out += "\n"
            }
        }

        out += "\n## Stale images\n\n" + list(agenda.staleImages, none: "Every image was rebuilt within the policy.")
        out += "\n## Rollbacks not practised\n\n" + list(agenda.untestedRollbacks, none: "Every rollback was practised within the policy.")
        out += "\n## Restores not proven\n\n" + list(agenda.unprovenRestores, none: "Every service that holds data names backups and restored one within the policy.")

        out += "\n## Is the path getting shorter?\n\n"
        let trend = agenda.trend, before = agenda.previousTrend
        if let median = trend.median {
            out += "\(trend.timings.count) timed rollouts since \(agenda.since), median \(median) minutes from start to stable"
            let rolledBack = trend.timings.count(where: \.rolledBack)
            if rolledBack > 0 { out += ", \(rolledBack) rolled back" }
            out += ".\n"
            if let previous = before.median {
                let change = median - previous
                out += "The \(before.timings.count) rollouts of the period before had a median of \(previous) minutes: "
                out += change < 0 ? "\(-change) minutes shorter now.\n" : change == 0 ? "no change.\n" : "\(change) minutes longer now.\n"
            }
            if let slope = trend.slopePerMonth {
                out += "Trend: \(String(format: "%+.1f", slope)) minutes per month.\n"
            }
        } else {
            out += "No timed rollouts since \(agenda.since).\n"
        }
        return out
    }

    private static func row(_ line: StandardProgress.Line) -> String {
        let lagging = line.lagging.isEmpty ? "none" : line.lagging.map { "\($0.service) \(MarkdownText.code($0.version)) (\($0.gap))" }.joined(separator: "; ")
        return "| \(line.name) | \(MarkdownText.code(line.approved)) | \(line.conforming) of \(line.total) | \(MarkdownText.cell(lagging)) |\n"
    }

    private static func list(_ items: [ReviewAgenda.Attention], none: String) -> String {
        items.isEmpty ? none + "\n" : items.map { "- \($0.service): \($0.detail)\n" }.joined()
    }
}
