import Analysis
import Foundation
import Inventory

/// Reads the history of a site's `content/` from git: the inventory at the last commit of
/// each day, back `history:` days from today, analysed as it was, and each service's changes.
/// Nothing here fails a build: what cannot be read is a note, a point that does not load a gap.
public enum HistoryReader {
    /// The history of `source/content` as of `today`, `days` back (nil: `history: false`).
    /// A second read with the same commit at HEAD reuses `source/.shortpath/history.bin`.
    /// `git` is the program to run (nil: none is installed). `current` are the services the
    /// build parsed from the work tree: a committed blob equal to a file's is not parsed again.
    /// `changes` is handed each service's changes as soon as they are read from git, before
    /// the points are judged (the pages that show them need not wait for the points).
    public static func read(source: URL, today: Day, days: Int?, current: [Service] = [], cache: Bool = true,
                            git executable: String? = Git.locate(),
                            changes: (@Sendable ([String: [TimelineEntry]]) -> Void)? = nil) -> SiteHistory {
        read(source: source, today: today, days: days, services: { current }, cache: cache, git: executable, changes: changes)
    }

    /// As above, with the work tree's services handed over when the build has parsed them
    /// (git starts before): `services` waits for them, and gives nil when the content did not
    /// load (the build fails; the history stops before reading any blob).
    /// `keep` is handed what was parsed from git once the history is read, instead of freeing
    /// it here: a build that exits soon after need not free every parsed service one by one
    /// before its progress page can show the history.
    public static func read(source: URL, today: Day, days: Int?, services: @Sendable () -> [Service]?, cache: Bool = true,
                            git executable: String? = Git.locate(),
                            changes: (@Sendable ([String: [TimelineEntry]]) -> Void)? = nil,
                            keep: (@Sendable (any Sendable) -> Void)? = nil) -> SiteHistory {
        guard let days else { return .off("history: off (history: false in content/_index.md)", quiet: true) }
        guard let executable else {
            return .off("history: off: git is not installed, so the history of content/ cannot be read")
        }
        let git = Git(executable: executable, directory: source)
        let from = today.adding(days: -days)
        let cacheFile = source.appending(path: ".shortpath/history.bin")
        // With no new commit, HEAD read from the repository's files finds the cache: no git runs.
        if cache, let place = GitFiles.place(source), let head = place.head,
           let cached = HistoryCache.load(cacheFile, head: head, from: from, today: today) {
            return noted(cached, place, head: head)
        }
        // One process: where the repository stands, HEAD and the branch it is on.
        guard let place = GitPlace.read(git) else {
            return .off("history: off: content/ is not in a git work tree", quiet: true)
        }
        guard let head = place.head else {
            return .off("history: off: the repository has no commits yet")
        }
        if cache, let cached = HistoryCache.load(cacheFile, head: head, from: from, today: today) {
            return noted(cached, place, head: head)
        }
        do {
            let (history, skippedFuture) = try readCommits(git, head: head, from: from, today: today, days: days, shallow: place.shallow,
                                                           services: services, changes: changes, keep: keep)
            if cache, history.note == nil {
                HistoryCache.save(history, to: cacheFile, head: head, from: from, today: today, skippedFuture: skippedFuture)
            }
            return noted(history, place, head: head)
        } catch {
            return .off("history: off: git failed: \(error.message)")
        }
    }

    /// What a user should know about where the history comes from: a shallow clone's start, a
    /// detached HEAD.
    static func noted(_ history: SiteHistory, _ place: GitPlace, head: String) -> SiteHistory {
        var history = history
        if history.note == nil, place.shallow, let first = history.points.first {
            history.note = "history: partial: a shallow clone, so it starts at \(first.day) (clone with fetch-depth: 0, or run git fetch --unshallow)"
        } else if history.note == nil, place.detached {
            history.note = "history: HEAD is detached at \(head.prefix(10)); the history is that commit's"
            history.quiet = true
        }
        return history
    }

    /// The window's commits read, parsed and analysed; and whether commits dated after today
    /// were left out.
    static func readCommits(_ git: Git, head: String, from: Day, today: Day, days: Int, shallow: Bool, services: () -> [Service]? = { [] },
                            changes: (@Sendable ([String: [TimelineEntry]]) -> Void)? = nil,
                            keep: (@Sendable (any Sendable) -> Void)? = nil) throws(GitFailure) -> (SiteHistory, Bool) {
        // Three gits side by side: the log, the tree at HEAD (the tree at the window's first
        // commit is worked out from it and the log), and the service files the work tree has
        // as HEAD has them. Two days of margin: `--since` reads the committer's time, the window whole days.
        var arguments = GitLog.arguments + [head]
        arguments.insert("--since=\(from.adding(days: -2)) 00:00", at: 1)
        var clock = HistoryClock()
        let log = try git.start(arguments)
        let tree = try git.start(["ls-tree", "-r", "-z", head, "--", "content"])
        let edited = try git.start(["diff", "--name-only", "--relative", "-z", head, "--", "content/services"])
        let logged = GitLog.parse(try log.output())
        clock.lap("history: git log")
        let window = HistoryWindow(logged, from: from, today: today)
        guard let first = window.commits.first else {
            let note = logged.isEmpty ? "history: no commit changes content/ yet"
                : "history: no commit in the \(days) days up to \(today) changes content/"
            return (.off(note), window.skippedFuture)
        }
        let headTree = GitLog.parseTree(try tree.output())
        let base: [String: String]
        if let worked = GitLog.tree(at: first.id, from: headTree, undoing: logged) {
            base = worked
        } else {
            base = GitLog.parseTree(try git.run(["ls-tree", "-r", "-z", first.id, "--", "content"]))
        }
        clock.lap("history: git ls-tree")
        var wanted: [(path: String, blob: String, kind: ContentSnapshot.Kind)] = []
        var seen = Set<String>()
        // What each path is to a build, worked out once: most paths change many times.
        var kinds: [String: ContentSnapshot.Kind] = [:], others = Set<String>()
        func want(_ path: String, _ blob: String?) {
            guard let blob else { return }
            var kind = kinds[path]
            if kind == nil, !others.contains(path) {
                kind = ContentSnapshot.kind(of: path)
                if let kind { kinds[path] = kind } else { others.insert(path) }
            }
            guard let kind, seen.insert(ParsedFiles.key(path, blob)).inserted else { return }
            wanted.append((path, blob, kind))
        }
        for (path, blob) in base.sorted(by: { $0.key < $1.key }) { want(path, blob) }
        for commit in window.commits {
            for change in commit.changes {
                want(change.path, change.old)
                want(change.path, change.new)
            }
        }
        guard let current = services() else { throw GitFailure(message: "the content did not load") }
        let known = unchanged(current, tree: headTree, edited: try edited.output())
        let reused = wanted.filter { known[$0.path]?.blob == $0.blob }
        wanted.removeAll { known[$0.path]?.blob == $0.blob }
        var asked = Set<String>()
        let bytes = try git.blobs(wanted.map(\.blob).filter { asked.insert($0).inserted })
        clock.lap("history: git cat-file, \(bytes.count) blobs")
        var files = ParsedFiles.parse(wanted, bytes: bytes)
        for file in reused { files.results[ParsedFiles.key(file.path, file.blob)] = ParsedFile(.success(.service(current[known[file.path]!.service]))) }
        clock.lap("history: parse")
        let walk = HistoryWalk(commits: window.commits, points: window.points,
                               boundaries: shallow ? shallowBoundaries(git) : [],
                               base: base.filter { kinds[$0.key] != nil }, files: files, kinds: kinds)
        let timelines = walk.timelines()
        changes?(timelines)
        clock.lap("history: changes")
        let (points, measures) = walk.judged()
        clock.lap("history: \(points.count) points judged, \(measures) measures of a service")
        keep?(files)
        return (SiteHistory(points: points, timelines: timelines), window.skippedFuture)
    }

    /// The work tree's services whose file is as HEAD holds it (`edited`: the paths `git diff
    /// --name-only HEAD` lists), by path, with the blob and the service's index in
    /// `services`: parsed by the build already.
    static func unchanged(_ services: [Service], tree: [String: String], edited: [UInt8]) -> [String: (blob: String, service: Int)] {
        guard !services.isEmpty else { return [:] }
        let modified = Set(edited.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        var result: [String: (String, Int)] = [:]
        result.reserveCapacity(services.count)
        for index in services.indices {
            let path = services[index].file
            guard result[path] == nil, !modified.contains(path), let blob = tree[path] else { continue }
            result[path] = (blob, index)
        }
        return result
    }

    /// The commits a shallow clone has without their parents.
    static func shallowBoundaries(_ git: Git) -> Set<String> {
        guard let path = try? git.text(["rev-parse", "--git-path", "shallow"]) else { return [] }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : git.directory.appending(path: path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init))
    }
}

/// The commits from `from` to `today`, oldest first, and the points among them: the last
/// commit of each day, one per day, their days rising.
struct HistoryWindow {
    var commits: [LoggedCommit] = []
    var points: Set<String> = []
    /// Commits dated after today were left out (the history as of an earlier day).
    var skippedFuture = false

    /// `logged` is newest first, as `git log` gives it.
    init(_ logged: [LoggedCommit], from: Day, today: Day) {
        var kept: [LoggedCommit] = []
        var lastPoint: Day?
        for commit in logged {
            if kept.isEmpty && commit.day > today {
                skippedFuture = true
                continue
            }
            if commit.day < from { break }
            kept.append(commit)
            if lastPoint.map({ commit.day < $0 }) ?? true {
                points.insert(commit.id)
                lastPoint = commit.day
            }
        }
        commits = kept.reversed()
    }
}

extension SiteHistory {
    static func off(_ note: String, quiet: Bool) -> SiteHistory {
        var history = SiteHistory.off(note)
        history.quiet = quiet
        return history
    }
}

/// How long each step of reading the history took, on standard error with `SHORTPATH_TIMINGS`:
/// the time that passed, and the processor time of the thread that reads the history (all of
/// the history's own work with `SHORTPATH_JOBS=1`; git runs in its own processes).
struct HistoryClock {
    private let enabled = ProcessInfo.processInfo.environment["SHORTPATH_TIMINGS"] != nil
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastThread = HistoryClock.threadTime()

    mutating func lap(_ step: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds, thread = Self.threadTime()
        try? FileHandle.standardError.write(contentsOf: Data("\(step): \((now - last) / 1_000_000) ms (thread \((thread - lastThread) / 1_000_000) ms; at \(now / 1_000_000 % 100_000))\n".utf8))
        last = now
        lastThread = thread
    }

    static func threadTime() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
