import Foundation
import Inventory

/// `shortpath history`: the series of the progress page as CSV or JSON, one row per point.
public enum HistoryReports {
    /// One row per point, oldest first: the counts, then the distinct versions of each of
    /// `components`. A gap has its reason and empty counts.
    public static func csv(_ history: SiteHistory, components: [String]) -> String {
        var out = (["day", "commit", "subject", "gap", "active_services", "on_standard_path", "errors", "warnings",
                    "open_exceptions", "base_images"] + components.map { "versions_\($0)" }).map(CSV.field).joined(separator: ",") + "\r\n"
        for point in history.points {
            var fields = [point.day.description, point.commit, point.subject, point.gap ?? ""]
            if let v = point.values {
                fields += [v.activeServices, v.onStandardPath, v.errors, v.warnings, v.openExceptions, v.baseImages].map(String.init)
                fields += components.map { String(v.versions[$0] ?? 0) }
            } else {
                fields += Array(repeating: "", count: 6 + components.count)
            }
            out += fields.map(CSV.field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// `{"schema": 1, "today": ..., "note": ..., "points": [...], "series": [...]}`: every point
    /// with the distinct versions of every component, and each series with its changes.
    public static func json(_ history: SiteHistory, components: [String], today: Day) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("schema", .int(1))
        w.field("today", today.description)
        w.field("note", history.note)
        w.beginArray("points")
        for point in history.points {
            w.beginObject()
            w.field("day", point.day.description)
            w.field("commit", point.commit)
            w.field("subject", point.subject)
            w.field("gap", point.gap)
            if let v = point.values {
                w.field("active_services", .int(v.activeServices))
                w.field("on_standard_path", .int(v.onStandardPath))
                w.field("errors", .int(v.errors))
                w.field("warnings", .int(v.warnings))
                w.field("open_exceptions", .int(v.openExceptions))
                w.field("base_images", .int(v.baseImages))
                w.beginObject("versions")
                for (component, count) in v.versions.sorted(by: { $0.key < $1.key }) { w.field(component, .int(count)) }
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.beginArray("series")
        for series in HistorySeries.all(history.points, components: components, today: today) {
            w.beginObject()
            w.field("name", series.name)
            w.field("current", .int(series.current))
            for days in HistorySeries.periods {
                w.beginObject("change_\(days)_days")
                let change = series.changes[days]
                w.field("from", .int(change?.from))
                w.field("to", .int(change?.to))
                w.field("better", change?.better.map { $0 ? "better" : "worse" } ?? (change == nil ? nil : "same"))
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }
}

/// RFC 4180 fields, for every CSV the tool writes.
public enum CSV {
    /// Quoted when needed, and with a leading `'` for text a spreadsheet would run as a formula.
    public static func field(_ value: String) -> String {
        // Most fields hold none of these bytes: then nothing changes, and their characters
        // need not be walked.
        if let first = value.utf8.first, first != 0x3D, first != 0x2B, first != 0x2D, first != 0x40,
           !value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return value
        }
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
