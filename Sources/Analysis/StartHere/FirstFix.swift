import Inventory

/// The first narrow fix for a service that makes upgrades hard: freeze one runtime version,
/// one base image and one known-good rollback point, with the versions and the image the
/// standard approves.
public struct FirstFix: Sendable {
    /// What to do with one component the service runs.
    public enum RuntimeAction: Sendable, Equatable {
        /// Move to the standard's version.
        case move(to: String)
        /// It runs a newer version than the standard names: pin it, and take it to the review
        /// (a newer release is not moved back without a reason).
        case ahead(of: String)
        /// A valid exception keeps this version for now: pin it exactly until then.
        case excepted(until: Day?, reason: String?)
        /// It runs the standard's version: pin exactly this one.
        case keep
        /// The standard does not name the component: pin exactly this one, or add it.
        case unnamed
    }

    public struct RuntimeStep: Sendable, Equatable {
        public var component: String
        public var now: String
        public var action: RuntimeAction
        /// When an exception that kept this component ended, and its reason: what the move must answer.
        public var exceptionEnded: Day?
        public var exceptionReason: String?
    }

    /// The approved base image to build on.
    public struct ImageStep: Sendable, Equatable {
        /// What it is built on now; nil when no base image is written down.
        public var now: String?
        /// The approved image's short name in the standard (`web`) and its reference.
        public var name: String
        public var reference: String
        /// Why this one: `the service's target`, `what the other node services build on`.
        public var why: String
        public var done: Bool
    }

    /// What runs in the primary environment now: where a rollback returns to.
    public struct RollbackPoint: Sendable, Equatable {
        public var environment: String?
        /// `image@digest`, or the tag alone when no digest is recorded.
        public var image: String?
        public var hasDigest: Bool
        public var practice: Practice
    }

    public var runtime: [RuntimeStep]
    /// Nil when the standard approves no base image.
    public var baseImage: ImageStep?
    public var rollbackPoint: RollbackPoint

    init(_ service: Service, _ current: Runtime, _ assessment: ServiceAssessment, others: [Runtime], _ context: RuleContext) {
        runtime = current.components.map { judged in
            let component = judged.component
            let action: RuntimeAction
            if let approved = context.approvedVersions[component.name], let standing = judged.judged.standing {
                if standing == .conforms {
                    action = .keep
                } else if standing == .ahead {
                    action = .ahead(of: approved.text)
                } else if let exception = ExceptionRules.covering(component, in: service, context) {
                    action = .excepted(until: exception.until?.value, reason: exception.reason)
                } else {
                    action = .move(to: approved.text)
                }
            } else {
                action = .unnamed
            }
            var step = RuntimeStep(component: component.name, now: component.version, action: action)
            if case .move = action, let ended = service.exceptions.last(where: { exception in
                exception.component.value == component.name && (exception.until.map { $0.value < context.today } ?? false)
            }) {
                step.exceptionEnded = ended.until?.value
                step.exceptionReason = ended.reason
            }
            return step
        }
        baseImage = Self.imageStep(service, current, others: others, context)
        let primary = service.primaryEnvironment
        let digest = primary?.image?.reference.digest ?? primary?.digest?.value
        var pinned = primary?.image?.value
        if let image = primary?.image, image.reference.digest == nil, let digest { pinned = "\(image.value)@\(digest)" }
        rollbackPoint = RollbackPoint(environment: primary?.name, image: pinned, hasDigest: digest != nil,
                                      practice: assessment.rollbackPractice)
    }

    /// The approved image to build on: the target's when approved, else the approved image of
    /// the same repository, else the one most of the services that share a component with it
    /// build on, else the standard's first.
    static func imageStep(_ service: Service, _ runtime: Runtime, others: [Runtime], _ context: RuleContext) -> ImageStep? {
        guard let first = context.approvedImages.first else { return nil }
        let now = runtime.baseImage
        func step(_ approved: (name: String, reference: ImageReference), _ why: String) -> ImageStep {
            ImageStep(now: now?.value, name: approved.name, reference: approved.reference.description, why: why,
                      done: now.map { ImageRules.matches($0.reference, approved: approved.reference) } ?? false)
        }
        if let target = service.target?.baseImage, let approved = context.approvedImage(matching: target.reference) {
            return step(approved, "the service's target")
        }
        if let now, let approved = context.approvedImage(onRepositoryOf: now.reference) {
            return step(approved, "the approved \(approved.name) image of the line it is built on")
        }
        // Data stores run beside a service, not in its image: they say nothing of which image fits.
        let data = Set(context.policy.dataComponents)
        let mine = Set(runtime.components.map(\.name)).subtracting(data)
        var votes: [Int] = Array(repeating: 0, count: context.approvedImages.count)
        var shared: [Set<String>] = Array(repeating: [], count: context.approvedImages.count)
        for theirs in others where theirs.slug != service.slug {
            guard let image = theirs.baseImage,
                  let index = context.approvedImages.firstIndex(where: { ImageRules.matches(image.reference, approved: $0.reference) })
            else { continue }
            let common = mine.intersection(theirs.components.map(\.name))
            guard !common.isEmpty else { continue }
            votes[index] += 1
            shared[index].formUnion(common)
        }
        // The most votes; of equals, the one the standard lists first.
        var best: Int?
        for index in votes.indices where votes[index] > 0 && votes[index] > best.map({ votes[$0] }) ?? 0 { best = index }
        if let best {
            let names = shared[best].sorted().joined(separator: " and ")
            return step(context.approvedImages[best], "what the other \(names) services build on")
        }
        return step(first, "the standard's first approved image")
    }
}
