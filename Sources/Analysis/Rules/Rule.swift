/// Every rule of the analysis, by its stable id.
public enum Rule: String, Sendable, CaseIterable, Comparable {
    case componentBehind = "component-behind"
    case componentAhead = "component-ahead"
    case componentUnapproved = "component-unapproved"
    case imageUnapproved = "image-unapproved"
    case imageMutableTag = "image-mutable-tag"
    case imageStale = "image-stale"
    case digestMissing = "digest-missing"
    case productionMissing = "production-missing"
    case envDrift = "env-drift"
    case digestDrift = "digest-drift"
    case exceptionExpired = "exception-expired"
    case exceptionUndated = "exception-undated"
    case exceptionUnused = "exception-unused"
    case rollbackMissing = "rollback-missing"
    case rollbackIncomplete = "rollback-incomplete"
    case rollbackUntested = "rollback-untested"
    case rollbackTargetMutable = "rollback-target-mutable"
    case backupMissing = "backup-missing"
    case recordNotApplied = "record-not-applied"
    case rolloutMixedChange = "rollout-mixed-change"
    case rolloutUnexplained = "rollout-unexplained"
    case restoreUntested = "restore-untested"
    case retiredStillDeployed = "retired-still-deployed"
    case ownerMissing = "owner-missing"
    case standardsReviewDue = "standards-review-due"
    case observedMismatch = "observed-mismatch"
    case observedUnlisted = "observed-unlisted"
    case observedMissing = "observed-missing"
    case eolReached = "eol-reached"
    case eolSoon = "eol-soon"
    case eolDataStale = "eol-data-stale"
    case patchAvailable = "patch-available"
    case memberUnavailable = "member-unavailable"
    case memberUnreadable = "member-unreadable"
    case memberStale = "member-stale"
    case memberEOLReached = "member-eol-reached"

    public var defaultSeverity: Severity {
        switch self {
        case .digestDrift, .exceptionExpired, .rollbackMissing, .ownerMissing, .observedMismatch, .eolReached, .productionMissing,
             .memberUnavailable, .memberStale, .memberEOLReached: .error
        case .componentUnapproved, .exceptionUnused, .rolloutMixedChange, .rolloutUnexplained, .observedMissing, .patchAvailable,
             .eolDataStale: .info
        default: .warning
        }
    }

    /// A short label for the inventory's status column.
    public var label: String {
        switch self {
        case .componentBehind: "behind standard"
        case .componentAhead: "ahead of standard"
        case .componentUnapproved: "unlisted component"
        case .imageUnapproved: "unapproved image"
        case .imageMutableTag: "mutable tag"
        case .imageStale: "stale image"
        case .digestMissing: "no digest"
        case .productionMissing: "production unknown"
        case .envDrift: "environments drift"
        case .digestDrift: "digest drift"
        case .exceptionExpired: "expired exception"
        case .exceptionUndated: "open-ended exception"
        case .exceptionUnused: "unused exception"
        case .rollbackMissing: "no rollback plan"
        case .rollbackIncomplete: "rollback incomplete"
        case .rollbackUntested: "rollback untested"
        case .rollbackTargetMutable: "rollback by tag"
        case .backupMissing: "no backups"
        case .recordNotApplied: "record not applied"
        case .rolloutMixedChange: "mixed rollout"
        case .rolloutUnexplained: "unexplained rollback"
        case .restoreUntested: "restore untested"
        case .retiredStillDeployed: "retired but deployed"
        case .ownerMissing: "no owner"
        case .standardsReviewDue: "review due"
        case .observedMismatch: "running differs"
        case .observedUnlisted: "unlisted workload"
        case .observedMissing: "not observed"
        case .eolReached: "end of life"
        case .eolSoon: "end of life soon"
        case .eolDataStale: "old end-of-life data"
        case .patchAvailable: "newer patch"
        case .memberUnavailable: "member unavailable"
        case .memberUnreadable: "member not read"
        case .memberStale: "member data stale"
        case .memberEOLReached: "member past end of life"
        }
    }

    public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }
}

public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error, warning, info

    var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
