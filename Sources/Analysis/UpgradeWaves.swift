import Inventory

/// The next wave of upgrades for each approved component some active service lags behind:
/// the services that would move to the approved version, least risky first, and the ones
/// held apart with the reason. A pure function of the inventory and its report.
public struct UpgradeWaves: Sendable {
    public struct Member: Sendable, Equatable {
        public var slug: String
        public var service: String
        public var owner: String?
        public var risk: Service.Risk?
        /// The version the service runs now.
        public var version: String
        /// Its warnings and errors today.
        public var findings: Int

        /// `low risk`, or `risk not rated`.
        public var riskText: String { risk.map { "\($0.rawValue) risk" } ?? "risk not rated" }
    }

    public struct HeldBack: Sendable, Equatable {
        public var slug: String
        public var service: String
        public var version: String
        public var reason: String
    }

    public struct Wave: Sendable {
        public var component: String
        public var approved: String
        /// In the order to upgrade them: low risk first, then fewest findings, then owner.
        public var members: [Member]
        public var heldBack: [HeldBack]
        /// Services already on the approved version.
        public var done: [String]
    }

    /// One wave per approved component with at least one lagging active service, in the
    /// standard's order.
    public var waves: [Wave]

    init(_ inventory: Inventory, statuses: [String: ServiceStatus], _ context: RuleContext) {
        let active = inventory.services.filter(\.isActive)
        waves = inventory.standards.components.compactMap { approved in
            var wave = Wave(component: approved.name, approved: approved.version, members: [], heldBack: [], done: [])
            for service in active {
                guard let used = service.component(approved.name),
                      let (_, standing) = context.standing(of: used.name, used.version) else { continue }
                switch standing {
                case .conforms: wave.done.append(service.slug)
                case .ahead: continue
                case .behind:
                    if let reason = Self.holdReason(service, used, context) {
                        wave.heldBack.append(HeldBack(slug: service.slug, service: service.name, version: used.version, reason: reason))
                    } else {
                        let status = statuses[service.slug]
                        wave.members.append(Member(slug: service.slug, service: service.name, owner: service.owner?.value,
                                                   risk: service.risk, version: used.version,
                                                   findings: (status?.errors ?? 0) + (status?.warnings ?? 0)))
                    }
                }
            }
            guard !wave.members.isEmpty || !wave.heldBack.isEmpty else { return nil }
            wave.members.sort(by: Self.goesFirst)
            wave.heldBack.sort { $0.slug < $1.slug }
            return wave
        }
    }

    /// Low before medium before high before unrated; then fewer findings; then owner by name
    /// (no owner last); then slug, so the order never depends on file order.
    static func goesFirst(_ a: Member, _ b: Member) -> Bool {
        func rank(_ risk: Service.Risk?) -> Int {
            switch risk {
            case .low: 0
            case .medium: 1
            case .high: 2
            case nil: 3
            }
        }
        if rank(a.risk) != rank(b.risk) { return rank(a.risk) < rank(b.risk) }
        if a.findings != b.findings { return a.findings < b.findings }
        switch (a.owner, b.owner) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.slug < b.slug
        }
    }

    /// Why a lagging service stays out of the wave: a valid exception, or it holds others back.
    static func holdReason(_ service: Service, _ used: ComponentVersion, _ context: RuleContext) -> String? {
        if let exception = ExceptionRules.covering(used, in: service, context) {
            let until = exception.until.map { " until \($0.value)" } ?? " with no end date"
            return "exception\(until): \(exception.reason ?? "no reason given")"
        }
        if service.blocksUpdates {
            return "marked blocks_updates\(service.note.map { ": \($0)" } ?? ": upgrade it on its own, by hand")"
        }
        return nil
    }

    /// Where a service stands in each wave it belongs to or is held back from.
    public func placing(of slug: String) -> [Placing] {
        waves.compactMap { wave in
            if let index = wave.members.firstIndex(where: { $0.slug == slug }) {
                return Placing(wave: wave, position: index, heldBack: nil)
            }
            if let held = wave.heldBack.first(where: { $0.slug == slug }) {
                return Placing(wave: wave, position: nil, heldBack: held)
            }
            return nil
        }
    }

    public struct Placing: Sendable {
        public var wave: Wave
        /// Zero-based place among the wave's members; nil when held back.
        public var position: Int?
        public var heldBack: HeldBack?

        /// The members that go before this service.
        public var before: [Member] { position.map { Array(wave.members[..<$0]) } ?? [] }
    }
}
