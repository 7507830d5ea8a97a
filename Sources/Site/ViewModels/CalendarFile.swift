import Analysis
import Inventory

/// `calendar.ics` (RFC 5545): one all-day event per date the analysis says comes due, for a
/// team to subscribe to. The same event keeps its UID from build to build (the UID names what
/// the event is about, not its date), and DTSTAMP is the build's `today`, so the same content
/// and day give the same bytes.
enum CalendarFile {
    static func ics(_ inventory: Inventory, _ report: Report) -> [UInt8] {
        let settings = inventory.settings
        let domain = uidDomain(settings)
        let stamp = compact(report.today) + "T000000Z"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shortpath//Inventory calendar//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + text("\(settings.title): due dates"),
        ]
        for event in report.overview.calendar.events {
            let page = route(of: event)
            lines += [
                "BEGIN:VEVENT",
                "UID:" + event.key + "@" + domain,
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + compact(event.day),
                "DTEND;VALUE=DATE:" + compact(event.day.adding(days: 1)),
                "SUMMARY:" + text(summary(event)),
                "DESCRIPTION:" + text(description(event, page: page, settings: settings)),
            ]
            if let base = settings.baseURL { lines.append("URL:" + absolute(base, page)) }
            lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        var out: [UInt8] = []
        out.reserveCapacity(lines.count * 64)
        for line in lines {
            fold(line, into: &out)
            out += [13, 10]
        }
        return out
    }

    /// What a person reads in a calendar's day view.
    static func summary(_ event: DueCalendar.Event) -> String {
        let name = event.service?.name ?? ""
        switch event.kind {
        case .exceptionEnds(let component, let version?): return "Exception ends: \(name) may stay on \(component) \(version)"
        case .exceptionEnds(let component, nil): return "Exception ends: \(name)'s exception for \(component)"
        case .review: return "Review of the standard"
        case .endOfLife(let component, let cycle, let services):
            return "End of life: \(component) \(cycle) (\(services) \(services == 1 ? "service runs" : "services run") it)"
        case .rollbackPracticeStale: return "Rollback practice goes stale: \(name)"
        case .restoreStale: return "Restore test goes stale: \(name)"
        case .imageStale: return "Image goes stale: \(name)"
        }
    }

    static func description(_ event: DueCalendar.Event, page: Route, settings: SiteSettings) -> String {
        let why = switch event.kind {
        case .exceptionEnds: "From this day the exception no longer covers it: upgrade, or decide to extend it."
        case .review: "The standard's review date (standards.md)."
        case .endOfLife: "The release stops receiving fixes (endoflife.date)."
        case .rollbackPracticeStale(let days): "The last practised rollback becomes older than \(days) days: practise it again."
        case .restoreStale(let days): "The last proven restore becomes older than \(days) days: restore a backup again."
        case .imageStale(let days): "The image becomes older than \(days) days: rebuild it on the current base."
        }
        return why + (settings.baseURL == nil ? " Page: \(page.path)" : "")
    }

    /// The page that says more: the service's, the review's, or the progress page.
    static func route(of event: DueCalendar.Event) -> Route {
        if let service = event.service { return .service(service.slug) }
        if case .review = event.kind { return .review }
        return .progress
    }

    static func absolute(_ base: String, _ route: Route) -> String {
        (base.hasSuffix("/") ? base : base + "/") + route.path
    }

    /// Where the UIDs are unique: the site's host and path, else its title.
    static func uidDomain(_ settings: SiteSettings) -> String {
        var source = settings.baseURL ?? settings.title
        for scheme in ["https://", "http://"] where source.hasPrefix(scheme) { source = String(source.dropFirst(scheme.count)) }
        let slug = source.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." ? String($0) : "-" }.joined()
        var trimmed = slug.split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        if trimmed.isEmpty { trimmed = "site" }  // a title of punctuation only
        return settings.baseURL == nil ? "\(trimmed).shortpath.invalid" : trimmed
    }

    static func compact(_ day: Day) -> String { String(decoding: day.description.utf8.filter { $0 != UInt8(ascii: "-") }, as: UTF8.self) }

    /// TEXT values escape backslash, semicolon, comma and newlines.
    static func text(_ value: String) -> String {
        // Most values hold none of these: no need to walk their characters.
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else { return value }
        // In ASCII every character is one byte, but for CR LF, which is one character.
        if value.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(value.utf8.count + 8)
            var previous: UInt8 = 0
            for byte in value.utf8 {
                switch byte {
                case 0x5C: out += [0x5C, 0x5C]
                case 0x3B: out += [0x5C, 0x3B]
                case 0x2C: out += [0x5C, 0x2C]
                case 0x0A where previous == 0x0D: break
                case 0x0A, 0x0D: out += [0x5C, UInt8(ascii: "n")]
                default: out.append(byte)
                }
                previous = byte
            }
            return String(decoding: out, as: UTF8.self)
        }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 character.
    static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        fold(line, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, appended to `out` a piece at a time: each piece ends at the last character
    /// boundary within the octets a line allows (75, then 74 after the leading space).
    static func fold(_ line: String, into out: inout [UInt8]) {
        var line = line
        line.withUTF8 { bytes in
            var start = 0
            var room = 75
            while bytes.count - start > room {
                var end = start + room
                while bytes[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                out.append(13)
                out.append(10)
                out.append(32)
                start = end
                room = 74
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}
