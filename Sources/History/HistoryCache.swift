import Analysis
import Foundation
import Inventory

/// The history read for one commit at HEAD, kept in `<source>/.shortpath/history.bin` (the
/// folder ignores itself in git) so that a build with no new commit reads no history again.
/// The points and changes do not depend on today, only the window cut from them does.
/// A file that does not read whole (truncated, damaged, another format) is read from git again.
enum HistoryCache {
    /// Raised whenever what the history holds or how it is judged changes.
    static let format = 2
    /// The file's first bytes, then `format`.
    static let magic = Array("shortpath history\n".utf8)
    static let end = Array("end\n".utf8)

    static func load(_ file: URL, head: String, from: Day, today: Day) -> SiteHistory? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return try? decode(Array(data), head: head, from: from, today: today)
    }

    /// Writes the cache beside the content; a folder that cannot be written keeps no cache.
    static func save(_ history: SiteHistory, to file: URL, head: String, from: Day, today: Day, skippedFuture: Bool) {
        let data = Data(encode(history, head: head, from: from, today: today, skippedFuture: skippedFuture))
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ignore = folder.appending(path: ".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) { try? Data("*\n".utf8).write(to: ignore) }
        // Written beside and renamed over, so a reader never sees half a file.
        let temporary = folder.appending(path: ".history.\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
            // The JSON cache of earlier versions, which nothing reads any more.
            try? FileManager.default.removeItem(at: folder.appending(path: "history.json"))
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// The file: the key (HEAD, the window, today), the commits the points and changes name
    /// (each id and subject once), the points, then each service's changes by slug.
    static func encode(_ history: SiteHistory, head: String, from: Day, today: Day, skippedFuture: Bool) -> [UInt8] {
        var out = CacheWriter(reserving: 1 << 18)
        out.raw(magic)
        out.int(format)
        out.text(head)
        out.int(from.ordinal)
        out.int(today.ordinal)
        out.bool(skippedFuture)
        var commits: [String: Int] = [:]
        var table: [(id: String, day: Day, subject: String)] = []
        func commit(_ id: String, _ day: Day, _ subject: String) -> Int {
            if let index = commits[id] { return index }
            commits[id] = table.count
            table.append((id, day, subject))
            return table.count - 1
        }
        let pointCommits = history.points.map { commit($0.commit, $0.day, $0.subject) }
        let slugs = history.timelines.keys.sorted()
        let entryCommits = slugs.map { slug in history.timelines[slug]!.map { commit($0.commit, $0.day, $0.subject) } }
        out.int(table.count)
        for (id, day, subject) in table {
            out.text(id)
            out.int(day.ordinal)
            out.text(subject)
        }
        out.int(history.points.count)
        for (point, index) in zip(history.points, pointCommits) {
            out.int(index)
            out.text(point.gap)
            out.bool(point.values != nil)
            guard let values = point.values else { continue }
            for number in [values.activeServices, values.onStandardPath, values.errors, values.warnings,
                           values.openExceptions, values.baseImages] { out.int(number) }
            out.int(values.versions.count)
            for (component, count) in values.versions.sorted(by: { $0.key < $1.key }) {
                out.text(component)
                out.int(count)
            }
        }
        out.int(slugs.count)
        for (slug, indices) in zip(slugs, entryCommits) {
            let entries = history.timelines[slug]!
            out.text(slug)
            out.int(entries.count)
            for (entry, index) in zip(entries, indices) {
                out.int(index)
                out.text(entry.broken)
                out.int(entry.changes.count)
                for change in entry.changes {
                    out.text(change.what)
                    out.text(change.from)
                    out.text(change.to)
                }
            }
        }
        out.raw(end)
        return out.bytes
    }

    /// The history in `bytes` cut to the window from `from`, when its key fits: the same
    /// HEAD, a window that reaches back as far, and the same today (or an earlier one, when no
    /// commit was dated after it). Nil when it does not fit; throws when the bytes are damaged.
    static func decode(_ bytes: [UInt8], head: String, from: Day, today: Day) throws(CacheReader.Damaged) -> SiteHistory? {
        var input = CacheReader(bytes)
        try input.expect(magic)
        guard try input.int() == format, try input.text() == head else { return nil }
        let storedFrom = try input.int(), storedToday = try input.int(), skippedFuture = try input.bool()
        guard storedFrom <= from.ordinal,
              storedToday == today.ordinal || (!skippedFuture && storedToday <= today.ordinal) else { return nil }
        var table: [(id: String, day: Day, subject: String)] = []
        for _ in 0..<(try input.count()) {
            table.append((try input.text(), Day(ordinal: try input.int()), try input.text()))
        }
        func commit() throws(CacheReader.Damaged) -> (id: String, day: Day, subject: String) {
            let index = try input.int()
            guard table.indices.contains(index) else { throw CacheReader.Damaged() }
            return table[index]
        }
        var points: [HistoryPoint] = []
        for _ in 0..<(try input.count()) {
            let (id, day, subject) = try commit()
            let gap = try input.optionalText()
            var values: HistoryValues?
            if try input.bool() {
                let (active, onPath, errors, warnings, exceptions, images) =
                    (try input.int(), try input.int(), try input.int(), try input.int(), try input.int(), try input.int())
                var versions: [String: Int] = [:]
                for _ in 0..<(try input.count()) { versions[try input.text()] = try input.int() }
                values = HistoryValues(activeServices: active, onStandardPath: onPath, errors: errors, warnings: warnings,
                                       openExceptions: exceptions, baseImages: images, versions: versions)
            }
            if day >= from { points.append(HistoryPoint(day: day, commit: id, subject: subject, values: values, gap: gap)) }
        }
        var timelines: [String: [TimelineEntry]] = [:]
        for _ in 0..<(try input.count()) {
            let slug = try input.text()
            var kept: [TimelineEntry] = []
            for _ in 0..<(try input.count()) {
                let (id, day, subject) = try commit()
                let broken = try input.optionalText()
                var changes: [ServiceChange] = []
                for _ in 0..<(try input.count()) {
                    changes.append(ServiceChange(try input.text(), from: try input.optionalText(), to: try input.optionalText()))
                }
                if day >= from { kept.append(TimelineEntry(day: day, commit: id, subject: subject, changes: changes, broken: broken)) }
            }
            if !kept.isEmpty { timelines[slug] = kept }
        }
        try input.expect(end)
        guard input.atEnd else { throw CacheReader.Damaged() }
        return SiteHistory(points: points, timelines: timelines)
    }
}
