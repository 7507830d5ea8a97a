import Inventory

/// rollback-missing, rollback-incomplete, rollback-untested, restore-untested, rollout-mixed-change,
/// rollout-unexplained.
enum RollbackRules {
    static func check(_ service: Service, _ context: RuleContext, into sink: inout FindingSink) {
        for rollout in service.rollouts where rollout.changes.contains(.version) && rollout.changes.contains(.config) {
            sink.add(.rolloutMixedChange, line: rollout.line, column: rollout.column,
                     "the rollout of \(rollout.started) changed the version and the config together",
                     hint: "ship version and config changes in separate rollouts, so a rollback undoes one thing")
        }
        // A rollout that went well needs no story; one that was rolled back does, or the next
        // window repeats it.
        for rollout in service.rollouts where rollout.rolledBack && rollout.note == nil {
            sink.add(.rolloutUnexplained, line: rollout.line, column: rollout.column,
                     "the rollout of \(rollout.started) was rolled back and has no note saying why",
                     hint: "add a 'note' to that rollout: what went wrong and what to do first next time")
        }
        guard let rollback = service.rollback else {
            sink.add(.rollbackMissing, "\(service.name) has no rollback facts",
                     hint: "add a 'rollback' section: command, previous_image, health_check, stop_point, decides")
            return
        }
        let missing = rollback.missingEssentials
        if !missing.isEmpty {
            sink.add(.rollbackIncomplete, line: rollback.line, column: rollback.column,
                     "the rollback lacks \(missing.joined(separator: ", "))",
                     hint: "fill in \(missing.joined(separator: ", ")) before the next window")
        }
        switch context.practice(of: service) {
        case .practised(let age) where age.overLimit:
            if let tested = rollback.tested {
                sink.add(.rollbackUntested, at: tested,
                         "the rollback was last practised \(age.days) days ago (\(age.day)), over the \(age.limit) days the policy allows",
                         hint: "practise the rollback in staging and update 'tested'")
            }
        case .never, .noPlan:
            sink.add(.rollbackUntested, line: rollback.line, column: rollback.column,
                     "the rollback has never been practised (no 'tested' date)",
                     hint: "practise the rollback in staging and record the date in 'tested'")
        case .practised:
            break
        }
        guard let backups = rollback.backups else { return }
        switch context.restore(of: service) {
        case .proven(let age) where age.overLimit:
            if let restored = rollback.restoreTested {
                sink.add(.restoreUntested, at: restored,
                         "a backup was last restored \(age.days) days ago (\(age.day)), over the \(age.limit) days the policy allows",
                         hint: "restore a backup into a scratch environment and update 'restore_tested'")
            }
        case .never:
            sink.add(.restoreUntested, at: backups, "backups are named (\(backups.value)) but no restore was ever tested",
                     hint: "restore a backup into a scratch environment and record the date in 'restore_tested'")
        case .proven, .noBackups:
            break
        }
    }
}
