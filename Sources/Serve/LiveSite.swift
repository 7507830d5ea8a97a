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
        var clock = StageClock()
        // A newer change supersedes the site-wide pages still being written for an older one:
        // they stop, and this change's own service pages need not wait for them.
        let superseded = sitePages
        superseded?.cancellation.cancel()
        sitePages = nil
        let newGlobal = globalInputStamps()
        let inventory: Inventory, theme: Theme
        do {
            inventory = try ContentLoader.load(source: source, cache: cache)
            clock.lap("serve: load")
            if let loaded = self.theme, built, newGlobal == globalStamps {
                theme = loaded
            } else {
                theme = try Theme.load(source: source, name: inventory.settings.theme)
                self.theme = theme
            }
        } catch {
            return failed(error.diagnostics.map(\.description), elapsed())
        }
        let folder = InPlaceFolder(output)
        let newStamps = serviceStamps(inventory)
        if !built || newGlobal != globalStamps {
            // The standard, the settings, observed or end-of-life data or the theme changed:
            // everything is analysed and written again.
            await superseded?.task.value
            findingsCache = [:]
            do {
                let report = try Analyzer.analyze(inventory, today: today)
                try? FileManager.default.removeItem(at: output)
                try SiteRenderer(inventory: inventory, report: report, theme: theme).writeAll(to: folder)
                remember(report, inventory, newStamps)
            } catch let error as ContentErrors {
                return failed(error.diagnostics.map(\.description), elapsed())
            } catch {
                return failed(["cannot write the site: \(error)"], elapsed())
            }
            built = true
            globalStamps = newGlobal
            errors = []
            version += 1
            return Update(version: version, paths: nil, errors: [], milliseconds: elapsed())
        }

        // One or a few services changed: their pages first, from their own analysis.
        let changed = inventory.services.filter { newStamps[$0.slug] != stamps[$0.slug] }
        let removed = serviceSlugs.subtracting(inventory.services.map(\.slug))
        for slug in removed { try? FileManager.default.removeItem(at: output.appending(path: "services/\(slug)")) }
        do {
            let own = try Analyzer.analyze(changed, of: inventory, today: today)
            clock.lap("serve: analyze changed")
            try SiteRenderer(inventory: inventory, report: own, theme: theme).write(sitePages: false, services: changed, to: folder)
            clock.lap("serve: service pages")
        } catch let error as ContentErrors {
            return failed(error.diagnostics.map(\.description), elapsed())
        } catch {
            return failed(["cannot write the site: \(error)"], elapsed())
        }
        errors = []
        stamps = newStamps
        serviceSlugs = Set(inventory.services.map(\.slug))
        let servicePaths = changed.flatMap { ["services/\($0.slug)/index.html", "services/\($0.slug)/rollback/index.html"] }
        version += 1
        let early = Update(version: version, paths: servicePaths, errors: [], milliseconds: elapsed())
        await onServicePages(early)

        // Then the whole site is analysed (reusing unchanged services' findings) and the
        // site-wide pages are written in the background, once superseded ones have stopped.
        await superseded?.task.value
        let cached = findingsCache
        let today = self.today
        let cancellation = Cancellation()
        let task = Task.detached { () -> Report? in
            let report = try? Analyzer.analyze(inventory, today: today, reuse: { service in
                guard let stamp = newStamps[service.slug], let entry = cached[service.slug], entry.stamp == stamp else { return nil }
                return entry.findings
            })
            guard let report, !cancellation.isCancelled else { return nil }
            try? SiteRenderer(inventory: inventory, report: report, theme: theme)
                .write(sitePages: true, services: [], to: folder, cancellation: cancellation)
            return report
        }
        sitePages = (Task { _ = await task.value }, cancellation)
        guard let report = await task.value, !cancellation.isCancelled else { return early }
        remember(report, inventory, newStamps)
        sitePages = nil
        version += 1
        return Update(version: version, paths: servicePaths + ["index.html", "findings/index.html", "progress/index.html",
                                                               "review/index.html", "standards/index.html"],
                      errors: [], milliseconds: elapsed())
    }

    private func failed(_ messages: [String], _ milliseconds: Int) -> Update {
        errors = messages
        version += 1
        return Update(version: version, paths: [], errors: errors, milliseconds: milliseconds)
    }

    /// Keeps what the next incremental rebuild reuses.
    private func remember(_ report: Report, _ inventory: Inventory, _ newStamps: [String: ParseCache.Stamp]) {
        for service in inventory.services {
            if let stamp = newStamps[service.slug] { findingsCache[service.slug] = (stamp, report.serviceFindings[service.slug] ?? []) }
        }
        stamps = newStamps
        serviceSlugs = Set(inventory.services.map(\.slug))
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
