import Analysis
import Foundation
import Inventory
import Site

/// The site `serve` keeps up to date: rebuilt in place in its own folder, with the pages a
/// change touches written first.
public actor LiveSite {
    public struct Update: Sendable {
        /// Build counter; the browser reloads when it changes.
        public var version: Int
        /// Output paths written (`services/api/index.html`), or nil for everything.
        public var paths: [String]?
        public var errors: [String]
        public var milliseconds: Int
    }

    public let source: URL
    public let output: URL
    let today: Day
    private let cache = ParseCache()
    private var stamps: [String: ParseCache.Stamp] = [:]
    private var globalStamps: [String: ParseCache.Stamp] = [:]
    private var built = false
    public private(set) var version = 0
    public private(set) var errors: [String] = []
    private var serviceSlugs: Set<String> = []
    private var theme: Theme?
    private var findingsCache: [String: (stamp: ParseCache.Stamp, findings: [Finding])] = [:]
    /// The site-wide pages of the last rebuild, still being written; a newer change stops them.
    private var sitePages: (task: Task<Void, Never>, cancellation: Cancellation)?

    public init(source: URL, output: URL, today: Day) {
        self.source = source
        self.output = output
        self.today = today
    }

    /// Rebuilds what changed since the last call. `onServicePages` is told as soon as the
    /// changed services' own pages are written, before the site-wide pages.
    public func rebuild(onServicePages: @Sendable (Update) async -> Void = { _ in }) async -> Update {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) }
        let inventory: Inventory, report: Report, theme: Theme
        var clock = StageClock()
        // A newer change supersedes the site-wide pages still being written for an older one:
        // they stop, and this change's own service pages need not wait for them.
        let superseded = sitePages
        superseded?.cancellation.cancel()
        sitePages = nil
        let newGlobal = globalInputStamps()
        do {
            inventory = try ContentLoader.load(source: source, cache: cache)
            clock.lap("serve: load")
            // Findings of unchanged services are reused while the standard, policy and other
            // inputs stay the same.
            if newGlobal != globalStamps { findingsCache = [:] }
            let current = serviceStamps(inventory)
            let cached = findingsCache
            report = try Analyzer.analyze(inventory, today: today, reuse: { service in
                guard let stamp = current[service.slug], let entry = cached[service.slug], entry.stamp == stamp else { return nil }
                return entry.findings
            })
            for service in inventory.services {
                if let stamp = current[service.slug] { findingsCache[service.slug] = (stamp, report.serviceFindings[service.slug] ?? []) }
            }
            clock.lap("serve: analyze")
            if let loaded = self.theme, built, newGlobal == globalStamps {
                theme = loaded
            } else {
                theme = try Theme.load(source: source, name: inventory.settings.theme)
                self.theme = theme
            }
            clock.lap("serve: theme")
        } catch {
            errors = error.diagnostics.map(\.description)
            version += 1
            return Update(version: version, paths: [], errors: errors, milliseconds: elapsed())
        }
        errors = []
        let renderer = SiteRenderer(inventory: inventory, report: report, theme: theme)
        let folder = InPlaceFolder(output)
        let newStamps = serviceStamps(inventory)
        clock.lap("serve: stamps")
        do {
            if !built || newGlobal != globalStamps {
                await superseded?.task.value
                try? FileManager.default.removeItem(at: output)
                try renderer.writeAll(to: folder)
                built = true
                version += 1
                stamps = newStamps
                globalStamps = newGlobal
                serviceSlugs = Set(inventory.services.map(\.slug))
                return Update(version: version, paths: nil, errors: [], milliseconds: elapsed())
            }
            let changed = inventory.services.filter { newStamps[$0.slug] != stamps[$0.slug] }
            let removed = serviceSlugs.subtracting(inventory.services.map(\.slug))
            for slug in removed { try? FileManager.default.removeItem(at: output.appending(path: "services/\(slug)")) }
            try renderer.write(sitePages: false, services: changed, to: folder)
            clock.lap("serve: service pages")
            let servicePaths = changed.flatMap { ["services/\($0.slug)/index.html", "services/\($0.slug)/rollback/index.html"] }
            stamps = newStamps
            serviceSlugs = Set(inventory.services.map(\.slug))
            version += 1
            let early = Update(version: version, paths: servicePaths, errors: [], milliseconds: elapsed())
            await onServicePages(early)
            // The site-wide pages (index, findings, progress, …) follow in the background, once
            // the superseded ones have stopped writing.
            await superseded?.task.value
            let cancellation = Cancellation()
            let task = Task.detached { () -> Void in _ = try? renderer.write(sitePages: true, services: [], to: folder, cancellation: cancellation) }
            sitePages = (task, cancellation)
            await task.value
            if cancellation.isCancelled { return early }
            sitePages = nil
            version += 1
            return Update(version: version, paths: servicePaths + ["index.html", "findings/index.html", "progress/index.html",
                                                                   "review/index.html", "standards/index.html"],
                          errors: [], milliseconds: elapsed())
        } catch {
            errors = ["cannot write the site: \(error)"]
            version += 1
            return Update(version: version, paths: [], errors: errors, milliseconds: elapsed())
        }
    }

    /// Each service file's stamp, by slug.
    private func serviceStamps(_ inventory: Inventory) -> [String: ParseCache.Stamp] {
        var result: [String: ParseCache.Stamp] = [:]
        let folder = source.appending(path: "content/services").path
        for service in inventory.services {
            let name = service.file.split(separator: "/").last.map(String.init) ?? ""
            if let stamp = cache.stamp(forFile: folder + "/" + name) { result[service.slug] = stamp }
        }
        return result
    }

    /// Stamps of every input other than service files: settings, standards, observed, eol, theme.
    private func globalInputStamps() -> [String: ParseCache.Stamp] {
        var result: [String: ParseCache.Stamp] = [:]
        for folder in ["content", "themes"] {
            let root = source.appending(path: folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            while let path = walker.nextObject() as? String {
                // Service files are tracked one by one; the folder's own time changes with every save.
                if folder == "content" && path == "services" { walker.skipDescendants(); continue }
                if let stamp = ParseCache.stamp(of: root.appending(path: path).path) { result["\(folder)/\(path)"] = stamp }
            }
        }
        return result
    }
}

/// Writes files in place, for the folder `serve` owns.
struct InPlaceFolder: PageSink {
    let root: URL

    init(_ root: URL) { self.root = root }

    func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A new file renamed over the old one: a request never reads half a page.
        let temporary = url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).tmp")
        try Data(bytes).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
