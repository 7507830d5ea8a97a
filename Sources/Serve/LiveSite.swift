import Analysis
import Foundation
import Inventory
import Pipeline
import Site

/// The site `serve` keeps up to date: rebuilt in place in its own folder, with the pages a
/// change touches written first. It runs the build's own stages (`Pipeline`, `Theme`,
/// `SiteRenderer`), a subset of them for a changed service.
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
    private let files = ParseCache()
    /// The last whole load, patched as service files are saved; nil after a failed load.
    private var patch: ServiceFilePatch?
    /// Whole loads so far (tests check that a saved service is read alone).
    private(set) var wholeLoads = 0
    var patchedInventory: Inventory? { patch?.inventory }
    private let findings = FindingsCache()
    private var stamps: [String: FileStamp] = [:]
    private var globalStamps: [String: FileStamp] = [:]
    private var built = false
    public private(set) var version = 0
    public private(set) var errors: [String] = []
    private var serviceSlugs: Set<String> = []
    private var theme: Theme?
    /// The site-wide judgements of the last whole analysis.
    private var overview: SiteOverview?
    /// The history from git, read (or taken from its cache) when everything is built again.
    private var history = SiteHistory()
    /// The site-wide pages of the last rebuild, still being written; a newer change stops them.
    private var sitePages: (task: Task<Void, Never>, cancellation: Cancellation)?

    public init(source: URL, output: URL, today: Day) {
        self.source = source
        self.output = output
        self.today = today
    }

    /// Rebuilds what changed since the last call. `paths` are the files the watcher saw change
    /// (nil: unknown, everything is checked); when they are all service files the site already
    /// lists, only those are read. `onServicePages` is told as soon as the changed services'
    /// own pages are written, before the site-wide pages.
    public func rebuild(paths: Set<String>? = nil, onServicePages: @Sendable (Update) async -> Void = { _ in }) async -> Update {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) }
        var clock = StageClock()
        var inventory: Inventory, theme: Theme, newStamps: [String: FileStamp]
        var outcome: ServiceFilePatch.Outcome?
        if let paths, var patch, self.theme != nil {
            outcome = patch.apply(paths)
            self.patch = patch
            clock.lap("serve: patch \(paths.count) saved")
        }
        if case .unchanged = outcome { return Update(version: version, paths: [], errors: errors, milliseconds: elapsed()) }
        // A newer change supersedes the site-wide pages still being written for an older one:
        // they stop, and this change's own service pages need not wait for them.
        let superseded = sitePages
        superseded?.cancellation.cancel()
        sitePages = nil
        if let outcome, let patch, let loaded = self.theme {
            if case .errors(let diagnostics) = outcome { return failed(diagnostics.map(\.description), elapsed()) }
            (inventory, newStamps, theme) = (patch.inventory, patch.stamps, loaded)
        } else {
            wholeLoads += 1
            patch = nil
            let newGlobal = globalInputStamps()
            do {
                inventory = try Pipeline.load(source: source, files: files)
                // An organisation site's members as the last build kept them: serve does not wait on the network.
                inventory.members = Pipeline.readMembers(inventory.settings.members, source: source, today: today, options: .cacheOnly)
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
            newStamps = serviceStamps(inventory)
            patch = ServiceFilePatch(source: source, inventory: inventory, stamps: newStamps)
            if let result = await rebuildEverything(unlessOnly: newGlobal, inventory, theme, newStamps, superseded, elapsed) {
                return result
            }
        }
        let folder = InPlaceFolder(output)
        guard let overview else { return failed(["no whole analysis to start from"], elapsed()) }

        // One or a few services changed: their pages first, from their own analysis.
        let changed = inventory.services.filter { newStamps[$0.slug] != stamps[$0.slug] }
        let removed = serviceSlugs.subtracting(inventory.services.map(\.slug))
        for slug in removed { try? FileManager.default.removeItem(at: output.appending(path: "services/\(slug)")) }
        do {
            let own = try Analyzer.analyze(changed, of: inventory, today: today, overview: overview)
            clock.lap("serve: analyse changed")
            try SiteRenderer(inventory: inventory, report: own, theme: theme, history: history).write(sitePages: false, services: changed, to: folder)
            clock.lap("serve: service pages")
        } catch let error as ContentErrors {
            return failed(error.diagnostics.map(\.description), elapsed())
        } catch {
            return failed(["cannot write the site: \(error)"], elapsed())
        }
        errors = []
        stamps = newStamps
        serviceSlugs = Set(inventory.services.map(\.slug))
        let servicePaths = changed.flatMap { Route.pages(of: $0.slug).map(\.path) }
        version += 1
        let early = Update(version: version, paths: servicePaths, errors: [], milliseconds: elapsed())
        await onServicePages(early)

        // Then the whole site is analysed (reusing unchanged services' findings) and the
        // site-wide pages are written in the background, once superseded ones have stopped;
        // the changed services' pages again too, since they show site-wide judgements (the
        // rollout pace) that the last whole analysis made of their previous version.
        await superseded?.task.value
        let today = self.today, history = self.history
        let memory = findings.memory(for: newStamps)
        let cancellation = Cancellation()
        let task = Task.detached { () -> Report? in
            let report = try? Pipeline.analyse(inventory, today: today, findings: memory)
            guard let report, !cancellation.isCancelled else { return nil }
            try? SiteRenderer(inventory: inventory, report: report, theme: theme, history: history)
                .write(sitePages: true, services: changed, to: folder, cancellation: cancellation)
            return report
        }
        sitePages = (Task { _ = await task.value }, cancellation)
        guard let report = await task.value, !cancellation.isCancelled else { return early }
        remember(report, inventory, newStamps)
        sitePages = nil
        version += 1
        return Update(version: version, paths: servicePaths + Route.siteWide.map(\.path), errors: [], milliseconds: elapsed())
    }

    /// Analyses and writes everything when an input every page depends on changed (the
    /// standard, the settings, observed or end-of-life data, the theme) or nothing was built
    /// yet; nil when only service files changed.
    private func rebuildEverything(unlessOnly newGlobal: [String: FileStamp], _ inventory: Inventory, _ theme: Theme,
                                   _ newStamps: [String: FileStamp], _ superseded: (task: Task<Void, Never>, cancellation: Cancellation)?,
                                   _ elapsed: () -> Int) async -> Update? {
        guard !built || newGlobal != globalStamps || overview == nil else { return nil }
        await superseded?.task.value
        findings.forgetAll()
        do {
            let report = try Pipeline.analyse(inventory, today: today, findings: findings.memory(for: newStamps))
            history = SiteBuilder.history(source: source, today: today, settings: inventory.settings, current: inventory.services)
            try? FileManager.default.removeItem(at: output)
            try SiteRenderer(inventory: inventory, report: report, theme: theme, history: history).writeAll(to: InPlaceFolder(output))
            remember(report, inventory, newStamps)
        } catch let error as ContentErrors {
            patch = nil
            return failed(error.diagnostics.map(\.description), elapsed())
        } catch {
            patch = nil
            return failed(["cannot write the site: \(error)"], elapsed())
        }
        built = true
        globalStamps = newGlobal
        errors = []
        version += 1
        return Update(version: version, paths: nil, errors: [], milliseconds: elapsed())
    }

    private func failed(_ messages: [String], _ milliseconds: Int) -> Update {
        errors = messages
        version += 1
        return Update(version: version, paths: [], errors: errors, milliseconds: milliseconds)
    }

    /// Keeps what the next incremental rebuild starts from.
    private func remember(_ report: Report, _ inventory: Inventory, _ newStamps: [String: FileStamp]) {
        overview = report.overview
        stamps = newStamps
        serviceSlugs = Set(inventory.services.map(\.slug))
    }

    /// Each service file's stamp, by slug.
    private func serviceStamps(_ inventory: Inventory) -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        result.reserveCapacity(inventory.services.count)
        let folder = source.appending(path: "content/services").path + "/"
        for service in inventory.services {
            if let stamp = files.stamp(forFile: folder + Self.fileName(service.file)) { result[service.slug] = stamp }
        }
        return result
    }

    /// The last part of a path, found on its bytes (splitting a thousand paths into characters
    /// on every save was a third of a rebuild's instructions).
    static func fileName(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.utf8.index(after: slash)...]
    }

    /// Stamps of every input other than service files: settings, standards, observed, eol, theme.
    private func globalInputStamps() -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        for folder in ["content", "themes"] {
            let root = source.appending(path: folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            while let path = walker.nextObject() as? String {
                // Service files are tracked one by one; the folder's own time changes with every save.
                if folder == "content" && path == "services" { walker.skipDescendants(); continue }
                if let stamp = FileStamp(of: root.appending(path: path).path) { result["\(folder)/\(path)"] = stamp }
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
