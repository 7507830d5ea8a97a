import Inventory

/// How much one service lengthens everyone's upgrade path, part by part, each part named and
/// said in plain words so a person can check it against the service's file. Computed from
/// facts the inventory already has; each factor's weight comes from `policy.path_weights`.
public struct PathCost: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var factor: PathFactor
        public var points: Int
        /// What was found, put in words by `reason` only when a page or command shows it.
        var finding: PathFinding

        /// `the only service on node 18 (the standard: 22)`.
        public var reason: String { finding.text }
    }

    public var slug: String
    /// The service's display name.
    public var service: String
    /// In the order of `PathFactor`, then as found.
    public var parts: [Part]

    public var points: Int { parts.reduce(0) { $0 + $1.points } }

    /// Highest first; ties by name, then slug, so the ranking never depends on file order.
    static func ranksFirst(_ a: PathCost, _ b: PathCost) -> Bool {
        if a.points != b.points { return a.points > b.points }
        if a.service != b.service { return a.service < b.service }
        return a.slug < b.slug
    }
}

/// What the cost of one service is judged against: who runs which release line, and how long
/// the team's rollouts take.
struct TeamFacts {
    /// How many active services run a line (in some environment), and one of them.
    struct LineUse {
        var services = 0
        var last = ""
    }

    /// Component → release line → who runs it.
    var lines: [String: [String: LineUse]] = [:]
    /// Component → how many active services run it.
    var users: [String: LineUse] = [:]
    /// Median minutes from start to stable over every stable rollout of the active services.
    var rolloutMedian: Int?

    /// The rollouts that count as a service's recent ones.
    static let recentRollouts = 3
    /// A service's recent median at least this many times the team's is slow.
    static let slowFactor = 2

    init(_ services: [Service], _ active: [Runtime], _ judge: inout VersionJudge) {
        var stable: [Int] = []
        for runtime in active {
            let service = services[runtime.index]
            for use in service.componentUses {
                let name = use.component.name, line = judge.judge(name, use.component.version).line
                Self.count(service.slug, in: &lines[name, default: [:]][line, default: LineUse()])
                Self.count(service.slug, in: &users[name, default: LineUse()])
            }
            for rollout in service.rollouts where !rollout.rolledBack {
                if let minutes = rollout.minutes { stable.append(minutes) }
            }
        }
        rolloutMedian = Statistics.median(stable)
    }

    /// Counts a service once, however many of its environments run the line.
    private static func count(_ slug: String, in use: inout LineUse) {
        guard use.last != slug else { return }
        use.services += 1
        use.last = slug
    }
}

extension PathCost {
    /// The cost of an active service.
    init(_ service: Service, _ runtime: Runtime, _ assessment: ServiceAssessment, _ team: TeamFacts, _ context: RuleContext) {
        slug = service.slug
        self.service = service.name
        let weights = context.policy.pathWeights
        var parts: [Part] = []
        func add(_ factor: PathFactor, _ finding: PathFinding, times: Int = 1) {
            let points = weights[factor] * times
            if points > 0 { parts.append(Part(factor: factor, points: points, finding: finding)) }
        }
        for finding in Self.loneLines(runtime, team, context) { add(.loneVersion, finding) }
        if let (factor, finding) = Self.image(runtime, context) { add(factor, finding) }
        if let age = assessment.image {
            if age.overLimit { add(.staleImage, .stale(days: age.days)) }
        } else {
            add(.staleImage, .noRebuildDate)
        }
        if service.rollback == nil {
            add(.untestedRollback, .noRollback)
        } else if case .practised(let age, _) = assessment.rollbackPractice, age.overLimit {
            add(.untestedRollback, .practised(days: age.days))
        } else if case .never = assessment.rollbackPractice {
            add(.untestedRollback, .neverPractised)
        }
        switch assessment.restore {
        case .noBackups(let store): add(.unprovenRestore, .noBackups(store: store))
        case .never: add(.unprovenRestore, .neverRestored)
        case .proven(let age) where age.overLimit: add(.unprovenRestore, .restored(days: age.days))
        case .proven, .notNeeded: break
        }
        let recent = Array(service.rollouts.sorted { $0.started < $1.started }.suffix(TeamFacts.recentRollouts))
        if let slow = Self.slow(recent, team) { add(.slowRollouts, slow) }
        let rolledBack = recent.count(where: \.rolledBack)
        if rolledBack > 0 { add(.rollbacks, .rolledBack(rolledBack, of: recent.count), times: rolledBack) }
        if service.blocksUpdates { add(.blocksUpdates, .blocksUpdates(note: service.note)) }
        self.parts = parts
    }

    /// Each component line this service runs that no other active service runs, unless it is
    /// the standard's line. A component the standard does not name counts only when others
    /// run it on another line.
    static func loneLines(_ runtime: Runtime, _ team: TeamFacts, _ context: RuleContext) -> [PathFinding] {
        runtime.components.compactMap { component in
            let name = component.name, judged = component.judged
            guard team.lines[name]?[judged.line]?.services == 1 else { return nil }
            let others = (team.users[name]?.services ?? 0) > 1
            if let approved = context.approvedVersions[name] {
                guard judged.standing != .conforms else { return nil }
                return .lone(name, line: judged.line, approved: approved.text, othersRunIt: others)
            }
            return others ? .lone(name, line: judged.line, approved: nil, othersRunIt: true) : nil
        }
    }

    /// A base image outside the approved set, or an older tag of an approved one.
    static func image(_ runtime: Runtime, _ context: RuleContext) -> (PathFactor, PathFinding)? {
        guard !context.approvedImages.isEmpty else { return nil }
        guard let image = runtime.baseImage else { return (.customImage, .noBaseImage) }
        let reference = image.reference
        if context.approvedImage(matching: reference) != nil { return nil }
        if let approved = context.approvedImage(onRepositoryOf: reference) {
            guard RuleContext.isOlder(tag: reference.effectiveTag, than: approved.reference.effectiveTag) else { return nil }
            return (.oldImageTag, .olderTag(reference.shortForm, approved: approved.reference.effectiveTag))
        }
        return (.customImage, .customImage(reference.shortForm, moving: reference.isMutable))
    }

    /// When the median of its recent stable rollouts is at least `slowFactor` times the team's.
    static func slow(_ recent: [Rollout], _ team: TeamFacts) -> PathFinding? {
        let minutes = recent.filter { !$0.rolledBack }.compactMap(\.minutes)
        guard let mine = Statistics.median(minutes), let theirs = team.rolloutMedian, theirs > 0,
              mine >= TeamFacts.slowFactor * theirs else { return nil }
        return .slow(rollouts: minutes.count, median: mine, team: theirs)
    }
}

/// What a part of the path cost found, for `PathCost.Part.reason` to put in words.
enum PathFinding: Sendable, Equatable {
    case lone(String, line: String, approved: String?, othersRunIt: Bool)
    case noBaseImage
    case customImage(String, moving: Bool)
    case olderTag(String, approved: String)
    case stale(days: Int)
    case noRebuildDate
    case noRollback
    case neverPractised
    case practised(days: Int)
    case noBackups(store: String)
    case neverRestored
    case restored(days: Int)
    case slow(rollouts: Int, median: Int, team: Int)
    case rolledBack(Int, of: Int)
    case blocksUpdates(note: String?)

    var text: String {
        switch self {
        case .lone(let name, let line, let approved?, let others):
            "the only service \(others ? "on" : "that runs") \(name) \(line) (the standard: \(approved))"
        case .lone(let name, let line, nil, _):
            "the only service on \(name) \(line) (the others run other \(name) lines)"
        case .noBaseImage: "no base image written down"
        case .customImage(let image, let moving):
            "built on \(image), a base image outside the approved set\(moving ? ", on a tag that moves" : "")"
        case .olderTag(let image, let approved): "built on \(image), older than the approved \(approved)"
        case .stale(let days): "image built \(days) days ago"
        case .noRebuildDate: "no rebuild date, so nobody knows how old its image is"
        case .noRollback: "no rollback written down"
        case .neverPractised: "rollback never practised"
        case .practised(let days): "rollback last practised \(days) days ago"
        case .noBackups(let store): "runs \(store) and names no backups"
        case .neverRestored: "backups never restored"
        case .restored(let days): "backups last restored \(days) days ago"
        case .slow(1, let median, let team): "its last stable rollout took \(median) min against the team's median of \(team)"
        case .slow(let count, let median, let team): "its last \(count) stable rollouts took a median \(median) min against the team's \(team)"
        case .rolledBack(_, of: 1): "its only rollout was rolled back"
        case .rolledBack(let count, let total): "\(count) of its last \(total) rollouts \(count == 1 ? "was" : "were") rolled back"
        case .blocksUpdates(let note): "it holds other services' updates back (blocks_updates\(note.map { ": \($0)" } ?? ""))"
        }
    }
}
