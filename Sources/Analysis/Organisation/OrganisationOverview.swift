import Inventory

/// What an organisation site judges across its members: each member's standing, every version
/// of every component and base image in use, and where the teams' standards differ from the
/// organisation's. A pure function of the members' data, the site's standard and `today`.
public struct OrganisationOverview: Sendable {
    /// Worst first (see `MemberStanding.worstFirst`).
    public var members: [MemberStanding]
    /// Every component any active service runs, by name.
    public var components: [Spread]
    /// Every base image in use, as one spread.
    public var images: Spread
    /// Whether the organisation site has a standard of its own to compare with.
    public var hasStandard: Bool
    /// The members whose standard differs from the organisation's, in member order.
    public var differences: [StandardDifference]
    /// Distinct team labels.
    public var teams: Int
    /// Active services across the members with data.
    public var services: Int
    public var staleLimit: Int

    public init(_ inventory: Inventory, today: Day) {
        let context = RuleContext(standards: inventory.standards, policy: inventory.settings.policy, today: today)
        let snapshots = inventory.members
        members = snapshots.map { MemberStanding($0, context) }.sorted(by: MemberStanding.worstFirst)
        components = Spread.components(snapshots, context)
        images = Spread.images(snapshots, context)
        hasStandard = !inventory.standards.components.isEmpty || !inventory.standards.images.isEmpty
        differences = hasStandard ? snapshots.compactMap { StandardDifference($0, inventory.standards) } : []
        teams = Set(snapshots.map(\.entry.team)).count
        services = snapshots.reduce(0) { $0 + ($1.site?.services.count { $0.isActive } ?? 0) }
        staleLimit = context.policy.memberStaleDays
    }

    /// The distinct versions across all components: the company-wide "fewer versions" figure.
    public var distinctVersions: Int { components.reduce(0) { $0 + $1.uses.count } }
}

/// One member as the organisation index shows it.
public struct MemberStanding: Sendable {
    public enum State: String, Sendable {
        /// Read now.
        case fresh
        /// Shown from the last good copy.
        case stale
        /// No data at all.
        case unavailable
    }

    public var snapshot: MemberSnapshot
    public var state: State
    /// Days since the member's data was built; nil without data.
    public var age: Int?
    /// Built longer ago than `member_stale_days`.
    public var overLimit: Bool
    public var services = 0
    public var onPath = 0
    public var errors = 0
    public var warnings = 0
    /// Exceptions still running (undated or not past `until`); nil when the member does not publish them.
    public var openExceptions: Int?
    /// Exceptions past their `until` (or, when the member does not publish them, its exception-expired findings).
    public var expiredExceptions = 0

    init(_ snapshot: MemberSnapshot, _ context: RuleContext) {
        self.snapshot = snapshot
        state = snapshot.isUnavailable ? .unavailable : snapshot.isStale ? .stale : .fresh
        guard let site = snapshot.site else {
            age = nil
            overLimit = true
            return
        }
        let age = max(0, context.days(since: site.built))
        self.age = age
        overLimit = age > context.policy.memberStaleDays
        let active = site.services.filter(\.isActive)
        services = active.count
        onPath = active.count { $0.onStandardPath }
        errors = site.findings.count { $0.severity == "error" }
        warnings = site.findings.count { $0.severity == "warning" }
        if active.allSatisfy({ $0.exceptions != nil }) {
            let exceptions = active.flatMap { $0.exceptions ?? [] }
            expiredExceptions = exceptions.count { $0.until.map { $0 < context.today } ?? false }
            openExceptions = exceptions.count - expiredExceptions
        } else {
            expiredExceptions = site.findings.count { $0.rule == Rule.exceptionExpired.rawValue }
        }
    }

    /// Unavailable first, then members past the stale limit, then by errors and warnings (most
    /// first), then copies before fresh data, then by name.
    public static func worstFirst(_ a: MemberStanding, _ b: MemberStanding) -> Bool {
        func rank(_ s: MemberStanding) -> Int { s.state == .unavailable ? 0 : s.overLimit ? 1 : 2 }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        if a.errors != b.errors { return a.errors > b.errors }
        if a.warnings != b.warnings { return a.warnings > b.warnings }
        if (a.state == .stale) != (b.state == .stale) { return a.state == .stale }
        return a.snapshot.entry.name < b.snapshot.entry.name
    }
}

/// The versions of one component (or the base images) in use across the organisation.
public struct Spread: Sendable {
    public struct Use: Sendable {
        public var value: String
        public var services: Int
        /// Team labels, sorted.
        public var teams: [String]
        /// Whether the version conforms to the organisation's approved one; nil when it names none.
        public var conforms: Bool?
    }

    public var name: String
    /// The organisation's approved version (or nil).
    public var approved: String?
    /// Newest first by version order; images by services, most first.
    public var uses: [Use]

    public var distinct: Int { uses.count }
    public var services: Int { uses.reduce(0) { $0 + $1.services } }

    static func components(_ snapshots: [MemberSnapshot], _ context: RuleContext) -> [Spread] {
        var tally: [String: [String: (services: Int, teams: Set<String>)]] = [:]
        for snapshot in snapshots {
            guard let site = snapshot.site else { continue }
            for service in site.services where service.isActive {
                for component in service.runningComponents {
                    var entry = tally[component.name, default: [:]][component.version, default: (0, [])]
                    entry.services += 1
                    entry.teams.insert(snapshot.entry.team)
                    tally[component.name, default: [:]][component.version] = entry
                }
            }
        }
        return tally.keys.sorted().map { name in
            let approved = context.approvedVersions[name]?.text
            let uses = tally[name]!.map { version, entry in
                Use(value: version, services: entry.services, teams: entry.teams.sorted(),
                    conforms: approved.map { RuleContext.standing(of: version, against: $0) == .conforms })
            }.sorted(by: newestFirst)
            return Spread(name: name, approved: approved, uses: uses)
        }
    }

    static func images(_ snapshots: [MemberSnapshot], _ context: RuleContext) -> Spread {
        var tally: [String: (services: Int, teams: Set<String>)] = [:]
        for snapshot in snapshots {
            guard let site = snapshot.site else { continue }
            for service in site.services where service.isActive {
                guard let image = service.baseImage else { continue }
                tally[image, default: (0, [])].services += 1
                tally[image, default: (0, [])].teams.insert(snapshot.entry.team)
            }
        }
        let approved = Set(context.standards.images.map(\.value.reference))
        let uses = tally.map { image, entry in
            Use(value: image, services: entry.services, teams: entry.teams.sorted(), conforms: approved.isEmpty ? nil : approved.contains(image))
        }.sorted { ($0.services, $1.value) > ($1.services, $0.value) }
        return Spread(name: "base images", approved: nil, uses: uses)
    }

    /// Version order, newest first; texts that are not versions after them, by text.
    static func newestFirst(_ a: Use, _ b: Use) -> Bool {
        switch (Version(a.value), Version(b.value)) {
        case (let x?, let y?) where x != y: return y < x
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.value < b.value
        }
    }
}

/// How one member's own standard differs from the organisation's.
public struct StandardDifference: Sendable {
    public var member: String
    public var team: String
    /// One line per difference: `node: approves 20, the organisation 22`.
    public var lines: [String]

    init?(_ snapshot: MemberSnapshot, _ organisation: Standards) {
        guard let site = snapshot.site else { return nil }
        member = snapshot.entry.name
        team = snapshot.entry.team
        guard let own = site.standard else {
            lines = ["publishes no standard (its inventory.json was written by an older Shortpath)"]
            return
        }
        var lines: [String] = []
        let theirs = Dictionary(own.components.map { ($0.name, $0.version) }, uniquingKeysWith: { first, _ in first })
        var ours: [String: String] = [:]
        for component in organisation.components where ours[component.name] == nil { ours[component.name] = component.version }
        for name in Set(ours.keys).union(theirs.keys).sorted() {
            switch (ours[name], theirs[name]) {
            case (let a?, let b?) where a != b: lines.append("\(name): approves \(b), the organisation \(a)")
            case (let a?, nil): lines.append("\(name): not named (the organisation approves \(a))")
            case (nil, let b?): lines.append("\(name): approves \(b), which the organisation's standard does not name")
            default: break
            }
        }
        let organisationImages = Set(organisation.images.map(\.value.reference))
        for image in own.images where !organisationImages.contains(image) {
            lines.append("base image \(image): approved by the team, not in the organisation's set")
        }
        for image in organisationImages.subtracting(own.images).sorted() {
            lines.append("base image \(image): in the organisation's set, not approved by the team")
        }
        guard !lines.isEmpty else { return nil }
        self.lines = lines
    }
}
