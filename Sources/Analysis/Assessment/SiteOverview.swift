import Inventory

/// The judgements about the whole inventory that the site-wide pages and the commands show,
/// each made once per analysis.
public struct SiteOverview: Sendable {
    /// Per approved component and base image: who conforms and who lags.
    public var progress: StandardProgress
    /// The next upgrade wave per approved component.
    public var waves: UpgradeWaves
    /// The agenda for the standard's review, over the default periods.
    public var agenda: ReviewAgenda
    /// Every timed rollout of the active services.
    public var trend: RolloutTrend
    /// Per service: its last stable rollouts against the ones before.
    public var pace: RolloutPace
    /// The standard's review date against today.
    public var review: DueDate?
    /// The end-of-life releases the active services run, and the approved ones.
    public var eolReleases: [EOLReleaseUse]
    /// Every date that comes due, for `calendar.ics`.
    public var calendar: DueCalendar
    /// The services that make upgrades hardest, and those that could share a runtime now.
    public var startHere: StartHere

    /// The judgements that need no findings, made while the rules run.
    struct Independent: Sendable {
        var assessments: [String: ServiceAssessment] = [:]
        var progress: StandardProgress
        var agenda: ReviewAgenda
        var eolReleases: [EOLReleaseUse]
        var calendar: DueCalendar
        var startHere: StartHere

        init(_ inventory: Inventory, _ context: RuleContext) {
            for service in inventory.services { assessments[service.slug] = ServiceAssessment(service, context) }
            progress = StandardProgress(inventory, context)
            agenda = ReviewAgenda(inventory, assessments: assessments, progress: progress, today: context.today)
            eolReleases = EOLReleaseUse.all(inventory)
            calendar = DueCalendar(inventory, assessments: assessments, eolReleases: eolReleases)
            startHere = StartHere(inventory, assessments: assessments, context)
        }
    }

    /// The rollout judgements, made beside the rules (which take less time than `Independent`).
    struct Rollouts: Sendable {
        var trend: RolloutTrend
        var pace: RolloutPace

        init(_ inventory: Inventory) {
            trend = RolloutTrend(inventory)
            pace = RolloutPace(inventory)
        }
    }

    init(_ independent: Independent, rollouts: Rollouts, waves: UpgradeWaves, _ inventory: Inventory, _ context: RuleContext) {
        progress = independent.progress
        self.waves = waves
        agenda = independent.agenda
        trend = rollouts.trend
        pace = rollouts.pace
        review = inventory.standards.review.map { DueDate($0.value, today: context.today) }
        eolReleases = independent.eolReleases
        calendar = independent.calendar
        startHere = independent.startHere
    }
}

/// A date that comes due, against today.
public struct DueDate: Sendable, Equatable {
    public var day: Day
    /// Days from today to `day`; negative once it has passed.
    public var daysLeft: Int
    public var overdue: Bool { daysLeft < 0 }

    public init(_ day: Day, today: Day) {
        self.day = day
        daysLeft = today.days(until: day)
    }
}

/// One end-of-life release (cycle) of an approved component: its dates, and how many active
/// services run it (0 for the approved release nobody runs yet).
public struct EOLReleaseUse: Sendable, Equatable {
    public var component: String
    public var cycle: EOLCycle
    public var services: Int

    static func all(_ inventory: Inventory) -> [EOLReleaseUse] {
        let active = inventory.services.filter(\.isActive)
        var result: [EOLReleaseUse] = []
        for component in inventory.standards.components {
            guard let product = inventory.eolProduct(for: component.name) else { continue }
            var used: [String: Int] = [:]
            for service in active {
                for use in service.componentUses where use.component.name == component.name {
                    if let cycle = EOLRules.cycle(for: use.component.version, in: product) { used[cycle.cycle, default: 0] += 1 }
                }
            }
            if let approved = EOLRules.cycle(for: component.version, in: product), used[approved.cycle] == nil {
                used[approved.cycle] = 0
            }
            for cycle in product.cycles {
                if let count = used[cycle.cycle] { result.append(EOLReleaseUse(component: component.name, cycle: cycle, services: count)) }
            }
        }
        return result
    }
}
