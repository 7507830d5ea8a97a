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
    /// Template key → asset path under the output folder: `asset_style_css` → `assets/style.css`.
    var assets: [(key: String, path: String)]

    init(inventory: Inventory, report: Report, assets: [String: String]) {
        self.inventory = inventory
        self.report = report
        self.assets = assets.sorted { $0.key < $1.key }.map { name, path in
            ("asset_" + String(name.map { $0 == "." || $0 == "-" || $0 == "/" ? "_" : $0 }), path)
        }
    }

    /// What the analysis judged about a service; every service of the inventory has one.
    func assessment(of service: Service) -> ServiceAssessment {
        guard let assessment = report.assessments[service.slug] else {
            preconditionFailure("the report holds no assessment of \(service.slug)")
        }
        return assessment
    }

    /// The frame every page template fills: title, relative root, navigation, stylesheet.
    /// `absolute` gives absolute links from the site's base URL, for pages served at any path
    /// (the 404 page); every other page links relatively.
    func frame(title: String, route: Route, section: String, absolute: Bool = false) -> View {
        var root = route.root
        if absolute, let base = inventory.settings.baseURL { root = base.hasSuffix("/") ? base : base + "/" }
        var view: View = [
            "title": title,
            "siteTitle": inventory.settings.title,
            "root": root,
            "today": report.today.description,
            "section_\(section)": true,
        ]
        for (key, path) in assets { view[key] = root + path }
        return view
    }
}
