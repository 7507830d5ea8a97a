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
        var clock = StageClock()
        let inventory = try ContentLoader.load(source: source)
        clock.lap("load")
        let report = try Analyzer.analyze(inventory, today: today)
        clock.lap("analyze")
        return (inventory, report)
    }

    /// Builds the site into `output`, replacing it whole only when every page is written.
    public static func build(source: URL, output: URL, today: Day, baseURL: String? = nil,
                             cancellation: Cancellation = Cancellation()) throws -> Result {
        Markdown.registerExtensions()
        var clock = StageClock()
        var inventory = try ContentLoader.load(source: source)
        if let baseURL { inventory.settings.baseURL = baseURL }
        clock.lap("load")
        let report = try Analyzer.analyze(inventory, today: today)
        clock.lap("analyze")
        let theme = try Theme.load(source: source, name: inventory.settings.theme)
        try cancellation.check()
        let folder = try OutputFolder(output)
        do {
            let result = try write(inventory, report, theme, into: folder, cancellation: cancellation, clock: &clock)
            try cancellation.check()
            try folder.commit()
            clock.lap("commit")
            return result
        } catch {
            folder.abandon()
            throw error
        }
    }

    static func write(_ inventory: Inventory, _ report: Report, _ theme: Theme, into folder: OutputFolder,
                      cancellation: Cancellation, clock: inout StageClock) throws -> Result {
        let renderer = SiteRenderer(inventory: inventory, report: report, theme: theme)
        try renderer.writeAll(to: folder, cancellation: cancellation)
        clock.lap("pages")
        RenderTimings.shared.report()
        return Result(report: report, pages: renderer.pageCount, files: renderer.fileCount)
    }
}

/// The first error of concurrent workers.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?

    func record(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
    var first: Error? { lock.withLock { error } }
}

/// Prints how long each stage took to standard error when `SHORTPATH_TIMINGS` is set.
public struct StageClock {
    private let enabled = ProcessInfo.processInfo.environment["SHORTPATH_TIMINGS"] != nil
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    public mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("\(stage): \((now - last) / 1_000_000) ms\n".utf8))
        last = now
    }
}

/// CPU time spent in each template, summed over threads, when `SHORTPATH_TIMINGS` is set.
final class RenderTimings: @unchecked Sendable {
    static let shared = RenderTimings()
    let enabled = ProcessInfo.processInfo.environment["SHORTPATH_TIMINGS"] != nil
    private var totals: [String: UInt64] = [:]
    private let lock = NSLock()

    func add(_ template: String, _ nanoseconds: UInt64) { lock.withLock { totals[template, default: 0] += nanoseconds } }

    func report() {
        guard enabled else { return }
        let lines = lock.withLock { totals.sorted { $0.key < $1.key } }.map { "  template \($0.key): \($0.value / 1_000_000) ms" }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
