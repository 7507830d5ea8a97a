import Inventory

/// What the inventory page shows about the list as a whole, judged once here: the rows' order
/// (most urgent first), the production versions in version order, how many services stand
/// where, and the problems that belong to no row.
public struct InventoryScan: Sendable {
    /// The active services' slugs, most urgent first (`ServiceStatus.scanOrder`), then by name.
    public var order: [String]
    /// Each active service's production version's place in version order, from 0; equal versions
    /// share a place, text that is no version (`latest`) comes after every version, by its text.
    /// No entry for a service without a production version.
    public var versionRank: [String: Int]
    public var counts: Counts
    /// Findings about what no active service's row shows: workloads running that no service
    /// lists, retired services still deployed. In the report's order.
    public var outside: [Finding]
    /// Environments the snapshots observe that no active service lists, with a snapshot's file.
    public var unlistedEnvironments: [ObservedEnvironment]

    public struct Counts: Sendable, Equatable {
        public var services: Int
        public var onPath: Int
        /// Services with at least one error; with warnings and no error; that hold others back.
        public var withErrors: Int
        public var withWarningsOnly: Int
        public var blocking: Int
        /// Findings of the whole report.
        public var errors: Int
        public var warnings: Int
    }

    public struct ObservedEnvironment: Sendable, Equatable {
        public var environment: String
        public var file: String
    }

    /// The rules whose findings belong to no active service's row.
    public static let outsideRules: Set<Rule> = [.observedUnlisted, .retiredStillDeployed]

    public init(_ inventory: Inventory, _ report: Report) {
        let active = inventory.services.filter(\.isActive)
        let fine = ServiceStatus(reasons: [], reasonSeverities: [], errors: 0, warnings: 0, blocksUpdates: false)
        let statuses = active.map { report.statuses[$0.slug] ?? fine }
        let positions = active.indices.sorted { a, b in
            if let first = ServiceStatus.scanOrder(statuses[a], statuses[b]) { return first }
            let x = active[a].name.lowercased(), y = active[b].name.lowercased()
            return x != y ? x < y : active[a].slug < active[b].slug
        }
        order = positions.map { active[$0].slug }
        versionRank = Self.ranks(active.compactMap { service in
            service.primaryEnvironment?.version.map { (service.slug, $0.value) }
        })
        counts = Counts(services: active.count, onPath: statuses.count(where: \.onStandardPath),
                        withErrors: statuses.count { $0.errors > 0 }, withWarningsOnly: statuses.count { $0.urgency == .warnings },
                        blocking: statuses.count(where: \.blocksUpdates),
                        errors: report.count(.error), warnings: report.count(.warning))
        outside = report.findings.filter { Self.outsideRules.contains($0.rule) }
        let listed = Set(active.flatMap { $0.environments.map(\.name) })
        var seen: Set<String> = []
        unlistedEnvironments = inventory.observed.compactMap { snapshot in
            guard !listed.contains(snapshot.environment), seen.insert(snapshot.environment).inserted else { return nil }
            return ObservedEnvironment(environment: snapshot.environment, file: snapshot.file)
        }.sorted { $0.environment < $1.environment }
    }

    /// Places in version order, by key: equal versions share one; text that is no version
    /// comes after all versions, in text order.
    static func ranks(_ versions: [(key: String, text: String)]) -> [String: Int] {
        let parsed = versions.map { (key: $0.key, text: $0.text, version: Version($0.text)) }
        let sorted = parsed.sorted { a, b in
            switch (a.version, b.version) {
            case (let x?, let y?): x != y ? x < y : a.text < b.text
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.text < b.text
            }
        }
        var ranks: [String: Int] = [:]
        var place = -1
        var previous: (text: String, version: Version?)?
        for entry in sorted {
            let same = previous.map { last in
                if let x = last.version, let y = entry.version { return x == y }
                return last.version == nil && entry.version == nil && last.text == entry.text
            } ?? false
            if !same { place += 1 }
            ranks[entry.key] = place
            previous = (entry.text, entry.version)
        }
        return ranks
    }
}
