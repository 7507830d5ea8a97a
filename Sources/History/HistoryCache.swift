import Analysis
import Foundation
import Inventory

/// The history read for one commit at HEAD, kept in `<source>/.shortpath/history.json` (the
/// folder ignores itself in git) so that a build with no new commit reads no history again.
/// The points and changes do not depend on today, only the window cut from them does.
enum HistoryCache {
    /// Raised whenever what the history holds or how it is judged changes.
    static let format = 1

    static func load(_ file: URL, head: String, from: Day, today: Day) -> SiteHistory? {
        guard let data = try? Data(contentsOf: file), let stored = try? JSONDecoder().decode(Stored.self, from: data),
              stored.format == format, stored.head == head, stored.from <= from.ordinal,
              stored.today == today.ordinal || (!stored.skippedFuture && stored.today <= today.ordinal) else { return nil }
        let points = stored.points.filter { $0.d >= from.ordinal }.map(\.point)
        var timelines: [String: [TimelineEntry]] = [:]
        for (slug, entries) in stored.timelines {
            let kept = entries.filter { $0.d >= from.ordinal }.map(\.entry)
            if !kept.isEmpty { timelines[slug] = kept }
        }
        return SiteHistory(points: points, timelines: timelines)
    }

    /// Writes the cache beside the content; a folder that cannot be written keeps no cache.
    static func save(_ history: SiteHistory, to file: URL, head: String, from: Day, today: Day, skippedFuture: Bool) {
        let stored = Stored(format: format, head: head, from: from.ordinal, today: today.ordinal, skippedFuture: skippedFuture,
                            points: history.points.map(Stored.Point.init), timelines: history.timelines.mapValues { $0.map(Stored.Entry.init) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(stored) else { return }
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ignore = folder.appending(path: ".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) { try? Data("*\n".utf8).write(to: ignore) }
        // Written beside and renamed over, so a reader never sees half a file.
        let temporary = folder.appending(path: ".history.\(ProcessInfo.processInfo.processIdentifier).json")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// The file's shape: short keys, days as ordinals.
    struct Stored: Codable {
        var format: Int
        var head: String
        var from: Int
        var today: Int
        var skippedFuture: Bool
        var points: [Point]
        var timelines: [String: [Entry]]

        struct Point: Codable {
            var d: Int, c: String, s: String, g: String?
            var v: Values?

            init(_ point: HistoryPoint) {
                (d, c, s, g) = (point.day.ordinal, point.commit, point.subject, point.gap)
                v = point.values.map(Values.init)
            }

            var point: HistoryPoint { HistoryPoint(day: Day(ordinal: d), commit: c, subject: s, values: v?.values, gap: g) }
        }

        struct Values: Codable {
            var a: Int, o: Int, e: Int, w: Int, x: Int, b: Int
            var n: [String: Int]

            init(_ v: HistoryValues) {
                (a, o, e, w, x, b, n) = (v.activeServices, v.onStandardPath, v.errors, v.warnings, v.openExceptions, v.baseImages, v.versions)
            }

            var values: HistoryValues {
                HistoryValues(activeServices: a, onStandardPath: o, errors: e, warnings: w, openExceptions: x, baseImages: b, versions: n)
            }
        }

        struct Entry: Codable {
            var d: Int, c: String, s: String, r: String?
            var h: [Change]

            init(_ entry: TimelineEntry) {
                (d, c, s, r) = (entry.day.ordinal, entry.commit, entry.subject, entry.broken)
                h = entry.changes.map { Change(w: $0.what, f: $0.from, t: $0.to) }
            }

            var entry: TimelineEntry {
                TimelineEntry(day: Day(ordinal: d), commit: c, subject: s, changes: h.map { ServiceChange($0.w, from: $0.f, to: $0.t) }, broken: r)
            }
        }

        struct Change: Codable {
            var w: String, f: String?, t: String?
        }
    }
}
