import Analysis
import Inventory
import Templates

/// One row of the inventory: the service's names (`ServiceRow`) and what the one-line row adds:
/// its worst severity, the counts, the first reasons and the production version's sort key.
/// Every order and severity here is the analysis's; the row formats them.
struct InventoryRow: Sendable {
    var row: ServiceRow
    /// The production version's place in version order; nil without a version.
    var versionRank: Int?

    /// How many reasons the row spells out; the rest are behind "+N".
    static let shownReasons = 2

    init(_ row: ServiceRow, scan: InventoryScan) {
        self.row = row
        versionRank = scan.versionRank[row.service.slug]
    }

    var status: ServiceStatus? { row.status }

    /// `error`, `warning` or `ok`, and `blocks` for a service that holds others back: the
    /// classes the theme marks the row by, with a colour and a shape each.
    var classes: String {
        (status?.worst?.rawValue ?? "ok") + (row.service.blocksUpdates ? " blocks" : "")
    }

    /// `2 errors · 4 warnings`, `on the standard path`.
    var standing: String {
        guard let status, !status.onStandardPath else { return "on the standard path" }
        return [status.errors > 0 ? counted(status.errors, "error") : nil,
                status.warnings > 0 ? counted(status.warnings, "warning") : nil].compactMap { $0 }.joined(separator: " · ")
    }

    var reasons: [Rule] { status?.reasons ?? [] }

    /// What the search looks through besides the row's text: each component and version, the
    /// production image and digest, the full base image.
    /// (Made from the service alone: the index builds it without the rest of the row.)
    static func searchText(_ service: Service) -> String {
        var words: [String] = []
        for use in service.componentUses {
            let word = "\(use.component.name) \(use.component.version)"
            if !words.contains(word) { words.append(word) }
        }
        if let production = service.primaryEnvironment {
            if let image = production.image { words.append(image.value) }
            if let digest = production.digest?.value, production.image.map({ holds($0.value, digest) }) != true { words.append(digest) }
        }
        if let base = service.baseImage { words.append(base.value) }
        return words.joined(separator: " ")
    }

    /// Whether `text` holds `part`, compared byte for byte (images and digests are ASCII, so
    /// this is what Foundation's `contains` answers, at a tenth of its cost); never for "".
    static func holds(_ text: String, _ part: String) -> Bool {
        var text = text, part = part
        return text.withUTF8 { text in
            part.withUTF8 { part in
                guard !part.isEmpty, part.count <= text.count else { return false }
                return (0...(text.count - part.count)).contains { start in
                    UnsafeBufferPointer(rebasing: text[start..<start + part.count]).elementsEqual(part)
                }
            }
        }
    }

    static let shape = ViewShape<InventoryRow>("a row of the inventory", [
        .embed(ViewShape("a service", ServiceRow.fields)) { $0.row },
        .text("classes") { $0.classes },
        .text("standing") { $0.standing },
        .text("versionRank") { $0.versionRank.map(String.init) ?? "" },
        .flag("hasReasons") { !$0.reasons.isEmpty },
        .text("firstReasons") { $0.reasons.prefix(shownReasons).map(\.label).joined(separator: " · ") },
        .optionalText("moreReasons") { $0.reasons.count > shownReasons ? "+\($0.reasons.count - shownReasons)" : nil },
        .optionalText("note") { $0.row.service.note },
        .flag("stale") { $0.row.rebuilt?.overLimit == true },
    ])
}
