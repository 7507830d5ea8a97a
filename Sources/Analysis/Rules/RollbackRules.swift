import Inventory

/// rollback-missing, rollback-incomplete, rollback-untested, rollback-target-mutable,
/// restore-untested, backup-missing, rollout-mixed-change, rollout-unexplained, record-not-applied.
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
        checkRecorded(service, into: &sink)
        if case .noBackups(let store) = context.restore(of: service), let use = context.dataStore(of: service) {
            sink.add(.backupMissing, at: use.component,
                     "\(store) \(use.component.version)\(use.place) holds data, but the service names no backups",
                     hint: "add 'backups' under rollback (where the data is backed up), then restore one and record 'restore_tested'")
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
        if let previous = rollback.previousImage, previous.reference.digest == nil {
            sink.add(.rollbackTargetMutable, at: previous,
                     "the rollback target \(previous.value) is a tag without a digest: a pushed-again tag rolls back to something else",
                     hint: "write previous_image with the digest that ran before (image:tag@sha256:…)")
        }
        switch context.practice(of: service) {
        case .practised(let age, let kind) where age.overLimit:
            let how = kind == .drill ? "practised" : "rolled back for real"
            let at: any SourcePositioned = kind == .drill ? (rollback.tested as (any SourcePositioned)?) ?? rollback : rollback
            sink.add(.rollbackUntested, at: at,
                     "the rollback was last \(how) \(age.days) days ago (\(age.day)), over the \(age.limit) days the policy allows",
                     hint: "practise the rollback in staging and update 'tested'")
        case .never:
            sink.add(.rollbackUntested, line: rollback.line, column: rollback.column,
                     "the rollback has never been practised (no 'tested' date and no rollout rolled back)",
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
        case .proven, .noBackups, .notNeeded:
            break
        }
    }

    /// record-not-applied: the last stable rollout went to a version its environment does not list.
    static func checkRecorded(_ service: Service, into sink: inout FindingSink) {
        // The first of the latest stable ones, found by index (filtering copied every rollout).
        var latest: Int?
        for index in service.rollouts.indices {
            guard case .stable = service.rollouts[index].outcome else { continue }
            if latest.map({ service.rollouts[$0].started < service.rollouts[index].started }) ?? true { latest = index }
        }
        guard let latest, let to = service.rollouts[latest].to else { return }
        let last = service.rollouts[latest]
        let name = last.environment ?? "production"
        let listed = service.environment(name)?.version?.value
        guard listed != to else { return }
        sink.add(.recordNotApplied, line: last.toLine ?? last.line, column: last.toColumn ?? last.column,
                 "the rollout of \(last.started) went to \(to), but \(name) lists \(listed.map { "version \($0)" } ?? "no version")",
                 hint: "set \(name)'s version (and image and digest) to what was shipped; `shortpath record --to` does both")
    }
}
