import Inventory

/// The "first 15 minutes" section the service page and the rollback page share (the theme's
/// `watch` partial): where to look, the signs of trouble, and the stop point. The common
/// signs live in the partial, so a team edits them in its theme; the service adds its own.
enum WatchSection {
    static func add(_ service: Service, to view: inout View) {
        view["watchLinks"] = service.links.map { link -> View in
            // Only web addresses become links; anything else is shown as text to copy.
            ["name": link.name, "url": link.url, "href": isWebAddress(link.url) ? link.url : false]
        }
        view["has_watchLinks"] = !service.links.isEmpty
        view["watchSignals"] = service.signals.map { ["text": $0] as View }
        view["watchStopPoint"] = service.rollback?.stopPoint?.value ?? false
    }

    /// `http://` or `https://` followed by a host, in any letter case.
    static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) && lower.count > scheme.count {
            return true
        }
        return false
    }
}
