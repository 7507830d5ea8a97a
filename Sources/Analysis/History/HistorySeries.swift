import Inventory

/// What the history from git holds for the pages and `shortpath history`: the points, each
/// service's changes, and a note when the history is off or partial.
public struct SiteHistory: Sendable, Equatable {
    /// Oldest first, one per day at most.
    public var points: [HistoryPoint]
    /// Each service's changes by slug, newest first.
    public var timelines: [String: [TimelineEntry]]
    /// Why the history is off or partial, in one line; nil when it is whole.
    public var note: String?
    /// The note is for the pages only: the history is off by choice, or nothing is wrong.
    public var quiet = false

    public init(points: [HistoryPoint] = [], timelines: [String: [TimelineEntry]] = [:], note: String? = nil) {
        self.points = points
        self.timelines = timelines
        self.note = note
    }

    /// The history was turned off or could not be read at all.
    public static func off(_ note: String?) -> SiteHistory { SiteHistory(note: note) }
}

/// One series of the history, with its current value and its change over 30 and 90 days.
public struct HistorySeries: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Distinct versions of a component in use.
        case versions(component: String)
        case onStandardPath, errors, warnings, openExceptions, baseImages
    }

    /// A change over a period: the value as of `days` days before the last point, and now.
    public struct Change: Sendable, Equatable {
        public var days: Int
        public var from: Int
        public var to: Int
        /// The series moved the way the standard path wants (fewer versions, more services on
        /// the path); nil when it did not move.
        public var better: Bool?
    }

    public var kind: Kind
    /// `node`, `services on the standard path`: what the series counts.
    public var name: String
    /// Per point, oldest first: nil at a gap.
    public var values: [(day: Day, value: Int?)]
    public var current: Int?
    /// Over 30 and 90 days; nil when the history does not reach that far back.
    public var changes: [Int: Change]

    public static func == (a: HistorySeries, b: HistorySeries) -> Bool {
        a.kind == b.kind && a.name == b.name && a.current == b.current && a.changes == b.changes
            && a.values.map(\.day) == b.values.map(\.day) && a.values.map(\.value) == b.values.map(\.value)
    }

    /// For the standard path, more is better; for everything else, fewer.
    public var higherIsBetter: Bool { kind == .onStandardPath }

    /// The periods the pages and `shortpath history` compare over.
    public static let periods = [30, 90]

    /// Every series of the points: a series of distinct versions for each component in
    /// `components` (the standard's, today), then the others. `today` is the day the changes are
    /// measured back from.
    public static func all(_ points: [HistoryPoint], components: [String], today: Day) -> [HistorySeries] {
        let kinds: [(Kind, String)] = components.map { (.versions(component: $0), $0) } + [
            (.onStandardPath, "services on the standard path"), (.errors, "errors"), (.warnings, "warnings"),
            (.openExceptions, "open exceptions"), (.baseImages, "distinct base images"),
        ]
        return kinds.map { kind, name in series(kind, name: name, points, today: today) }
    }

    static func series(_ kind: Kind, name: String, _ points: [HistoryPoint], today: Day) -> HistorySeries {
        let values = points.map { point in (day: point.day, value: point.values.map { value(kind, $0) }) }
        let measured = values.compactMap { entry in entry.value.map { (day: entry.day, value: $0) } }
        var series = HistorySeries(kind: kind, name: name, values: values, current: measured.last?.value, changes: [:])
        guard let current = measured.last else { return series }
        for days in periods {
            // The value as of `days` days ago: that of the last point on or before that day.
            let then = today.adding(days: -days)
            guard let before = measured.last(where: { $0.day <= then }) else { continue }
            let better: Bool? = before.value == current.value ? nil : (current.value > before.value) == series.higherIsBetter
            series.changes[days] = Change(days: days, from: before.value, to: current.value, better: better)
        }
        return series
    }

    public static func value(_ kind: Kind, _ values: HistoryValues) -> Int {
        switch kind {
        case .versions(let component): values.versions[component] ?? 0
        case .onStandardPath: values.onStandardPath
        case .errors: values.errors
        case .warnings: values.warnings
        case .openExceptions: values.openExceptions
        case .baseImages: values.baseImages
        }
    }
}
