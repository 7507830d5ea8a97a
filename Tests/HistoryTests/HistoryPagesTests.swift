import Foundation
import Testing
@testable import Analysis
@testable import History
@testable import Inventory
@testable import Site

/// The history on the built pages: the progress page's series in words and charts, the
/// service page's timeline; the same bytes from the cache; the `history` key.
@Suite(.serialized) struct HistoryPagesTests {
    static let today = Day("2026-04-15")!

    func build(_ repo: GitRepository) throws -> (progress: String, services: [String: String], output: URL) {
        let output = repo.url.appending(path: "public")
        let result = try SiteBuilder.build(source: repo.url, output: output, today: Self.today)
        #expect(result.historyNote == nil)
        var services: [String: String] = [:]
        for slug in ["a", "b", "c"] {
            services[slug] = try String(contentsOf: output.appending(path: "services/\(slug)/index.html"), encoding: .utf8)
        }
        return (try String(contentsOf: output.appending(path: "progress/index.html"), encoding: .utf8), services, output)
    }

    @Test func progressPageSaysHowTheSeriesMoved() throws {
        let (repo, _) = try HistoryReaderTests.story()
        let (progress, services, _) = try build(repo)
        #expect(progress.contains("<h2>Over time</h2>"))
        #expect(progress.contains("From git: the inventory as committed on 7 days from 2026-01-10 to 2026-03-10"))
        // 90 days before 2026-04-15 is 2026-01-15: three node versions then (20, 18, 22), one now.
        #expect(progress.contains("<li class=\"better\">node: 3 versions → 1 in 90 days</li>"))
        #expect(progress.contains("<li class=\"better\">distinct base images: 2 → 1 in 90 days</li>"))
        #expect(progress.contains("<li class=\"same\">open exceptions: 0, unchanged in 90 days</li>"))
        #expect(progress.contains("<svg class=\"chart history\""))
        #expect(progress.contains("<h3>Gaps</h3>"))
        #expect(progress.contains("Half an edit of C: <small>content/services/c.md:4:1: invalid YAML"))
        let b = try #require(services["b"])
        #expect(b.contains("<h2>Changes from git</h2>"))
        #expect(b.contains("B runs node 22; its exception ends"))
        #expect(b.contains("<li class=\"changed\">node 18.20.4 → 22.11.0</li>"))
        #expect(b.contains("<li class=\"removed\">exception ended: node 18 until 2026-03-01</li>"))
        #expect(b.contains("<li class=\"added\">exception added: node 18 until 2026-03-01</li>"))
        let a = try #require(services["a"])
        #expect(a.contains("<li class=\"changed\">base image registry.example.com/base/web:2025.06 → registry.example.com/base/web:2026.01</li>"))
        #expect(a.contains("<li class=\"changed\">production version 1.0.0 → 1.1.0</li>"))
    }

    /// Same commits, same today: the same bytes, whether the history came from git or the cache.
    @Test func theCacheGivesTheSameSite() throws {
        let (repo, _) = try HistoryReaderTests.story()
        // An earlier version's JSON cache is removed when the byte cache is written.
        let oldCache = repo.url.appending(path: ".shortpath/history.json")
        try FileManager.default.createDirectory(at: oldCache.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: oldCache)
        let first = try build(repo)
        #expect(FileManager.default.fileExists(atPath: repo.url.appending(path: ".shortpath/history.bin").path))
        #expect(!FileManager.default.fileExists(atPath: oldCache.path))
        let second = try build(repo)
        #expect(second.progress == first.progress && second.services == first.services)
        try FileManager.default.removeItem(at: repo.url.appending(path: ".shortpath"))
        let third = try build(repo)
        #expect(third.progress == first.progress && third.services == first.services)
    }

    @Test func historyFalseTurnsItOffAndAWrongValueIsLocated() throws {
        let (repo, _) = try HistoryReaderTests.story()
        try repo.write("content/_index.md", "---\ntitle: Story\nhistory: false\n---\n")
        let (progress, services, _) = try build(repo)
        #expect(!progress.contains("From git"))
        #expect(services["b"]?.contains("Changes from git") == false)
        try repo.write("content/_index.md", "---\ntitle: Story\nhistory: 30\n---\n")
        #expect(try ContentLoader.load(source: repo.url).settings.historyDays == 30)
        try repo.write("content/_index.md", "---\ntitle: Story\nhistory: a year\n---\n")
        let errors = try #require(throws: ContentErrors.self) { try ContentLoader.load(source: repo.url) }
        #expect(errors.diagnostics.map(\.description).first?.hasPrefix(
            "content/_index.md:3:10: error: 'history' must be a number of days from 1 to 36500, or false, found 'a year'") == true)
    }
}
