import Analysis
import Inventory

/// The points of the window as the walk finds them, before any service is judged: which
/// points load (and with which judge), why the others are gaps, the findings about the site as
/// a whole at each, and for each service file its blob at the points that load. Each step
/// costs in proportion to the files the commit changed, not to the size of the inventory.
struct PointPlan {
    /// A point that loads.
    struct Loaded {
        /// Its index among all the points.
        var point: Int
        var day: Day
        /// Its judge, in `judges`.
        var judge: Int
        var siteErrors: Int
        var siteWarnings: Int
    }

    /// Every point, oldest first; those that load without values yet.
    var points: [HistoryPoint] = []
    /// The points that load, oldest first. A service is judged at these only.
    var loaded: [Loaded] = []
    var judges: [HistoryJudge] = []
    /// Per service file: its blob (nil: not there) from each loaded point (by its index in
    /// `loaded`) at which it differs from the last, or was changed since the last.
    var blobs: [String: [(loaded: Int, blob: String?)]] = [:]
    /// For each loaded point, the first later one judged by another judge (`loaded.count`: none).
    var judgeEnds: [Int] = []

    /// Walks `commits` from `base`, the tree at the first.
    init(commits: [LoggedCommit], points: Set<String>, base: [String: String], files: ParsedFiles, kinds: [String: ContentSnapshot.Kind]) {
        var walk = TreeWalk(files: files, kinds: kinds)
        walk.apply(base.sorted { $0.key < $1.key }.map { FileChange(path: $0.key, old: nil, new: $0.value) })
        for (index, commit) in commits.enumerated() {
            if index > 0 { walk.apply(commit.changes) }
            guard points.contains(commit.id) else { continue }
            add(commit, &walk)
        }
        judgeEnds = Array(repeating: loaded.count, count: loaded.count)
        for index in loaded.indices.reversed().dropFirst() {
            judgeEnds[index] = loaded[index + 1].judge != loaded[index].judge ? index + 1 : judgeEnds[index + 1]
        }
    }

    /// The point at `commit`: a gap when its content does not load.
    mutating func add(_ commit: LoggedCommit, _ walk: inout TreeWalk) {
        let day = commit.day
        switch walk.site(on: day) {
        case .failure(let problems):
            points.append(HistoryPoint(day: day, commit: commit.id, subject: commit.subject, values: nil, gap: Self.gap(problems.diagnostics)))
        case .success(let (inventory, judge, isNew)):
            if isNew { judges.append(judge) }
            let counts = judge.siteCounts(inventory, on: day)
            for path in walk.touched { blobs[path, default: []].append((loaded.count, walk.services[path])) }
            walk.touched = []
            loaded.append(Loaded(point: points.count, day: day, judge: judges.count - 1, siteErrors: counts.errors, siteWarnings: counts.warnings))
            points.append(HistoryPoint(day: day, commit: commit.id, subject: commit.subject, values: nil))
        }
    }

    /// Why a point does not load: its first problem, and how many more.
    static func gap(_ diagnostics: [Diagnostic]) -> String {
        let sorted = ContentErrors(diagnostics).diagnostics
        let first = sorted.first.map { "\($0.location.description): \($0.message)" } ?? "the content did not load"
        return first + (sorted.count > 1 ? " (and \(sorted.count - 1) more)" : "")
    }
}

/// The content tree as the walk moves: path → blob, and what does not load.
struct TreeWalk {
    /// Service files: path → blob.
    var services: [String: String] = [:]
    /// The site's other files (settings, standard, end-of-life data, observed state).
    var site: [String: String] = [:]
    /// The problems of the service files that do not load now, by path.
    var failing: [String: [Diagnostic]] = [:]
    /// Two names for one slug, or services with no standard: checked again when files come or go.
    var crossFile: [Diagnostic]?
    /// The service files changed since the last point that loaded.
    var touched: Set<String> = []
    var judge: HistoryJudge?
    /// The site files (path and blob) the judge was made from.
    var judgeKey: [String] = []
    let files: ParsedFiles
    let kinds: [String: ContentSnapshot.Kind]

    init(files: ParsedFiles, kinds: [String: ContentSnapshot.Kind]) {
        self.files = files
        self.kinds = kinds
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
            touched.insert(change.path)
            failing[change.path] = change.new.flatMap { files[change.path, $0]?.problems }
        }
    }

    /// The site's files as they are now, with the judge made from them (new: they changed
    /// since the last judge); or the problems that make the point a gap.
    mutating func site(on day: Day) -> Result<(Inventory, HistoryJudge, new: Bool), SiteProblems> {
        let siteFiles = site.sorted { $0.key < $1.key }
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
        problems += failing.values.joined()
        if crossFile == nil {
            crossFile = ContentSnapshot.crossFileProblems(servicePaths: Array(services.keys), hasStandards: site["content/standards.md"] != nil)
        }
        problems += crossFile ?? []
        if !problems.isEmpty { return .failure(SiteProblems(problems)) }
        let siteKey = siteFiles.map { $0.key + " " + $0.value }
        var new = false
        if siteKey != judgeKey || judge == nil {
            do {
                judge = try HistoryJudge(site: inventory)
            } catch {
                return .failure(SiteProblems(error.diagnostics))
            }
            judgeKey = siteKey
            new = true
        }
        guard let judge else { return .failure(SiteProblems([])) }
        if !inventory.observed.isEmpty {
            // The workloads that run unlisted depend on the point's services.
            inventory = Inventory(settings: inventory.settings, standards: inventory.standards,
                                  services: services.keys.sorted().compactMap { files.service($0, services[$0]) },
                                  observed: inventory.observed, eol: inventory.eol)
        }
        return .success((inventory, judge, new))
    }
}

/// The problems that make a point a gap.
struct SiteProblems: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
