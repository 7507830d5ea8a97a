import Analysis
import ArgumentParser
import Foundation
import Inventory
import Maintenance

struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append one rollout timing to a service's file, changing nothing else in it.",
        discussion: "Times are YYYY-MM-DDTHH:MM (UTC unless they carry Z or +02:00)."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The service's slug or name.")
    var service: String

    @Option(help: ArgumentHelp("When the rollout started.", valueName: "time"))
    var started: String

    @Option(help: ArgumentHelp("When it was stable.", valueName: "time"))
    var stable: String?

    @Option(name: .customLong("rolled-back"), help: ArgumentHelp("When it was rolled back.", valueName: "time"))
    var rolledBack: String?

    @Option(help: "The version rolled out.")
    var to: String?

    @Option(help: "What it changed: version, config, image, schema (comma-separated).")
    var changes: String?

    @Option(help: "A note on how it went.")
    var note: String?

    func validate() throws {
        guard (stable == nil) != (rolledBack == nil) else { throw ValidationError("give either --stable or --rolled-back") }
        for (flag, value) in [("--started", started), ("--stable", stable), ("--rolled-back", rolledBack)] {
            if let value, Moment(value) == nil { throw ValidationError("\(flag) must be a time as YYYY-MM-DDTHH:MM, got '\(value)'") }
        }
    }

    func run() throws {
        let today = try common.resolveToday()
        let (inventory, _) = try loadOrExit(source: common.sourceURL, today: today)
        let found = try findOrExit(service, in: inventory)
        let entry = RolloutRecorder.Entry(started: started, stable: stable, rolledBack: rolledBack, to: to,
                                          changes: try parseChanges(changes), note: note)
        let updated: Service
        do {
            updated = try RolloutRecorder.record(entry, file: common.sourceURL.appending(path: found.file), path: found.file, slug: found.slug)
        } catch let errors as ContentErrors {
            throw failWithContentErrors(errors)
        } catch {
            standardError("\(error)")
            throw ExitCode(2)
        }
        print(RolloutRecorder.summary(of: updated))
    }
}
