import Analysis
import Foundation
import Inventory
import Markdown

/// The whole pipeline: content → model → analysis → views → templates → files.
public enum SiteBuilder {
    public struct Result: Sendable {
        public var report: Report
        public var pages: Int
        public var files: Int
    }

    /// Loads and analyses the content; a failure is every content error of the run.
    public static func analyze(source: URL, today: Day) throws(ContentErrors) -> (Inventory, Report) {
        let inventory = try ContentLoader.load(source: source)
        let report = try Analyzer.analyze(inventory, today: today)
        return (inventory, report)
    }

    /// Builds the site into `output`, replacing it whole only when every page is written.
    public static func build(source: URL, output: URL, today: Day) throws -> Result {
        Markdown.registerExtensions()
        let (inventory, report) = try analyze(source: source, today: today)
        let theme = try Theme.load(source: source, name: inventory.settings.theme)
        let folder = try OutputFolder(output)
        do {
            let result = try write(inventory, report, theme, into: folder)
            try folder.commit()
            return result
        } catch {
            folder.abandon()
            throw error
        }
    }

    static func write(_ inventory: Inventory, _ report: Report, _ theme: Theme, into folder: OutputFolder) throws -> Result {
        var assets: [String: String] = [:]
        for (name, bytes) in theme.assets.sorted(by: { $0.key < $1.key }) {
            assets[name] = "assets/\(name)"
            try folder.write("assets/\(name)", bytes)
        }
        let context = PageContext(inventory: inventory, report: report, assets: assets)
        try folder.write("index.html", theme.render("index", InventoryPage.view(context)))
        try folder.write("findings/index.html", theme.render("findings", SitePages.findings(context)))
        try folder.write("standards/index.html", theme.render("standards", SitePages.standards(context)))
        try folder.write("404.html", theme.render("404", SitePages.notFound(context)))
        try folder.write("findings.json", FindingReports.json(report))
        try folder.write("inventory.json", DataFiles.inventoryJSON(inventory, report))
        try folder.write("inventory.csv", DataFiles.inventoryCSV(inventory, report))

        // Service pages are rendered and written on every core, one service at a time, so
        // memory holds the pages of a few services, not of all of them.
        let services = inventory.services
        let failures = ResultBox()
        DispatchQueue.concurrentPerform(iterations: services.count) { index in
            let service = services[index]
            do {
                try folder.write("services/\(service.slug)/index.html", theme.render("service", ServicePage.view(service, context)))
                try folder.write("services/\(service.slug)/rollback/index.html", theme.render("rollback", RollbackPage.view(service, context)))
            } catch {
                failures.record(error)
            }
        }
        if let error = failures.first { throw error }
        return Result(report: report, pages: 4 + 2 * services.count, files: 7 + 2 * services.count + assets.count)
    }
}

/// The first error of concurrent workers.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?

    func record(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
    var first: Error? { lock.withLock { error } }
}
