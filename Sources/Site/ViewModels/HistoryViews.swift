import Analysis
import Inventory
import Templates

/// The progress page's history from git: a small chart per series with its current value and
/// its change over 30 and 90 days in words, the gaps, and the note when the history is off.
struct HistorySection: Sendable {
    var note: String?
    var series: [HistorySeries]
    var gaps: [HistoryPoint]
    var points: Int
    var first: Day?
    var last: Day?

    init(_ history: SiteHistory, components: [String], today: Day) {
        note = history.note
        series = history.points.isEmpty ? [] : HistorySeries.all(history.points, components: components, today: today)
        gaps = history.points.filter { $0.values == nil }
        points = history.points.count
        first = history.points.first?.day
        last = history.points.last?.day
    }

    static let shape = ViewShape<HistorySection>("the history", [
        .optionalText("note") { $0.note },
        .flag("has_series") { !$0.series.isEmpty },
        .text("pointCount") { counted($0.points, "day") },
        .text("firstDay") { $0.first?.description ?? "" },
        .text("lastDay") { $0.last?.description ?? "" },
        .list("series", seriesShape) { $0.series },
        .list("gaps", gapShape) { $0.gaps },
        .flag("has_gaps") { !$0.gaps.isEmpty },
    ])

    static let seriesShape = ViewShape<HistorySeries>("a series", [
        .text("name") { $0.name },
        .text("current") { series in series.current.map { HistoryWords.value($0, series) } ?? "no value" },
        .html("chart") { Charts.line($0.values.map { ($0.day, $0.value) }, title: "\($0.name) over time") },
        .list("changes", changeShape) { series in HistorySeries.periods.map { Period(series: series, days: $0) } },
    ])

    /// A series over one of the periods.
    struct Period: Sendable {
        var series: HistorySeries
        var days: Int
    }

    static let changeShape = ViewShape<Period>("a change over a period", [
        .text("text") { HistoryWords.change($0.series, days: $0.days) },
        .text("direction") { period in
            guard let change = period.series.changes[period.days], let better = change.better else { return "same" }
            return better ? "better" : "worse"
        },
    ])

    static let gapShape = ViewShape<HistoryPoint>("a gap", [
        .text("day") { $0.day.description },
        .text("commit") { String($0.commit.prefix(10)) },
        .text("subject") { $0.subject },
        .text("reason") { $0.gap ?? "" },
    ])
}

/// The history in words: `node: 3 versions → 1 in 90 days`.
enum HistoryWords {
    static func value(_ value: Int, _ series: HistorySeries) -> String {
        if case .versions = series.kind { return counted(value, "version") }
        return "\(value)"
    }

    static func change(_ series: HistorySeries, days: Int) -> String {
        guard let change = series.changes[days] else { return "\(series.name): no history \(days) days back" }
        let from: String
        if case .versions = series.kind { from = counted(change.from, "version") } else { from = "\(change.from)" }
        guard change.better != nil else { return "\(series.name): \(from), unchanged in \(days) days" }
        return "\(series.name): \(from) → \(change.to) in \(days) days"
    }
}

/// A service's changes from git, newest first, on its page.
enum TimelineView {
    static let entryShape = ViewShape<TimelineEntry>("a change from git", [
        .text("day") { $0.day.description },
        .text("commit") { String($0.commit.prefix(10)) },
        .text("subject") { $0.subject },
        .list("changes", changeShape) { $0.changes },
        .optionalText("broken") { $0.broken },
    ])

    static let changeShape = ViewShape<ServiceChange>("a change", [
        .text("text") { text($0) },
        .text("kind") { $0.kind.rawValue },
    ])

    /// `production version 1.14.1 → 1.14.2`, `exception added: postgres 15 until 2027-01-31`.
    static func text(_ change: ServiceChange) -> String {
        switch (change.what, change.kind) {
        case ("service", .added): "added to the inventory as \(change.to ?? "")"
        case ("service", .removed): "removed from the inventory"
        case ("exception", .added): "exception added: \(change.to ?? "")"
        case ("exception", .removed): "exception ended: \(change.from ?? "")"
        case (_, .added): "\(change.what) set to \(change.to ?? "")"
        case (_, .removed): "\(change.what) \(change.from ?? "") removed"
        case (_, .changed): "\(change.what) \(change.from ?? "") → \(change.to ?? "")"
        }
    }
}
