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

    /// Each service's changes, commit by commit, newest first by slug.
    func timelines() -> [String: [TimelineEntry]] {
        var timelines = TimelineBuilder(files: files, kinds: kinds)
        for commit in commits where !boundaries.contains(commit.id) { timelines.add(commit) }
        return timelines.entries
    }

    /// The points judged, oldest first.
    func judged() -> [HistoryPoint] {
        var state = PointState(tree: base, files: files, kinds: kinds)
        var result: [HistoryPoint] = []
        for (index, commit) in commits.enumerated() {
            if index > 0 { state.apply(commit.changes) }
            guard points.contains(commit.id) else { continue }
            result.append(state.evaluate(commit))
        }
        return result
    }
}

/// The content tree as the walk moves, and the measures of the last point that loaded. Each
/// step costs in proportion to the files the commit changed, not to the size of the inventory.
struct PointState {
    /// Service files: path → blob.
    var services: [String: String] = [:]
    /// The site's other files (settings, standard, end-of-life data, observed state).
    var site: [String: String] = [:]
    /// The problems of the service files that do not load now, by path.
    var failing: [String: [Diagnostic]] = [:]
    /// Two names for one slug, or services with no standard: checked again when files come or go.
    var crossFile: [Diagnostic]?
    /// The measures the tally holds, by path.
    var measured: [String: ServiceMeasure] = [:]
    var tally = HistoryTally()
    /// The services changed since the last point that loaded.
    var dirty: Set<String> = []
    /// Paths whose measure may turn on a day, by the day's ordinal.
    var turning: [Int: [String]] = [:]
    var lastMeasured: Day?
    var judge: HistoryJudge?
    /// The site files (path and blob) the judge was made from.
    var judgeKey: [String] = []
    let files: ParsedFiles
    let kinds: [String: ContentSnapshot.Kind]

    init(tree: [String: String], files: ParsedFiles, kinds: [String: ContentSnapshot.Kind]) {
        self.files = files
        self.kinds = kinds
        apply(tree.sorted { $0.key < $1.key }.map { FileChange(path: $0.key, old: nil, new: $0.value) })
    }

    mutating func apply(_ changes: [FileChange]) {
        for change in changes {
            guard let kind = kinds[change.path] else { continue }
            guard case .service = kind else {
                site[change.path] = change.new
                continue
            }
            if (services[change.path] == nil) != (change.new == nil) { crossFile = nil }
            services[change.path] = change.new
            dirty.insert(change.path)
            failing[change.path] = change.new.flatMap { files[change.path, $0]?.problems }
        }
    }

    /// The point at `commit`: its values, or a gap when its content does not load.
    mutating func evaluate(_ commit: LoggedCommit) -> HistoryPoint {
        let day = commit.day
        func gap(_ diagnostics: [Diagnostic]) -> HistoryPoint {
            let sorted = ContentErrors(diagnostics).diagnostics
            let first = sorted.first.map { "\($0.location.description): \($0.message)" } ?? "the content did not load"
            let more = sorted.count > 1 ? " (and \(sorted.count - 1) more)" : ""
            return HistoryPoint(day: day, commit: commit.id, subject: commit.subject, values: nil, gap: first + more)
        }
        // The site's own files.
        let siteFiles = site.sorted { $0.key < $1.key }
        let siteKey = siteFiles.map { $0.key + " " + $0.value }
        var inventory = Inventory(settings: SiteSettings(), standards: Standards(), services: [])
        var problems: [Diagnostic] = []
        var observed: [ObservedSnapshot] = []
        for (path, blob) in siteFiles {
            switch files[path, blob]?.result {
            case .success(.settings(let settings))?: inventory.settings = settings
            case .success(.standards(let standards))?: inventory.standards = standards
            case .success(.eol(let product))?: inventory.eol[product.product] = product
            case .success(.observed(let snapshot))?: observed.append(snapshot)
            case .failure(let errors)?: problems += errors.diagnostics
            default: break
            }
        }
        inventory.observed = observed.sorted { ($0.environment, $0.file) < ($1.environment, $1.file) }
        // The services' files.
        problems += failing.values.joined()
        if crossFile == nil {
            crossFile = ContentSnapshot.crossFileProblems(servicePaths: Array(services.keys), hasStandards: site["content/standards.md"] != nil)
        }
        problems += crossFile ?? []
        if !problems.isEmpty { return gap(problems) }
        if siteKey != judgeKey || judge == nil {
            do {
                judge = try HistoryJudge(site: inventory)
            } catch {
                return gap(error.diagnostics)
            }
            judgeKey = siteKey
            dirty.formUnion(measured.keys)
            dirty.formUnion(services.keys)
        }
        guard let judge else { return gap([]) }
        // Services whose date rules may turn since the last point.
        if let last = lastMeasured, day > last {
            for ordinal in (last.ordinal + 1)...day.ordinal {
                if let paths = turning.removeValue(forKey: ordinal) { dirty.formUnion(paths) }
            }
        }
        let changed = dirty.sorted()
        let found = changed.map { path in files.service(path, services[path]) }
        let measures = ConcurrentSlots<ServiceMeasure>(count: changed.count)
        Workers.forEach(changed.count) { index in
            if let service = found[index] { measures[index] = judge.measure(service, on: day) }
        }
        for (index, path) in changed.enumerated() {
            let new = measures[index]
            tally.replace(measured[path], with: new)
            measured[path] = new
            if let turn = new?.validUntil { turning[turn.ordinal, default: []].append(path) }
        }
        dirty = []
        lastMeasured = day
        if !inventory.observed.isEmpty {
            inventory = Inventory(settings: inventory.settings, standards: inventory.standards,
                                  services: services.keys.sorted().compactMap { files.service($0, services[$0]) },
                                  observed: inventory.observed, eol: inventory.eol)
        }
        let counts = judge.siteCounts(inventory, on: day)
        return HistoryPoint(day: day, commit: commit.id, subject: commit.subject,
                            values: tally.values(siteErrors: counts.errors, siteWarnings: counts.warnings))
    }
}

/// Each service's changes, commit by commit.
struct TimelineBuilder {
    let files: ParsedFiles
    let kinds: [String: ContentSnapshot.Kind]
    /// The last version of each service file that loaded, by path; nil once removed.
    var last: [String: ParsedFile?] = [:]
    /// By slug, oldest first.
    var bySlug: [String: [TimelineEntry]] = [:]

    init(files: ParsedFiles, kinds: [String: ContentSnapshot.Kind]) {
        self.files = files
        self.kinds = kinds
    }

    mutating func add(_ commit: LoggedCommit) {
        for change in commit.changes {
            guard case .service(let slug)? = kinds[change.path] else { continue }
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
            if entry.broken != nil || !entry.changes.isEmpty { bySlug[slug, default: []].append(entry) }
        }
    }

    /// By slug, newest first.
    var entries: [String: [TimelineEntry]] { bySlug.mapValues { Array($0.reversed()) } }
}
