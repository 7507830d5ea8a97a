import Inventory

/// How much one service lengthens everyone's upgrade path, part by part, each part named and
/// said in plain words so a person can check it against the service's file. Computed from
/// facts the inventory already has; each factor's weight comes from `policy.path_weights`.
public struct PathCost: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var factor: PathFactor
        public var points: Int
        /// `the only service on node 18`.
        public var reason: String
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
    /// Component → release line → the active services that run it in some environment.
    var lineUsers: [String: [String: Set<String>]] = [:]
    /// Component → the active services that run it.
    var componentUsers: [String: Set<String>] = [:]
    /// Median minutes from start to stable over every stable rollout of the active services.
    var rolloutMedian: Int?

    /// The rollouts that count as a service's recent ones.
    static let recentRollouts = 3
    /// A service's recent median at least this many times the team's is slow.
    static let slowFactor = 2

    init(_ active: [Service], _ context: RuleContext) {
        var stable: [Int] = []
        for service in active {
            for use in service.componentUses {
                let name = use.component.name
                lineUsers[name, default: [:]][context.line(of: name, use.component.version), default: []].insert(service.slug)
                componentUsers[name, default: []].insert(service.slug)
            }
            stable += service.rollouts.filter { !$0.rolledBack }.compactMap(\.minutes)
        }
        rolloutMedian = Statistics.median(stable)
    }
}

extension PathCost {
    /// The cost of an active service.
    init(_ service: Service, _ assessment: ServiceAssessment, _ team: TeamFacts, _ context: RuleContext) {
        slug = service.slug
        self.service = service.name
        let weights = context.policy.pathWeights
        var parts: [Part] = []
        func add(_ factor: PathFactor, _ reason: String, times: Int = 1) {
            let points = weights[factor] * times
            if points > 0 { parts.append(Part(factor: factor, points: points, reason: reason)) }
        }
        let runtime = Runtime(service)
        for reason in Self.loneLines(service, runtime, team, context) { add(.loneVersion, reason) }
        if let (factor, reason) = Self.image(runtime, context) { add(factor, reason) }
        if let age = assessment.image {
            if age.overLimit { add(.staleImage, "image built \(age.days) days ago") }
        } else {
            add(.staleImage, "no rebuild date, so nobody knows how old its image is")
        }
        if service.rollback == nil {
            add(.untestedRollback, "no rollback written down")
        } else if assessment.rollbackPractice.needsPractice {
            add(.untestedRollback, Self.practiceReason(assessment.rollbackPractice))
        }
        if assessment.restore.needsProof { add(.unprovenRestore, Self.restoreReason(assessment.restore)) }
        let recent = Array(service.rollouts.sorted { $0.started < $1.started }.suffix(TeamFacts.recentRollouts))
        if let reason = Self.slowReason(recent, team) { add(.slowRollouts, reason) }
        let rolledBack = recent.count(where: \.rolledBack)
        if rolledBack > 0 {
            let reason = recent.count == 1 ? "its only rollout was rolled back"
                : "\(rolledBack) of its last \(recent.count) rollouts \(rolledBack == 1 ? "was" : "were") rolled back"
            add(.rollbacks, reason, times: rolledBack)
        }
        if service.blocksUpdates {
            add(.blocksUpdates, "it holds other services' updates back (blocks_updates\(service.note.map { ": \($0)" } ?? ""))")
        }
        self.parts = parts
    }

    /// `the only service on node 18`: each component line this service runs that no other
    /// active service runs, unless it is the standard's line. A component the standard does
    /// not name counts only when others run it on another line.
    static func loneLines(_ service: Service, _ runtime: Runtime, _ team: TeamFacts, _ context: RuleContext) -> [String] {
        var reasons: [String] = []
        var seen: Set<String> = []
        for component in runtime.components where !seen.contains(component.name) {
            seen.insert(component.name)
            let name = component.name, line = context.line(of: name, component.version)
            guard team.lineUsers[name]?[line] == [service.slug] else { continue }
            if let approved = context.approvedVersions[name] {
                guard context.standing(of: name, component.version)?.standing != .conforms else { continue }
                let others = (team.componentUsers[name]?.count ?? 1) > 1
                reasons.append("the only service \(others ? "on" : "that runs") \(name) \(line) (the standard: \(approved.text))")
            } else if (team.componentUsers[name]?.count ?? 0) > 1 {
                reasons.append("the only service on \(name) \(line) (the others run other \(name) lines)")
            }
        }
        return reasons
    }

    /// A base image outside the approved set, or an older tag of an approved one.
    static func image(_ runtime: Runtime, _ context: RuleContext) -> (PathFactor, String)? {
        guard !context.approvedImages.isEmpty else { return nil }
        guard let image = runtime.baseImage else { return (.customImage, "no base image written down") }
        let reference = image.reference
        if context.approvedImage(matching: reference) != nil { return nil }
        if let approved = context.approvedImage(onRepositoryOf: reference) {
            guard RuleContext.isOlder(tag: reference.effectiveTag, than: approved.reference.effectiveTag) else { return nil }
            return (.oldImageTag, "built on \(reference.shortForm), older than the approved \(approved.reference.effectiveTag)")
        }
        let moving = reference.isMutable ? ", on a tag that moves" : ""
        return (.customImage, "built on \(reference.shortForm), a base image outside the approved set\(moving)")
    }

    static func practiceReason(_ practice: Practice) -> String {
        guard case .practised(let age, _) = practice else { return "rollback never practised" }
        return "rollback last practised \(age.days) days ago"
    }

    static func restoreReason(_ restore: Restore) -> String {
        switch restore {
        case .noBackups(let store): "runs \(store) and names no backups"
        case .proven(let age): "backups last restored \(age.days) days ago"
        case .never, .notNeeded: "backups never restored"
        }
    }

    /// `its last 3 rollouts took a median 100 min against the team's 25`, when the median of
    /// its recent stable rollouts is at least `slowFactor` times the team's.
    static func slowReason(_ recent: [Rollout], _ team: TeamFacts) -> String? {
        let minutes = recent.filter { !$0.rolledBack }.compactMap(\.minutes)
        guard let mine = Statistics.median(minutes), let theirs = team.rolloutMedian, theirs > 0,
              mine >= TeamFacts.slowFactor * theirs else { return nil }
        if minutes.count == 1 { return "its last stable rollout took \(mine) min against the team's median of \(theirs)" }
        return "its last \(minutes.count) stable rollouts took a median \(mine) min against the team's \(theirs)"
    }
}
