import Inventory
import Templates

/// The "first 15 minutes" section the service page and the rollback page share (the theme's
/// `watch` partial): where to look, the signs of trouble, and the stop point. The common
/// signs live in the partial, so a team edits them in its theme; the service adds its own.
struct WatchSection: Sendable {
    var links: [NamedLink]
    var signals: [String]
    var stopPoint: String?
    /// On the rollback page the stop point is step 1; the section does not repeat it.
    var inProcedure: Bool

    init(_ service: Service, inProcedure: Bool) {
        links = service.links
        signals = service.signals
        stopPoint = service.rollback?.stopPoint?.value
        self.inProcedure = inProcedure
    }

    static let shape = ViewShape<WatchSection>("the watch section", [
        .list("watchLinks", linkShape) { $0.links },
        .flag("has_watchLinks") { !$0.links.isEmpty },
        .list("watchSignals", signalShape) { $0.signals },
        .optionalText("watchStopPoint") { $0.stopPoint },
        .flag("watchInProcedure") { $0.inProcedure },
    ])

    static let linkShape = ViewShape<NamedLink>("a link", [
        .text("name") { $0.name },
        .text("url") { $0.url },
        // Only web addresses become links; anything else is shown as text to copy.
        .optionalText("href") { isWebAddress($0.url) ? $0.url : nil },
    ])

    static let signalShape = ViewShape<String>("a sign of trouble", [.text("text") { $0 }])

    /// `http://` or `https://` followed by a host, in any letter case.
    static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) && lower.count > scheme.count {
            return true
        }
        return false
    }
}
