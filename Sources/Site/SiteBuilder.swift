import Analysis
import Foundation
import Inventory
import Markdown
import Pipeline

/// `shortpath build`: content → model → analysis (`Pipeline`) → views → templates → files.
public enum SiteBuilder {
    public struct Result: Sendable {
        public var report: Report
        public var pages: Int
        public var files: Int
    }

    /// Builds the site into `output`, replacing it whole only when every page is written.
    /// An organisation site's members are read as `members` says (by default, all of them now).
    public static func build(source: URL, output: URL, today: Day, baseURL: String? = nil, members: MemberOptions = .online,
                             cancellation: Cancellation = Cancellation()) throws -> Result {
        Markdown.registerExtensions()
        var clock = StageClock()
        // 1–2. Read, validate and analyse the content.
        let analysed = try Pipeline.analyse(source: source, today: today, baseURL: baseURL, members: members, clock: &clock)
        // 3. The theme, checked before anything is written.
        let theme = try Theme.load(source: source, name: analysed.inventory.settings.theme)
        try cancellation.check()
        // 4. Every page into the spare folder beside the output. An interrupted or failed build
        // leaves its pages there, where the next build rewrites them; the output is untouched.
        let folder = try OutputFolder(output)
        let renderer = SiteRenderer(inventory: analysed.inventory, report: analysed.report, theme: theme)
        try renderer.writeAll(to: folder, cancellation: cancellation)
        clock.lap("pages")
        RenderTimings.shared.report()
        try cancellation.check()
        // 5. Swap it in whole, unless interrupted before the swap begins.
        try folder.commit(beforeSwap: cancellation.beginSwap)
        clock.lap("commit")
        return Result(report: analysed.report, pages: renderer.pageCount, files: renderer.fileCount)
    }
}

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

    func report() {
        guard enabled else { return }
        let sorted = lock.withLock { totals.sorted { $0.key < $1.key } }
        var lines = sorted.map { "  template \($0.key): \($0.value.nanoseconds / 1_000_000) ms, \($0.value.pages) pages, \($0.value.tags) tags" }
        lines.append("  templates: \(sorted.reduce(0) { $0 + $1.value.tags }) tags run")
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
