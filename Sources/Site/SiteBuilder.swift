import Analysis
import Foundation
import Inventory
import History
import Markdown
import Parallel
import Pipeline

/// `shortpath build`: content → model → analysis (`Pipeline`) → views → templates → files.
public enum SiteBuilder {
    public struct Result: Sendable {
        public var report: Report
        public var pages: Int
        public var files: Int
        /// Why the history from git is off or partial, when a user should know.
        public var historyNote: String?
        /// The model, its analysis and the pages' context, handed to the caller rather than freed
        /// here: `shortpath build` exits without freeing them object by object (at 10,000
        /// services that is a noticeable part of the build, on one core), like a compiler that
        /// skips freeing its syntax tree before it exits.
        public let site: Site

        public final class Site: Sendable {
            let renderer: SiteRenderer
            let folder: OutputFolder

            init(renderer: SiteRenderer, folder: OutputFolder) {
                self.renderer = renderer
                self.folder = folder
            }
        }
    }

    /// Builds the site into `output`, replacing it whole only when every page is written.
    /// An organisation site's members are read as `members` says (by default, all of them now).
    public static func build(source: URL, output: URL, today: Day, baseURL: String? = nil, members: MemberOptions = .online,
                             cancellation: Cancellation = Cancellation()) throws -> Result {
        Markdown.registerExtensions()
        var clock = StageClock()
        // The inventory over time, from git, read while the content is read and analysed and the
        // pages that do not show it are written (git runs in its own processes); it never fails
        // the build. Git starts first: it needs only `history:` in the settings.
        let loaded = LoadedServices()
        let early = ContentLoader.settings(source: source).map { settings in
            (days: settings.historyDays, history: HistoryReading.start(source: source, today: today, days: settings.historyDays, services: loaded))
        }
        // 1. Read and validate the content.
        var inventory: Inventory
        do {
            inventory = try Pipeline.load(source: source, baseURL: baseURL)
        } catch {
            loaded.hand(nil)
            throw error
        }
        loaded.hand(inventory.services)
        clock.lap("load")
        let history = early.flatMap { $0.days == inventory.settings.historyDays ? $0.history : nil }
            ?? HistoryReading.start(source: source, today: today, days: inventory.settings.historyDays, services: loaded)
        // The theme is read and compiled meanwhile too: it needs nothing the analysis makes.
        let themeName = inventory.settings.theme
        let loadingTheme = Background { () throws -> Theme in try Theme.load(source: source, name: themeName) }
        // An organisation site's members, each read now or from its last good copy.
        inventory.members = Pipeline.readMembers(inventory.settings.members, source: source, today: today, options: members)
        clock.lap("members")
        // 2. Analyse it.
        let analysed = AnalysedInventory(inventory: inventory, report: try Pipeline.analyse(inventory, today: today))
        clock.lap("analyse")
        // 3. The theme, checked before anything is written.
        let theme = try loadingTheme.value()
        try cancellation.check()
        // 4. Every page into the spare folder beside the output. An interrupted or failed build
        // leaves its pages there, where the next build rewrites them; the output is untouched.
        let folder = try OutputFolder(output)
        let renderer = SiteRenderer(inventory: analysed.inventory, report: analysed.report, theme: theme, pending: history)
        try renderer.writeAll(to: folder, cancellation: cancellation)
        clock.lap("pages")
        let note = history.history.quiet ? nil : history.history.note
        RenderTimings.shared.report()
        try cancellation.check()
        // 5. Swap it in whole, unless interrupted before the swap begins.
        try folder.commit(beforeSwap: cancellation.beginSwap)
        clock.lap("commit")
        return Result(report: analysed.report, pages: renderer.pageCount, files: renderer.fileCount,
                      historyNote: note, site: Result.Site(renderer: renderer, folder: folder))
    }
}

extension SiteBuilder {
    /// The inventory over time from git, as `history:` in the settings asks (`serve` reads it
    /// when it builds everything).
    public static func history(source: URL, today: Day, settings: SiteSettings, current: [Service] = []) -> SiteHistory {
        HistoryReader.read(source: source, today: today, days: settings.historyDays, current: current)
    }
}

/// The history from git, read on a thread of its own.
enum HistoryReading {
    /// Starts reading `days` back; each service's changes are published as soon as they are
    /// read, before the points are judged.
    static func start(source: URL, today: Day, days: Int?, services: LoadedServices) -> PendingHistory {
        let pending = PendingHistory()
        Thread.detachNewThread {
            let history = HistoryReader.read(source: source, today: today, days: days, services: { services.value },
                                             changes: { pending.publish(timelines: $0) }, keep: { pending.keep($0) })
            pending.publish(history)
        }
        return pending
    }
}

/// The work tree's services, handed to the thread that reads the history once the build has
/// parsed them (nil: the content did not load).
typealias LoadedServices = Handoff<[Service]?>

/// The first error of concurrent workers.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?

    func record(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
    var first: Error? { lock.withLock { error } }
}

/// CPU time, pages and tags run in each template, summed over threads, when
/// `SHORTPATH_TIMINGS` is set (`scripts/bench-pages` divides instructions by the tags).
final class RenderTimings: @unchecked Sendable {
    static let shared = RenderTimings()
    let enabled = ProcessInfo.processInfo.environment["SHORTPATH_TIMINGS"] != nil
    private var totals: [String: (nanoseconds: UInt64, pages: Int, tags: Int)] = [:]
    private let lock = NSLock()

    func add(_ template: String, _ nanoseconds: UInt64, tags: Int) {
        lock.withLock {
            let total = totals[template, default: (0, 0, 0)]
            totals[template] = (total.nanoseconds + nanoseconds, total.pages + 1, total.tags + tags)
        }
    }

    /// A moment of the build, with the monotonic clock's milliseconds (as the stages print them).
    func mark(_ what: String) {
        guard enabled else { return }
        try? FileHandle.standardError.write(contentsOf: Data("\(what) (at \(DispatchTime.now().uptimeNanoseconds / 1_000_000 % 100_000))\n".utf8))
    }

    func report() {
        guard enabled else { return }
        let sorted = lock.withLock { totals.sorted { $0.key < $1.key } }
        var lines = sorted.map { "  template \($0.key): \($0.value.nanoseconds / 1_000_000) ms, \($0.value.pages) pages, \($0.value.tags) tags" }
        lines.append("  templates: \(sorted.reduce(0) { $0 + $1.value.tags }) tags run")
        try? FileHandle.standardError.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
