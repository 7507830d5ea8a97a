import Analysis
import Dispatch
import Inventory
import Markdown
import Parallel

/// Where rendered files go: the swapped output of `build`, or the folder `serve` rewrites in place.
public protocol PageSink: Sendable {
    func write(_ path: String, _ text: String) throws
    func write(_ path: String, _ bytes: [UInt8]) throws
}

extension OutputFolder: PageSink {}

/// Renders an analysed inventory with a theme: the whole site, or just the pages a change touches.
public struct SiteRenderer: Sendable {
    public let inventory: Inventory
    public let report: Report
    let theme: Theme
    let context: PageContext
    /// Theme assets with their fingerprinted paths under the output folder.
    let assets: [(path: String, bytes: [UInt8])]

    public init(inventory: Inventory, report: Report, theme: Theme, history: SiteHistory = SiteHistory()) {
        self.init(inventory: inventory, report: report, theme: theme, pending: PendingHistory(history))
    }

    /// With the history from git perhaps still being read.
    init(inventory: Inventory, report: Report, theme: Theme, pending history: PendingHistory) {
        self.inventory = inventory
        self.report = report
        self.theme = theme
        // Assets are fingerprinted (`style.3f9a1c2e5b.css`): the name changes with the content,
        // so a web server may cache them for a year.
        var paths: [String: String] = [:]
        var assets: [(String, [UInt8])] = []
        for (name, bytes) in theme.assets.sorted(by: { $0.key < $1.key }) {
            let path = "assets/" + Fingerprint.name(name, bytes)
            paths[name] = path
            assets.append((path, bytes))
        }
        self.assets = assets
        context = PageContext(inventory: inventory, report: report, assets: paths, stylesheet: theme.assets["style.css"],
                              history: history)
    }

    /// Writes one page or data file that shows the whole site.
    func writeSite(_ route: Route, to sink: some PageSink) throws {
        switch route {
        case .site(let page): try sink.write(route.path, render(page))
        case .data(.findingsJSON): try sink.write(route.path, FindingReports.jsonBytes(report))
        case .data(.inventoryJSON): try sink.write(route.path, DataFiles.inventoryJSON(inventory, report))
        case .data(.inventoryCSV): try sink.write(route.path, DataFiles.inventoryCSV(inventory, report))
        case .data(.calendar): try sink.write(route.path, CalendarFile.ics(inventory, report))
        case .rule(let rule): try sink.write(route.path, theme.pages.rule.bytes(RulePage(rule, context), template: "rule"))
        case .organisation(let file): try sink.write(route.path, render(file))
        case .service(let slug), .rollback(let slug):
            preconditionFailure("\(slug)'s pages are written with writeServicePages")
        }
    }

    /// A page that shows the whole site, rendered with the theme's template for it.
    func render(_ page: Route.SitePage) -> [UInt8] {
        let pages = theme.pages, name = page.template
        switch page {
        case .findings: return pages.findings.bytes(FindingsPage(context), template: name)
        case .index: return pages.index.bytes(InventoryPage(context), template: name)
        case .standards: return pages.standards.bytes(StandardsPage(context), template: name)
        case .progress: return pages.progress.bytes(ProgressPage(context), template: name)
        case .review: return pages.review.bytes(ReviewPage(context), template: name)
        case .notFound: return pages.notFound.bytes(NotFoundPage.view(context), template: name)
        }
    }

    /// An organisation site's page or data file.
    func render(_ file: Route.OrganisationFile) -> [UInt8] {
        let pages = theme.pages
        switch file {
        case .members: return pages.organisation.bytes(OrganisationIndexPage(context), template: "organisation")
        case .components: return pages.organisationComponents.bytes(OrganisationComponentsPage(context), template: "organisation-components")
        case .search: return pages.organisationSearch.bytes(OrganisationSearchPage(context), template: "organisation-search")
        case .json: return Array(OrganisationData.json(inventory, report).utf8)
        case .csv: return Array(OrganisationData.csv(inventory, report).utf8)
        }
    }

    /// The pages and data files that show the whole site: an organisation site's too.
    var siteWide: [Route] { report.organisation == nil ? Route.siteWide : Route.siteWide + Route.organisationWide }

    /// Pages written: the site pages, one per rule, an organisation site's three, and two per service.
    public var pageCount: Int {
        Route.SitePage.allCases.count + Rule.allCases.count + (report.organisation == nil ? 0 : 3) + 2 * inventory.services.count
    }
    public var fileCount: Int { siteWide.count + 2 * inventory.services.count + assets.count }

    public func writeAssets(to sink: some PageSink) throws {
        for asset in assets { try sink.write(asset.path, asset.bytes) }
    }

    /// One service's two pages.
    /// The runbook is parsed once for both.
    public func writeServicePages(_ service: Service, to sink: some PageSink) throws {
        let runbook = MarkdownDocument(service.body)
        try writeServicePage(service, runbook: runbook, to: sink)
        try writeRollbackPage(service, runbook: runbook, to: sink)
    }

    /// The service's page, with its timeline from git (waits until each service's changes are read).
    func writeServicePage(_ service: Service, runbook: MarkdownDocument, to sink: some PageSink) throws {
        try sink.write(Route.service(service.slug).path, theme.pages.service.bytes(ServicePage(service, context, runbook: runbook), template: "service"))
    }

    /// The service's rollback page (it shows nothing from git).
    func writeRollbackPage(_ service: Service, runbook: MarkdownDocument, to sink: some PageSink) throws {
        try sink.write(Route.rollback(service.slug).path, theme.pages.rollback.bytes(RollbackPage(service, context, runbook: runbook), template: "rollback"))
    }

    /// The site pages and the given services' pages, each its own job shared out over the
    /// cores; each is written as soon as it is rendered, so memory holds a few pages at a time.
    /// The site pages are spread out among the service pages: the findings page and the index
    /// of a large site are tens of megabytes each while they render, and should not be at once.
    /// While the history from git is still being read, the pages that do not show it are
    /// written first (the site pages among the services' rollback pages), then (once each
    /// service's changes are read) the service pages, then the progress page, which charts it;
    /// each runbook is then parsed once for each of its pages. With the history in, the
    /// progress page (megabytes on a large site) is spread out with the others: written last, it
    /// kept one core busy alone.
    public func write(sitePages: Bool, services: [Service], to sink: some PageSink, cancellation: Cancellation = Cancellation()) throws {
        let all = sitePages ? siteWide : []
        if context.history.historyRead {
            try write(jobs: all, Self.interleave(siteJobs: all.count, serviceJobs: services.count), services: services,
                      to: sink, cancellation: cancellation)
            return
        }
        let jobs = all.filter { !$0.showsHistory } + all.filter(\.showsHistory)
        let plain = all.count - all.filter(\.showsHistory).count
        if !context.history.timelinesRead {
            try write(jobs: jobs, Self.interleave(siteJobs: plain, serviceJobs: services.count, Job.rollbackPage), services: services,
                      to: sink, cancellation: cancellation)
            RenderTimings.shared.mark("pages: waiting for the history's changes")
            _ = context.history.timelines
            RenderTimings.shared.mark("pages: the history's changes in")
            try write(jobs: jobs, services.indices.map(Job.servicePage) + (plain..<jobs.count).map(Job.site), services: services,
                      to: sink, cancellation: cancellation)
            return
        }
        let order = Self.interleave(siteJobs: plain, serviceJobs: services.count) + (plain..<jobs.count).map(Job.site)
        try write(jobs: jobs, order, services: services, to: sink, cancellation: cancellation)
    }

    /// The jobs in `order`, shared out over the cores.
    func write(jobs: [Route], _ order: [Job], services: [Service], to sink: some PageSink, cancellation: Cancellation) throws {
        let failures = FirstError()
        Workers.forEach(order.count) { position in
            do {
                try cancellation.check()
                switch order[position] {
                case .site(let index): try writeSite(jobs[index], to: sink)
                case .service(let index): try writeServicePages(services[index], to: sink)
                case .servicePage(let index): try writeServicePage(services[index], runbook: MarkdownDocument(services[index].body), to: sink)
                case .rollbackPage(let index): try writeRollbackPage(services[index], runbook: MarkdownDocument(services[index].body), to: sink)
                }
            } catch {
                failures.record(error)
            }
        }
        if let error = failures.first { throw error }
    }

    enum Job: Equatable {
        case site(Int)
        /// Both pages of a service.
        case service(Int)
        /// One of them.
        case servicePage(Int)
        case rollbackPage(Int)
    }

    /// Site job `k` of `s` starts after about `3k/4s` of the service jobs: the first (the
    /// findings page) starts first, and the last quarter is service pages only, so the cores
    /// end together instead of one finishing a data file of megabytes alone.
    static func interleave(siteJobs: Int, serviceJobs: Int, _ service: (Int) -> Job = Job.service) -> [Job] {
        var order: [Job] = []
        order.reserveCapacity(siteJobs + serviceJobs)
        var nextService = 0
        for site in 0..<siteJobs {
            let before = serviceJobs * site * 3 / (4 * max(siteJobs, 1))
            while nextService < before {
                order.append(service(nextService))
                nextService += 1
            }
            order.append(.site(site))
        }
        while nextService < serviceJobs {
            order.append(service(nextService))
            nextService += 1
        }
        return order
    }

    /// Everything.
    public func writeAll(to sink: some PageSink, cancellation: Cancellation = Cancellation()) throws {
        try writeAssets(to: sink)
        try write(sitePages: true, services: inventory.services, to: sink, cancellation: cancellation)
    }
}

extension Route {
    /// The page charts the history from git (waits for every point to be judged).
    var showsHistory: Bool { self == .site(.progress) }
}

extension Route.SitePage {
    /// The theme's template for the page.
    var template: String {
        switch self {
        case .findings: "findings"
        case .index: "index"
        case .standards: "standards"
        case .progress: "progress"
        case .review: "review"
        case .notFound: "404"
        }
    }
}
