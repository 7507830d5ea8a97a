import Inventory

/// owner-missing, production-missing, retired-still-deployed and standards-review-due.
enum ServiceRules {
    /// An active service must say what runs in production: the version and the image.
    static func checkProduction(_ service: Service, into sink: inout FindingSink) {
        guard let production = service.production else {
            sink.add(.productionMissing, "\(service.name) lists no production environment, so nobody can tell what runs",
                     hint: "add environments.production with the version, image and digest that run")
            return
        }
        let missing = [production.version == nil ? "version" : nil, production.image == nil ? "image" : nil].compactMap { $0 }
        guard !missing.isEmpty else { return }
        sink.add(.productionMissing, at: production, "production lists no \(missing.joined(separator: " and "))",
                 hint: "write the \(missing.joined(separator: " and ")) that run in production (and the digest)")
    }

    static func checkOwner(_ service: Service, into sink: inout FindingSink) {
        if service.owner == nil {
            sink.add(.ownerMissing, "\(service.name) has no owner", hint: "add 'owner:' naming who decides on updates")
        }
    }

    static func checkRetired(_ service: Service, into sink: inout FindingSink) {
        guard let first = service.environments.first else { return }
        let names = service.environments.map(\.name).joined(separator: ", ")
        sink.add(.retiredStillDeployed, line: first.line, column: first.column,
                 "\(service.name) is retired but still lists environments (\(names))",
                 hint: "remove the environments once it is shut down, or set 'status: active'")
    }

    static func checkReview(_ context: RuleContext) -> Finding? {
        let file = context.standards.file
        guard let review = context.standards.review else {
            return Finding(rule: .standardsReviewDue, service: nil, file: file, line: 1, column: 1,
                           message: "the standard has no review date", hint: "add 'review: YYYY-MM-DD' to standards.md")
        }
        guard review.value < context.today else { return nil }
        return Finding(rule: .standardsReviewDue, service: nil, file: file, line: review.line, column: review.column,
                       message: "the standard was due for review on \(review.value), \(context.days(since: review.value)) days ago",
                       hint: "review the approved versions with the team and set the next 'review' date")
    }
}
