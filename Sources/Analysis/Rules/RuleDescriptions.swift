/// What each rule checks and what usually fixes it, for reports that describe their rules
/// (SARIF). Each finding's own hint is more specific; these hold for every finding of the rule.
extension Rule {
    /// When the rule reports, in one line (the README's table says the same).
    public var summary: String {
        switch self {
        case .componentBehind: "A component runs older than the approved version, with no valid exception."
        case .componentAhead: "A component runs newer than approved: the standard or the service is wrong."
        case .componentUnapproved: "A component the standard does not name."
        case .imageUnapproved: "A base image not in the approved set."
        case .imageMutableTag: "An image with no tag or 'latest', and no digest."
        case .imageStale: "The image was rebuilt longer ago than stale_image_days, or has no rebuilt date."
        case .envDrift: "Components or base image differ between two environments."
        case .digestDrift: "The same image tag has different digests in two environments."
        case .exceptionExpired: "An exception is past its 'until' date."
        case .exceptionUndated: "An exception has no 'until', or runs longer than exception_max_days."
        case .exceptionUnused: "An exception for a component that now conforms, or that the service does not run."
        case .rollbackMissing: "An active service has no rollback facts."
        case .rollbackIncomplete: "The rollback lacks command, previous_image, health_check, stop_point or decides."
        case .rollbackUntested: "The rollback was never practised, or longer ago than rollback_test_days."
        case .rolloutMixedChange: "One rollout changed the version and the config together."
        case .rolloutUnexplained: "A rollout that was rolled back has no note."
        case .restoreUntested: "Backups are named but restore_tested is missing or older than rollback_test_days."
        case .retiredStillDeployed: "A retired service still lists environments."
        case .ownerMissing: "The service has no owner."
        case .standardsReviewDue: "The standard's review date has passed, or it has none."
        case .observedMismatch: "The running image or digest differs from the declared one."
        case .observedUnlisted: "A workload runs that no service lists."
        case .observedMissing: "A declared environment has no observation."
        case .eolReached: "A component version is past its end of life."
        case .eolSoon: "A component version reaches its end of life within eol_warning_days."
        case .patchAvailable: "A newer patch of the same release cycle exists."
        case .digestMissing: "Production's image has a version tag but no digest."
        case .productionMissing: "An active service lists no production environment, or production lists no version or image."
        case .rollbackTargetMutable: "The rollback target (previous_image) has no digest."
        case .backupMissing: "The service runs a data store and names no backups."
        case .recordNotApplied: "The last stable rollout went to a version its environment does not list."
        case .eolDataStale: "The end-of-life data was fetched longer ago than eol_stale_days."
        }
    }

    /// What usually fixes a finding of the rule.
    public var help: String {
        switch self {
        case .componentBehind: "Upgrade the component to the approved version, or add a dated exception with a reason."
        case .componentAhead: "Raise the approved version in standards.md, or bring the service back to it."
        case .componentUnapproved: "Add the component to standards.md, or record why this service needs it."
        case .imageUnapproved: "Move the service to one of the approved base images in standards.md."
        case .imageMutableTag: "Pin the image to a version tag or a sha256 digest."
        case .imageStale: "Rebuild the image to pick up base image and security updates, and update 'rebuilt'."
        case .envDrift: "Bring the environments to the same versions and base image, or finish the rollout."
        case .digestDrift: "Deploy by digest and give each build its own tag."
        case .exceptionExpired: "Upgrade the component, or renew the exception with a new date, reason and approver."
        case .exceptionUndated: "Give the exception an 'until' date within exception_max_days and review it then."
        case .exceptionUnused: "Remove the exception from the service file."
        case .rollbackMissing: "Add a 'rollback' section: command, previous_image, health_check, stop_point, decides."
        case .rollbackIncomplete: "Fill in the missing rollback facts before the next window."
        case .rollbackUntested: "Practise the rollback in staging and record the date in 'tested'."
        case .rolloutMixedChange: "Ship version and config changes in separate rollouts, so a rollback undoes one thing."
        case .rolloutUnexplained: "Add a 'note' to the rollout: what went wrong and what to do first next time."
        case .restoreUntested: "Restore a backup into a scratch environment and record the date in 'restore_tested'."
        case .retiredStillDeployed: "Remove the environments of a retired service, or mark it active again."
        case .ownerMissing: "Name the person who decides on updates in 'owner'."
        case .standardsReviewDue: "Review the standard with the team and set the next 'review' date in standards.md."
        case .observedMismatch: "Update the inventory to what runs, or finish or roll back the deploy."
        case .observedUnlisted: "Add a service file for the workload, or name it under 'match' of its service."
        case .observedMissing: "Save the environment's running state into content/observed/, or list the workload under 'match'."
        case .eolReached: "Upgrade the component to a supported release."
        case .eolSoon: "Plan the upgrade of the component before its end of life."
        case .patchAvailable: "Pick up the latest patch at the next rebuild."
        case .digestMissing: "Record the digest that runs in production ('digest: sha256:…')."
        case .productionMissing: "Write the version, image and digest that run in production."
        case .rollbackTargetMutable: "Write previous_image with the digest that ran before (image:tag@sha256:…)."
        case .backupMissing: "Name the backups under 'rollback', restore one and record 'restore_tested'."
        case .recordNotApplied: "Set the environment's version (and image and digest) to what was shipped, or use 'shortpath record --to'."
        case .eolDataStale: "Run 'shortpath eol update'."
        }
    }
}
