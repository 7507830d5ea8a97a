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
    var searchText: String {
        let service = row.service
        var words: [String] = []
        for use in service.componentUses {
            let word = "\(use.component.name) \(use.component.version)"
            if !words.contains(word) { words.append(word) }
        }
        if let production = service.primaryEnvironment {
            if let image = production.image { words.append(image.value) }
            if let digest = production.digest?.value, production.image?.value.contains(digest) != true { words.append(digest) }
        }
        if let base = service.baseImage { words.append(base.value) }
        return words.joined(separator: " ")
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
