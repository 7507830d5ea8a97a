import Analysis
import Crypto
import Foundation
import Inventory
import Templates

/// What every page shares: the site, the analysis, and the assets' paths.
struct PageContext: Sendable {
    var inventory: Inventory
    var report: Report
    /// Asset paths under the output folder, in the order of the theme's asset names
    /// (`PageFrame.assetKeys`).
    var assetPaths: [String]
    /// The theme's `style.css`, for the page that must carry its own styles (the 404 page).
    var stylesheet: InlineStylesheet?
    /// The inventory over time, from git (perhaps still being read).
    var history: PendingHistory
    /// Service names by slug, made once for the findings' pages (each rule's page made its own).
    let serviceNames: ServiceNames

    init(inventory: Inventory, report: Report, assets: [String: String], stylesheet: [UInt8]? = nil,
         history: PendingHistory = PendingHistory(SiteHistory())) {
        self.inventory = inventory
        self.report = report
        self.history = history
        assetPaths = assets.sorted { $0.key < $1.key }.map(\.value)
        self.stylesheet = stylesheet.map(InlineStylesheet.init)
        serviceNames = ServiceNames(inventory)
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
    /// The 404 page, shown at any path and from `file://`, also carries the stylesheet inline
    /// (allowed by its hash in the page's Content-Security-Policy), so it is styled wherever it is shown.
    func frame(title: String, route: Route, section: String, absolute: Bool = false) -> PageFrame {
        var root = route.root
        if absolute, let base = inventory.settings.baseURL { root = base.hasSuffix("/") ? base : base + "/" }
        return PageFrame(title: title, siteTitle: inventory.settings.title, root: root, today: report.today.description,
                         section: section, assetPaths: assetPaths, inlineStyle: absolute ? stylesheet : nil,
                         organisation: report.organisation != nil)
    }
}

/// A stylesheet written into the page, with the hash a Content-Security-Policy allows it by.
struct InlineStylesheet: Sendable {
    let text: String
    /// `'sha256-<base64>'`, the CSP source expression for exactly `text`.
    let source: String

    init(_ bytes: [UInt8]) {
        text = String(decoding: bytes, as: UTF8.self)
        source = "'sha256-" + Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString() + "'"
    }
}

/// The names every page offers its template (through `base`): title, root, navigation, assets.
/// A class, not a struct: every name of the frame reads it from the page's view, and a
/// reference is retained where a struct of eight fields was copied (and destroyed) per name.
final class PageFrame: Sendable {
    let title: String
    let siteTitle: String
    let root: String
    let today: String
    /// The navigation section the page belongs to: `section_<name>` is set for it.
    let section: String
    let assetPaths: [String]
    /// Set only on the 404 page: the stylesheet it carries inline.
    let inlineStyle: InlineStylesheet?
    /// The site names members: the navigation links the organisation pages.
    let organisation: Bool

    init(title: String, siteTitle: String, root: String, today: String, section: String, assetPaths: [String],
         inlineStyle: InlineStylesheet? = nil, organisation: Bool = false) {
        self.title = title
        self.siteTitle = siteTitle
        self.root = root
        self.today = today
        self.section = section
        self.assetPaths = assetPaths
        self.inlineStyle = inlineStyle
        self.organisation = organisation
    }

    static let sections = ["inventory", "findings", "progress", "standards", "review", "organisation", "none"]

    /// Template name of an asset: `style.css` → `asset_style_css`.
    static func assetKey(_ name: String) -> String {
        "asset_" + String(name.map { $0 == "." || $0 == "-" || $0 == "/" ? "_" : $0 })
    }

    /// The theme's asset names as template names, in the order of `assetPaths`.
    static func assetKeys(_ assetNames: some Sequence<String>) -> [String] {
        assetNames.sorted().map(assetKey)
    }

    /// The frame's names; the asset names come from the theme, so the shape is made when it loads.
    static func shape(assetKeys: [String]) -> ViewShape<PageFrame> {
        var fields: [Field<PageFrame>] = [
            .text("title") { $0.title },
            .text("siteTitle") { $0.siteTitle },
            .text("root") { $0.root },
            .text("today") { $0.today },
            .text("calendarHref") { $0.root + Route.calendar.path },
            .optionalHTML("inlineStyle") { $0.inlineStyle?.text },
            .optionalText("inlineStyleSource") { $0.inlineStyle?.source },
            .flag("hasOrganisation") { $0.organisation },
        ]
        for section in sections { fields.append(.flag("section_" + section) { $0.section == section }) }
        for (index, key) in assetKeys.enumerated() { fields.append(.text(key) { $0.root + $0.assetPaths[index] }) }
        return ViewShape("a page", fields)
    }
}
