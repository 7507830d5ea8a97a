import Analysis
import Inventory

/// Sets `has_<key>` for each list in the view, so a template can wrap a list in a heading
/// only when it has items.
func markLists(_ view: inout View, _ keys: [String]) {
    for key in keys { view["has_\(key)"] = !((view[key] as? [View])?.isEmpty ?? true) }
}

/// What every page shares: the site, the analysis, and the assets' names.
struct PageContext: Sendable {
    var inventory: Inventory
    var report: Report
    /// Asset name → path under the output folder (`assets/style.css`).
    var assets: [String: String]

    /// The frame every page template fills: title, relative root, navigation, stylesheet.
    func frame(title: String, depth: Int, section: String) -> View {
        let root = depth == 0 ? "" : String(repeating: "../", count: depth)
        var view: View = [
            "title": title,
            "siteTitle": inventory.settings.title,
            "root": root,
            "today": report.today.description,
            "section_\(section)": true,
        ]
        for (name, path) in assets { view["asset_\(name.replacingOccurrences(of: ".", with: "_"))"] = root + path }
        return view
    }
}
