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

    @Option(help: "The version rolled out; with --stable it also becomes the environment's version.")
    var to: String?

    @Option(help: ArgumentHelp("The image rolled out (with --stable and --to: the environment's new image).", valueName: "ref"))
    var image: String?

    @Option(help: ArgumentHelp("The digest that runs now (with --stable and --to: the environment's new digest).", valueName: "sha256:…"))
    var digest: String?

    @Option(name: .customLong("env"), help: ArgumentHelp("The environment it went to.", valueName: "name"))
    var environment: String = "production"

    @Option(help: "What it changed: version, config, image, schema (comma-separated).")
    var changes: String?

    @Option(help: "A note on how it went.")
    var note: String?

    func validate() throws {
        guard (stable == nil) != (rolledBack == nil) else { throw ValidationError("give either --stable or --rolled-back") }
        if (image != nil || digest != nil) && (to == nil || stable == nil) {
            throw ValidationError("--image and --digest update the environment of a stable rollout: give them with --to and --stable")
        }
        for (flag, value) in [("--started", started), ("--stable", stable), ("--rolled-back", rolledBack)] {
            if let value, Moment(value) == nil { throw ValidationError("\(flag) must be a time as YYYY-MM-DDTHH:MM, got '\(value)'") }
        }
    }

    func run() throws {
        let today = try common.resolveToday()
        let (inventory, _) = try loadOrExit(source: common.sourceURL, today: today)
        let found = try findOrExit(service, in: inventory)
        let entry = RolloutRecorder.Entry(started: started, stable: stable, rolledBack: rolledBack, to: to,
                                          environment: environment == "production" ? nil : environment,
                                          changes: try parseChanges(changes), note: note)
        // A stable rollout changes what runs; a rolled-back one leaves the environment as it was.
        let update = stable != nil ? to.map { EnvironmentUpdate(environment: environment, version: $0, image: image, digest: digest) } : nil
        let updated: Service, notes: [String]
        do {
            (updated, notes) = try RolloutRecorder.record(entry, update: update, file: common.sourceURL.appending(path: found.file),
                                                          path: found.file, slug: found.slug)
        } catch let errors as ContentErrors {
            throw failWithContentErrors(errors)
        } catch {
            standardError("\(error)")
            throw ExitCode(2)
        }
        print(RolloutRecorder.summary(of: updated))
        for note in notes { print("  \(note)") }
    }
}
