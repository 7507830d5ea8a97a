import Inventory

/// Where to begin: the services that lengthen everyone's upgrade path most, by their path
/// cost, the first narrow fix for the top one, and the services that could share a runtime
/// and base image now. A pure function of the inventory, its assessments and `today`.
public struct StartHere: Sendable {
    /// Every active service with a cost above zero, highest first; ties by name, then slug.
    public var ranking: [PathCost]
    /// The first narrow fix for the top service; nil when nothing is to fix.
    public var firstFix: FirstFix?
    /// Median minutes from start to stable over every stable rollout of the active services.
    public var teamRolloutMedian: Int?
    /// Groups of services that differ in one thing only.
    public var couldShare: [ShareGroup]

    /// The service that makes upgrades hardest; nil when no service adds to the path.
    public var top: PathCost? { ranking.first }
    /// The two after it.
    public var following: [PathCost] { Array(ranking.dropFirst().prefix(2)) }

    public func cost(of slug: String) -> PathCost? { ranking.first { $0.slug == slug } }

    /// The groups a service belongs to.
    public func groups(of slug: String) -> [ShareGroup] { couldShare.filter { $0.contains(slug) } }

    init(_ inventory: Inventory, assessments: [String: ServiceAssessment], _ context: RuleContext) {
        let services = inventory.services
        var judge = VersionJudge(context)
        var runtimes: [Runtime] = []
        for index in services.indices where services[index].isActive { runtimes.append(Runtime(services[index], index: index, &judge)) }
        let team = TeamFacts(services, runtimes, &judge)
        teamRolloutMedian = team.rolloutMedian
        ranking = runtimes.compactMap { runtime -> PathCost? in
            guard let assessment = assessments[runtime.slug] else { return nil }
            let cost = PathCost(services[runtime.index], runtime, assessment, team, context)
            return cost.points > 0 ? cost : nil
        }.sorted(by: PathCost.ranksFirst)
        firstFix = ranking.first.flatMap { top in
            guard let runtime = runtimes.first(where: { $0.slug == top.slug }), let assessment = assessments[top.slug] else { return nil }
            return FirstFix(services[runtime.index], runtime, assessment, others: runtimes, context)
        }
        couldShare = CouldShare.groups(runtimes, of: services, context)
    }
}
