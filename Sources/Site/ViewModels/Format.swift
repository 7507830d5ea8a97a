import Inventory
import Templates

/// Small, deterministic text formatting for pages.
enum Format {
    static func age(_ days: Int) -> String {
        switch days {
        case 0: "today"
        case 1: "yesterday"
        case 2...: "\(days) days ago"
        case -1: "tomorrow"
        default: "in \(-days) days"
        }
    }

    /// A span of days for narrow cells: `today`, `1 day`, `391 days`.
    static func days(_ days: Int) -> String {
        days == 0 ? "today" : counted(days, "day")
    }

    /// Days left before a date: `12 days left`, `expires today`, `expired 3 days ago`.
    static func daysLeft(_ days: Int) -> String {
        days < 0 ? "expired \(-days) days ago" : days == 0 ? "expires today" : "\(days) days left"
    }

    static func duration(minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) min" }
        let rest = minutes % 60
        return rest == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(rest < 10 ? "0" : "")\(rest) min"
    }

    /// `sha256:0123456789ab…` for narrow cells; the full digest goes in a title attribute.
    static func shortDigest(_ digest: String) -> String {
        digest.count > 19 ? String(digest.prefix(19)) + "…" : digest
    }

    /// The image's short form (`team/api:1.14.2`), or the text itself if it does not parse
    /// (observed images come from other tools' output).
    static func shortImage(_ reference: String) -> String {
        (try? ImageReference(parsing: reference))?.shortForm ?? reference
    }

    /// The short form of an image from the inventory, parsed when the file was read.
    static func shortImage(_ image: ImageField) -> String { image.reference.shortForm }

    /// An image reference (or any path-like text) as HTML that may wrap after each `/`, `:`,
    /// `@` and `=`, and nowhere else: on a phone `registry.example.com/team/api:1.14.2` wraps
    /// as `registry.example.com/team/` `api:` `1.14.2`, never as `api:1.1` `4.2`.
    static func breakableHTML(_ text: String) -> String {
        // Escaping leaves the four separators as they are, so they are found in the escaped text.
        // Runs between them are copied whole (a byte at a time cost a rollback page 30 M
        // instructions at 1,000 services).
        var escaped = HTMLEscaping.escape(text)
        return escaped.withUTF8 { source in
            var html = ByteText(capacity: source.count + 40)
            var start = 0
            for index in source.indices where source[index] == UInt8(ascii: "/") || source[index] == UInt8(ascii: ":")
                || source[index] == UInt8(ascii: "@") || source[index] == UInt8(ascii: "=") {
                html.append(UnsafeBufferPointer(rebasing: source[start...index]))
                html.add("<wbr>")
                start = index + 1
            }
            html.append(UnsafeBufferPointer(rebasing: source[start...]))
            return html.text
        }
    }
}

