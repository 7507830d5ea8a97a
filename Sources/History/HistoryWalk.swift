import Analysis
import Inventory
import Parallel

/// Walks the commits of the window oldest first, keeping the content tree as path → blob, and
/// analyses it at each point. Each blob is parsed once; at each point only the services whose
/// file changed, or whose date rules may turn that day, are judged again (all of them when the
/// site's settings, standard, end-of-life data or observed state changed).
struct HistoryWalk {
    /// Oldest first.
    let commits: [LoggedCommit]
    /// The commits that are points (the last of each day).
    let points: Set<String>
    /// Commits whose parents the repository does not have (a shallow clone's boundary): their
    /// changes are the whole tree, not a change of any service.
    let boundaries: Set<String>
    /// The content tree at the first commit: path → blob.
    let base: [String: String]
    /// Every blob of the window parsed, by `ParsedFiles.key`.
    let files: ParsedFiles
    /// What each content file of the window is to a build, worked out once per path.
    let kinds: [String: ContentSnapshot.Kind]

    /// Each service's changes, commit by commit, newest first by slug. Each slug's changes
    /// depend on its own files only: they are worked out slug by slug, on every core.
    func timelines() -> [String: [TimelineEntry]] {
        var bySlug: [String: [(commit: Int, change: Int)]] = [:]
        for (index, commit) in commits.enumerated() where !boundaries.contains(commit.id) {
            for (number, change) in commit.changes.enumerated() {
                guard case .service(let slug)? = kinds[change.path] else { continue }
                bySlug[slug, default: []].append((index, number))
            }
        }
        let slugs = Array(bySlug.keys), changes = bySlug
        let slots = ConcurrentSlots<[TimelineEntry]>(count: slugs.count)
        Workers.forEach(slugs.count) { index in
            var timeline = TimelineBuilder(files: files, kinds: kinds)
            for (commit, change) in changes[slugs[index]] ?? [] { timeline.add(commits[commit], commits[commit].changes[change]) }
            slots[index] = timeline.entries
        }
        var result: [String: [TimelineEntry]] = [:]
        result.reserveCapacity(slugs.count)
        for (index, entries) in slots.take().enumerated() where !(entries ?? []).isEmpty { result[slugs[index]] = entries }
        return result
    }

    /// The points judged, oldest first. The points that load are found first; then each
    /// service file is judged on its own, on every core, at the points where its blob, the
    /// judge or a date its rules compare changed; then the measures are added up point by point.
    func judged() -> (points: [HistoryPoint], measures: Int) {
        let plan = PointPlan(commits: commits, points: points, base: base, files: files, kinds: kinds)
        let paths = plan.blobs.keys.sorted()
        let runs = ConcurrentSlots<(changes: [MeasureChange], measures: Int)>(count: paths.count)
        Workers.forEach(paths.count) { index in runs[index] = plan.measures(of: paths[index], files) }
        var byPoint = Array(repeating: [MeasureChange](), count: plan.loaded.count)
        var measures = 0
        for run in runs.all {
            for change in run?.changes ?? [] { byPoint[change.loaded].append(change) }
            measures += run?.measures ?? 0
        }
        var result = plan.points
        var tally = HistoryTally()
        for (index, point) in plan.loaded.enumerated() {
            for change in byPoint[index] { tally.replace(change.old, with: change.new) }
            result[point.point].values = tally.values(siteErrors: point.siteErrors, siteWarnings: point.siteWarnings)
        }
        return (result, measures)
    }
}

/// A service's measure at a point that loads, replacing the one it had at the points before.
struct MeasureChange: Sendable {
    var loaded: Int
    var old: ServiceMeasure?
    var new: ServiceMeasure?
}

extension PointPlan {
    /// The measures of the service file at `path`, point by point where they change. A measure
    /// holds until the file's blob or the judge changes, or until its `validUntil` day. Also
    /// how many times the service was judged.
    func measures(of path: String, _ files: ParsedFiles) -> (changes: [MeasureChange], measures: Int) {
        guard let changes = blobs[path], let first = changes.first else { return ([], 0) }
        var result: [MeasureChange] = [], measures = 0
        var held: ServiceMeasure?
        var next = 0, blob: String?
        var at = first.loaded
        while at < loaded.count {
            while next < changes.count, changes[next].loaded <= at {
                blob = changes[next].blob
                next += 1
            }
            let point = loaded[at]
            let measure = files.service(path, blob).map { judges[point.judge].measure($0, on: point.day) }
            if measure != nil { measures += 1 }
            if !Self.sameCounts(measure, held) { result.append(MeasureChange(loaded: at, old: held, new: measure)) }
            held = measure
            // The next point at which the measure may change.
            var until = next < changes.count ? changes[next].loaded : loaded.count
            until = min(until, judgeEnds[at])
            if let turn = measure?.validUntil { until = min(until, firstLoaded(onOrAfter: turn)) }
            at = until
        }
        return (result, measures)
    }

    /// The two measures add the same to the points' values.
    static func sameCounts(_ a: ServiceMeasure?, _ b: ServiceMeasure?) -> Bool {
        guard var a, var b else { return a == nil && b == nil }
        a.validUntil = nil
        b.validUntil = nil
        return a == b
    }

    /// The index of the first loaded point on or after `day` (`loaded.count`: none).
    func firstLoaded(onOrAfter day: Day) -> Int {
        var low = 0, high = loaded.count
        while low < high {
            let middle = (low + high) / 2
            if loaded[middle].day < day { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// One service's changes, commit by commit.
struct TimelineBuilder {
    let files: ParsedFiles
    let kinds: [String: ContentSnapshot.Kind]
    /// The last version of each of the service's files that loaded, by path; nil once removed.
    var last: [String: ParsedFile?] = [:]
    /// Oldest first.
    var added: [TimelineEntry] = []

    init(files: ParsedFiles, kinds: [String: ContentSnapshot.Kind]) {
        self.files = files
        self.kinds = kinds
    }

    /// One change of `commit` to one of the service's files.
    mutating func add(_ commit: LoggedCommit, _ change: FileChange) {
        let before = last[change.path] ?? change.old.flatMap { files[change.path, $0] }
        var entry = TimelineEntry(day: commit.day, commit: commit.id, subject: commit.subject, changes: [])
        let after = change.new.flatMap { files[change.path, $0] }
        if let problems = after?.problems {
            entry.broken = problems.first.map { "\($0.location.description): \($0.message)" } ?? "the file did not load"
            last[change.path] = before
        } else {
            entry.changes = ServiceChange.between(before?.service, after?.service)
            last[change.path] = after
        }
        if entry.broken != nil || !entry.changes.isEmpty { added.append(entry) }
    }

    /// Newest first.
    var entries: [TimelineEntry] { added.reversed() }
}
