import Inventory

/// Every judgement the pages and commands show about one service, made once here so that the
/// site, `check`, `plan` and `review` cannot tell different stories. Views only format these.
public struct ServiceAssessment: Sendable {
    /// Each component the service lists (service-wide), against the standard.
    public var components: [ComponentStanding]
    /// The planned next state, step by step; nil without a target.
    public var target: TargetProgress?
    /// How old the image is against `stale_image_days`; nil without a rebuild date.
    public var image: Age?
    public var rollbackPractice: Practice
    public var restore: Restore
    /// The service's exceptions in file order, with their terms.
    public var exceptions: [ExceptionTerm]
    /// What the last rollouts taught, newest first.
    public var lessons: [RolloutLesson]

    init(_ service: Service, _ context: RuleContext) {
        components = service.components.map { ComponentStanding($0, context) }
        target = service.target.map { TargetProgress($0, of: service, context) }
        image = service.rebuilt.map { context.age(of: $0.value, limit: context.policy.staleImageDays) }
        rollbackPractice = context.practice(of: service)
        restore = context.restore(of: service)
        exceptions = service.exceptions.map { ExceptionTerm($0, context) }
        lessons = RolloutLesson.of(service)
    }
}

/// A date against the number of days the policy allows.
public struct Age: Sendable, Equatable {
    public var day: Day
    /// Days from `day` to today.
    public var days: Int
    public var limit: Int
    public var overLimit: Bool { days > limit }
}

/// When the rollback was last practised: a drill (`rollback.tested`) or a recorded rollout
/// that ended in a rollback, whichever came last.
public enum Practice: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `rollback.tested`.
        case drill
        /// A recorded rollout that was rolled back.
        case realRollback
    }

    case never
    case practised(Age, Kind)

    /// Never practised, or longer ago than the policy allows.
    public var needsPractice: Bool {
        if case .practised(let age, _) = self { return age.overLimit }
        return true
    }
}

/// Whether the service's data can come back: its backups, proven by a restore.
public enum Restore: Sendable, Equatable {
    /// No backups named and no data store run: nothing to restore.
    case notNeeded
    /// The service runs a data store (`store`) and names no backups.
    case noBackups(store: String)
    /// Backups named, never restored.
    case never
    case proven(Age)

    /// No backups of a data store, never restored, or longer ago than the policy allows.
    public var needsProof: Bool {
        switch self {
        case .notNeeded: false
        case .noBackups, .never: true
        case .proven(let age): age.overLimit
        }
    }
}

/// A component version against the approved one.
public struct ComponentStanding: Sendable, Equatable {
    public var name: String
    public var version: String
    /// The approved version; nil when the standard does not name the component.
    public var approved: String?
    /// Against the approved version; nil when the standard does not name the component.
    public var standing: Version.Standing?

    public var conforms: Bool { standing == .conforms }

    init(_ component: ComponentVersion, _ context: RuleContext) {
        name = component.name
        version = component.version
        let judged = context.standing(of: component.name, component.version)
        approved = judged?.approved
        standing = judged?.standing
    }
}

/// How far a service is along its target.
public struct TargetProgress: Sendable {
    public struct Step: Sendable, Equatable {
        public var name: String
        /// What runs now; nil when the service does not list it.
        public var current: String?
        public var target: String
        public var done: Bool
    }

    public var components: [Step]
    public var baseImage: Step?
    /// The app version: nothing to judge, the target is whatever the team writes.
    public var version: (current: String?, target: String)?

    init(_ target: Target, of service: Service, _ context: RuleContext) {
        components = target.components.map { wanted in
            let now = service.component(wanted.name)?.version
            let done = now.map { RuleContext.standing(of: $0, against: wanted.version) != .behind } ?? false
            return Step(name: wanted.name, current: now, target: wanted.version, done: done)
        }
        baseImage = target.baseImage.map { image in
            Step(name: "base image", current: service.baseImage?.value, target: image.value, done: service.baseImage?.value == image.value)
        }
        version = target.version.map { (service.primaryEnvironment?.version?.value, $0.value) }
    }
}

/// An exception's term against today.
public struct ExceptionTerm: Sendable {
    public var exception: ServiceException
    /// Days from today to `until` (negative once expired); nil when undated.
    public var daysLeft: Int?
    public var expired: Bool { (daysLeft ?? 0) < 0 }

    init(_ exception: ServiceException, _ context: RuleContext) {
        self.exception = exception
        daysLeft = exception.until.map { context.today.days(until: $0.value) }
    }
}
