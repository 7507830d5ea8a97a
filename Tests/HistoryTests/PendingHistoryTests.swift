import Foundation
import Testing
@testable import Analysis
@testable import History
@testable import Inventory
import Pipeline
@testable import Site

/// The pages written while the history from git is still being read: those that do not show
/// it first, a service page only once the services' changes are in, the progress page only once
/// every point is; and the same bytes as with the history read before.
@Suite(.serialized) struct PendingHistoryTests {
    /// Pages kept in memory, in the order written, with the moments the history came in.
    final class Recorder: PageSink, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var files: [String: [UInt8]] = [:]
        private(set) var log: [String] = []

        func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }
        func write(_ path: String, _ bytes: [UInt8]) throws {
            lock.withLock {
                files[path] = bytes
                log.append(path)
            }
        }
        func mark(_ event: String) { lock.withLock { log.append(event) } }
    }

    @Test func pagesWaitOnlyForWhatTheyShow() throws {
        let (repo, _) = try HistoryReaderTests.story()
        let today = HistoryPagesTests.today
        let inventory = try Pipeline.load(source: repo.url)
        let report = try Pipeline.analyse(inventory, today: today)
        let theme = try Theme.load(source: repo.url, name: inventory.settings.theme)
        let history = HistoryReader.read(source: repo.url, today: today, days: 365, cache: false)
        #expect(!history.timelines.isEmpty && !history.points.isEmpty)

        let ready = Recorder()
        try SiteRenderer(inventory: inventory, report: report, theme: theme, history: history).writeAll(to: ready)

        let pending = PendingHistory()
        let late = Recorder()
        let reader = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            late.mark("changes read")
            pending.publish(timelines: history.timelines)
            Thread.sleep(forTimeInterval: 0.3)
            late.mark("points judged")
            pending.publish(history)
        }
        reader.start()
        try SiteRenderer(inventory: inventory, report: report, theme: theme, pending: pending).writeAll(to: late)

        #expect(late.files == ready.files)
        let changes = try #require(late.log.firstIndex(of: "changes read"))
        let points = try #require(late.log.firstIndex(of: "points judged"))
        let position = { (path: String) in late.log.firstIndex(of: path) ?? -1 }
        // Written before anything of the history was in: the pages that do not show it.
        #expect(position("findings/index.html") < changes && position("index.html") < changes)
        // Service pages after the changes; the progress page after the points.
        for slug in ["a", "b", "c"] { #expect(position("services/\(slug)/index.html") > changes) }
        #expect(position("progress/index.html") > points)
    }

    @Test func aHistoryPublishedWholeAnswersBoth() {
        let pending = PendingHistory()
        #expect(!pending.timelinesRead)
        let entry = TimelineEntry(day: Day("2026-01-10")!, commit: "abc", subject: "First", changes: [])
        let history = SiteHistory(points: [], timelines: ["a": [entry]], note: "history: partial")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { pending.publish(history) }
        #expect(pending.timelines == history.timelines)
        #expect(pending.timelinesRead)
        #expect(pending.history == history)
        // Changes published again later do not replace the first.
        pending.publish(timelines: [:])
        #expect(pending.timelines == history.timelines)
    }
}
