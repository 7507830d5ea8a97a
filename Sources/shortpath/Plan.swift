import Analysis
import Foundation
import ArgumentParser
import Inventory
import Maintenance
import Pipeline

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the pre-window checklist for one service as Markdown for a change ticket."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The service's slug or name.")
    var service: String

    @Option(help: "The version to deploy (default: the target's version, else staging's).")
    var to: String?

    @Option(help: "The image to deploy (default: staging's image).")
    var image: String?

    @Option(help: "What the change touches: version, config, image, schema (comma-separated).")
    var changes: String?

    func run() throws {
        let today = try common.resolveToday()
        let planned = try parseChanges(changes)
        let (inventory, report) = try loadOrExit(source: common.sourceURL, today: today)
        let found = try findOrExit(service, in: inventory)
        try standardOutput(ChangePlan(service: found, inventory: inventory, report: report, toVersion: to, toImage: image, changes: planned).markdown())
    }
}

/// `version,config` → the changes; an unknown word is a usage error.
func parseChanges(_ text: String?) throws -> [Rollout.Change] {
    guard let text else { return [] }
    return try text.split(separator: ",").map { word in
        let trimmed = word.trimmingSpaces
        guard let change = Rollout.Change(rawValue: trimmed) else {
            throw ValidationError("--changes takes version, config, image and schema; '\(trimmed)' is none of them")
        }
        return change
    }
}

/// The service by slug or name, or the closest names and exit 2.
func findOrExit(_ query: String, in inventory: Inventory) throws -> Service {
    do {
        return try ServiceLookup.find(query, in: inventory)
    } catch {
        standardError(error.description)
        throw ExitCode(2)
    }
}

/// Loads and analyses the content, or prints every content error and exits 2.
func loadOrExit(source: URL, today: Day, members: MemberOptions = .cacheOnly) throws -> (Inventory, Report) {
    do {
        let analysed = try Pipeline.analyse(source: source, today: today, members: members)
        return (analysed.inventory, analysed.report)
    } catch {
        throw failWithContentErrors(error)
    }
}
