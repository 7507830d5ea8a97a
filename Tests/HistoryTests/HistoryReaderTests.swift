import Foundation
import Testing
@testable import Analysis
@testable import History
@testable import Inventory

/// A repository whose commits tell a story: node versions converge on 22, an exception is
/// added and then ended, a base image is replaced, one commit breaks a file and the next
/// fixes it, and a day passes the exception's end with no commit to the service.
@Suite(.serialized) struct HistoryReaderTests {
    static let digest = "sha256:" + String(repeating: "a", count: 64)
    static let today = Day("2026-03-15")!

    static func service(_ name: String, node: String, base: String, exception: String = "", version: String = "1.0.0") -> String {
        """
        ---
        name: \(name)
        owner: dana
        base_image: registry.example.com/base/web:\(base)
        rebuilt: 2026-01-05
        components: { node: "\(node)" }
        environments:
          production:
            version: "\(version)"
            image: registry.example.com/team/\(name.lowercased()):\(version)
            digest: \(digest)
        rollback:
          previous_image: registry.example.com/team/\(name.lowercased()):0.9.0@\(digest)
          command: kubectl rollout undo deployment/\(name.lowercased())
          health_check: curl -fsS https://\(name.lowercased())/healthz
          stop_point: 5 minutes of failing checks
          decides: dana
          tested: 2026-01-02
        \(exception)---
        Runbook.

        """
    }

    static let exception = """
        exceptions:
          - component: node
            version: "18"
            reason: the old driver
            approved_by: lee
            until: 2026-03-01

        """

    /// The story; the ids of its commits by name.
    static func story() throws -> (GitRepository, [String: String]) {
        let repo = try GitRepository()
        var ids: [String: String] = [:]
        try repo.write("content/_index.md", "---\ntitle: Story\npolicy:\n  stale_image_days: 30\n---\n")
        try repo.write("content/standards.md", "---\ncomponents: { node: \"22\" }\nimages:\n  web: registry.example.com/base/web:2026.01\n---\n")
        try repo.write("content/services/a.md", service("A", node: "20.11.1", base: "2025.06"))
        try repo.write("content/services/b.md", service("B", node: "18.20.4", base: "2026.01"))
        try repo.write("content/services/c.md", service("C", node: "22.11.0", base: "2026.01"))
        ids["start"] = try repo.commit("Start the inventory", on: "2026-01-10")
        try repo.write("content/services/b.md", service("B", node: "18.20.4", base: "2026.01", exception: exception))
        ids["exception"] = try repo.commit("B may stay on node 18 until March", on: "2026-01-20")
        try repo.write("content/services/a.md", service("A", node: "22.12.0", base: "2025.06"))
        ids["a-node"] = try repo.commit("A runs node 22", on: "2026-02-01")
        try repo.write("content/services/a.md", service("A", node: "22.12.0", base: "2026.01", version: "1.1.0"))
        ids["a-image"] = try repo.commit("A on the new base image, 1.1.0", on: "2026-02-01")
        try repo.write("content/services/c.md", "---\nname: C\nowner: [unclosed\n---\n")
        ids["broken"] = try repo.commit("Half an edit of C", on: "2026-02-10")
        try repo.write("content/services/c.md", service("C", node: "22.11.0", base: "2026.01"))
        ids["fixed"] = try repo.commit("C fixed", on: "2026-02-15")
        try repo.write("README.md", "not content\n")
        try repo.commit("A readme, outside content/", on: "2026-02-20")
        try repo.write("content/_index.md", "---\ntitle: Story, renamed\npolicy:\n  stale_image_days: 30\n---\n")
        ids["title"] = try repo.commit("Rename the site", on: "2026-03-05")
        try repo.write("content/services/b.md", service("B", node: "22.11.0", base: "2026.01"))
        ids["b-node"] = try repo.commit("B runs node 22; its exception ends", on: "2026-03-10")
        return (repo, ids)
    }

    @Test func seriesAtEachPointOfTheStory() throws {
        let (repo, ids) = try Self.story()
        let history = HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false)
        #expect(history.note == nil)
        let days = history.points.map(\.day.description)
        #expect(days == ["2026-01-10", "2026-01-20", "2026-02-01", "2026-02-10", "2026-02-15", "2026-03-05", "2026-03-10"])
        // The last commit of 2026-02-01 is the day's point.
        #expect(history.points[2].commit == ids["a-image"])
        #expect(history.points[2].subject == "A on the new base image, 1.1.0")
        let values = history.points.map(\.values)
        #expect(values.map { $0?.versions["node"] } == [3, 3, 2, nil, 2, 2, 1])
        #expect(values.map { $0?.baseImages } == [2, 2, 1, nil, 1, 1, 1])
        // The exception is open from its commit to its end on 2026-03-01, then removed.
        #expect(values.map { $0?.openExceptions } == [0, 1, 1, nil, 1, 0, 0])
        #expect(values.map { $0?.activeServices } == [3, 3, 3, nil, 3, 3, 3])
        // The gap says why.
        let gap = try #require(history.points[3].gap)
        #expect(gap.hasPrefix("content/services/c.md:4:1: invalid YAML"), "\(gap)")
        #expect(history.points[3].commit == ids["broken"])
        // The work tree's services, parsed by the build, stand in for the blobs they equal.
        // A file changed in the work tree since is parsed from its blob.
        try repo.write("content/services/c.md", Self.service("C", node: "22.11.0", base: "2026.02"))
        let current = try ContentLoader.load(source: repo.url).services
        let reusing = HistoryReader.read(source: repo.url, today: Self.today, days: 365, current: current, cache: false)
        #expect(reusing == history)
    }

    /// Every point equals a build's analysis of the same commit checked out, judged on its day.
    @Test func pointsEqualAFullAnalysisOfTheCommit() throws {
        let (repo, _) = try Self.story()
        let history = HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false)
        var compared = 0
        for point in history.points {
            let folder = try repo.export(point.commit)
            defer { try? FileManager.default.removeItem(at: folder) }
            guard let values = point.values else {
                #expect(throws: ContentErrors.self) { try ContentLoader.load(source: folder) }
                continue
            }
            let inventory = try ContentLoader.load(source: folder)
            let report = try Analyzer.analyze(inventory, today: point.day)
            #expect(values.errors == report.count(.error), "errors on \(point.day)")
            #expect(values.warnings == report.count(.warning), "warnings on \(point.day)")
            #expect(values.onStandardPath == report.statuses.values.count(where: \.onStandardPath), "on the path on \(point.day)")
            #expect(values.activeServices == report.statuses.count)
            compared += 1
        }
        #expect(compared == 6)
        // The date rules turned between the points: image-stale from 2026-02-05, exception-expired after 2026-03-01.
        let warnings = history.points.compactMap { $0.values?.warnings }
        #expect(Set(warnings).count > 1)
    }

    @Test func eachServiceHasItsTimeline() throws {
        let (repo, ids) = try Self.story()
        let history = HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false)
        let b = try #require(history.timelines["b"])
        #expect(b.map(\.commit) == [ids["b-node"], ids["exception"], ids["start"]])
        #expect(b[0].changes == [ServiceChange("node", from: "18.20.4", to: "22.11.0"),
                                 ServiceChange("exception", from: "node 18 until 2026-03-01", to: nil)])
        #expect(b[0].subject == "B runs node 22; its exception ends")
        #expect(b[0].day == Day("2026-03-10"))
        #expect(b[1].changes == [ServiceChange("exception", from: nil, to: "node 18 until 2026-03-01")])
        #expect(b[2].changes == [ServiceChange("service", from: nil, to: "B")])
        let a = try #require(history.timelines["a"])
        #expect(a.map(\.commit) == [ids["a-image"], ids["a-node"], ids["start"]])
        #expect(a[0].changes == [ServiceChange("base image", from: "registry.example.com/base/web:2025.06", to: "registry.example.com/base/web:2026.01"),
                                 ServiceChange("production version", from: "1.0.0", to: "1.1.0"),
                                 ServiceChange("production image", from: "registry.example.com/team/a:1.0.0",
                                               to: "registry.example.com/team/a:1.1.0")])
        // The broken commit is in C's timeline; the fix restored the same facts, so it adds no change.
        let c = try #require(history.timelines["c"])
        #expect(c.map(\.commit) == [ids["broken"], ids["start"]])
        #expect(c[0].broken?.hasPrefix("content/services/c.md:4:1: invalid YAML") == true)
    }

    @Test func theWindowEndsAtTodayAndReachesBackHistoryDays() throws {
        let (repo, _) = try Self.story()
        // As of 2026-02-12, 20 days back: the points of 2026-01-20 to 2026-02-10.
        let history = HistoryReader.read(source: repo.url, today: Day("2026-02-12")!, days: 23, cache: false)
        #expect(history.points.map(\.day.description) == ["2026-01-20", "2026-02-01", "2026-02-10"])
        #expect(history.points.first?.values?.openExceptions == 1)
    }

    @Test func aSecondReadWithNoNewCommitUsesTheCache() throws {
        let (repo, _) = try Self.story()
        let first = HistoryReader.read(source: repo.url, today: Self.today, days: 365)
        let file = repo.url.appending(path: ".shortpath/history.bin")
        #expect(FileManager.default.fileExists(atPath: file.path))
        // The folder ignores itself: the work tree stays clean.
        #expect(try repo.git("status", "--porcelain") == "")
        #expect(HistoryReader.read(source: repo.url, today: Self.today, days: 365) == first)
        // Proof that the second read came from the file: a subject changed in it (to one of
        // the same length: texts are stored with their length) shows.
        var bytes = [UInt8](try Data(contentsOf: file))
        let subject = try #require(bytes.firstRange(of: Array("Start the inventory".utf8)))
        bytes.replaceSubrange(subject, with: Array("From the cache file".utf8))
        try Data(bytes).write(to: file)
        #expect(HistoryReader.read(source: repo.url, today: Self.today, days: 365).points.first?.subject == "From the cache file")
        // A new commit: read again.
        try repo.write("content/services/d.md", Self.service("D", node: "22.1.0", base: "2026.01"))
        try repo.commit("D", on: "2026-03-12")
        let third = HistoryReader.read(source: repo.url, today: Self.today, days: 365)
        #expect(third.points.first?.subject == "Start the inventory")
        #expect(third.points.last?.values?.activeServices == 4)
    }

    @Test func aDamagedCacheIsReadFromGitAgain() throws {
        let (repo, _) = try Self.story()
        let first = HistoryReader.read(source: repo.url, today: Self.today, days: 365)
        let file = repo.url.appending(path: ".shortpath/history.bin")
        let whole = [UInt8](try Data(contentsOf: file))
        #expect(whole.count > 100)
        let head = try repo.git("rev-parse", "HEAD")
        func decode(_ bytes: [UInt8]) -> SiteHistory? {
            (try? HistoryCache.decode(bytes, head: head, from: Self.today.adding(days: -365), today: Self.today)) ?? nil
        }
        #expect(decode(whole) == first)
        // Cut at any length, or with bytes added, or an old JSON cache: nothing is read.
        for length in 0..<whole.count { #expect(decode(Array(whole[..<length])) == nil) }
        for bytes in [whole + [0], whole + whole, Array(#"{"format":1,"points":[]}"#.utf8)] { #expect(decode(bytes) == nil) }
        // Any byte changed reads without a crash.
        for index in whole.indices {
            var changed = whole
            changed[index] ^= 0xFF
            _ = decode(changed)
        }
        for bytes in [Array(whole[..<(whole.count / 2)]), Array(whole.dropLast()), [UInt8]()] {
            try Data(bytes).write(to: file)
            #expect(HistoryReader.read(source: repo.url, today: Self.today, days: 365) == first)
            // Read from git again, and the whole file written back.
            #expect([UInt8](try Data(contentsOf: file)) == whole)
        }
    }

    @Test func theCacheKeepsEveryValueAndChange() throws {
        let (repo, _) = try Self.story()
        let history = HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false)
        #expect(!history.timelines.isEmpty && history.points.contains { $0.gap != nil })
        let head = try repo.git("rev-parse", "HEAD")
        let from = Self.today.adding(days: -365)
        let bytes = HistoryCache.encode(history, head: head, from: from, today: Self.today, skippedFuture: false)
        #expect(try HistoryCache.decode(bytes, head: head, from: from, today: Self.today) == history)
        // Another HEAD, a longer window or another today does not fit.
        #expect(try HistoryCache.decode(bytes, head: String(repeating: "0", count: 40), from: from, today: Self.today) == nil)
        #expect(try HistoryCache.decode(bytes, head: head, from: from.adding(days: -1), today: Self.today) == nil)
        #expect(try HistoryCache.decode(bytes, head: head, from: from, today: Self.today.adding(days: -1)) == nil)
        // A shorter window is cut from it.
        let later = try #require(history.points.dropFirst().first?.day)
        let cut = try #require(try HistoryCache.decode(bytes, head: head, from: later, today: Self.today))
        #expect(cut.points == history.points.filter { $0.day >= later })
    }

    @Test func noGitIsOneLine() throws {
        let (repo, _) = try Self.story()
        let history = HistoryReader.read(source: repo.url, today: Self.today, days: 365, git: nil)
        #expect(history.points.isEmpty)
        #expect(history.note == "history: off: git is not installed, so the history of content/ cannot be read")
        #expect(!history.quiet)
    }

    @Test func offByChoiceOrOutsideGitIsQuiet() throws {
        let (repo, _) = try Self.story()
        #expect(HistoryReader.read(source: repo.url, today: Self.today, days: nil).quiet)
        let plain = FileManager.default.temporaryDirectory.appending(path: "shortpath-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: plain.appending(path: "content"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: plain) }
        let outside = HistoryReader.read(source: plain, today: Self.today, days: 365)
        #expect(outside.quiet && outside.points.isEmpty)
    }

    @Test func aShallowCloneIsPartial() throws {
        let (repo, _) = try Self.story()
        let clone = FileManager.default.temporaryDirectory.appending(path: "shortpath-shallow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try GitRepository.run(["clone", "-q", "--depth", "3", "file://\(repo.url.path)", clone.path], in: repo.url)
        let history = HistoryReader.read(source: clone, today: Self.today, days: 365, cache: false)
        #expect(history.note?.hasPrefix("history: partial: a shallow clone, so it starts at 2026-02-20") == true, "\(history.note ?? "")")
        #expect(!history.quiet)
        // The boundary commit holds the content as it was then: the first point.
        #expect(history.points.map(\.day.description) == ["2026-02-20", "2026-03-05", "2026-03-10"])
        // The boundary commit shows no service as added.
        #expect(history.timelines["a"] == nil)
        #expect(history.timelines["b"]?.count == 1)
    }

    @Test func aDetachedHeadReadsThatCommit() throws {
        let (repo, ids) = try Self.story()
        try repo.git("checkout", "-q", "--detach", ids["fixed"]!)
        let history = HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false)
        #expect(history.note?.hasPrefix("history: HEAD is detached at") == true)
        #expect(history.points.last?.commit == ids["fixed"])
    }

    @Test func noCommitTouchesContent() throws {
        let repo = try GitRepository()
        try repo.write("README.md", "hello\n")
        try repo.commit("readme", on: "2026-01-01")
        try repo.write("content/standards.md", "---\n---\n")
        let history = HistoryReader.read(source: repo.url, today: Self.today, days: 365, cache: false)
        #expect(history.note == "history: no commit changes content/ yet")
        let empty = try GitRepository()
        #expect(HistoryReader.read(source: empty.url, today: Self.today, days: 365).note == "history: off: the repository has no commits yet")
    }
}
