import ArgumentParser
import Analysis
import Foundation
import Inventory
import Pipeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the findings; exit 1 when there are errors (or warnings with --strict).",
        discussion: "Use it as a merge gate in CI. Exit 2 means the content itself is invalid. On an organisation site it reads every member again: a member whose data is older than member_stale_days, or that runs a component past its end of life, is an error."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, gitlab, github, sarif
    }

    @OptionGroup var common: CommonOptions
    @OptionGroup var members: MemberOptionGroup

    @Option(help: "Output format: text, json (as findings.json), junit, gitlab (Code Quality), github (workflow annotations) or sarif (SARIF 2.1.0, for code scanning).")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let today = try common.resolveToday()
        let inventory: Inventory, report: Findings
        do {
            (inventory, report) = try Pipeline.findings(source: common.sourceURL, today: today, members: members.options)
        } catch {
            throw failWithContentErrors(error)
        }
        var clock = StageClock()
        switch format {
        case .text: try standardOutput(FindingReports.textBytes(report))
        case .json: try standardOutput(FindingReports.json(report))
        case .junit: try standardOutput(FindingReports.junit(report, services: inventory.services.filter(\.isActive).map(\.slug)))
        case .gitlab: try standardOutput(FindingReports.gitlab(report))
        case .github: try standardOutput(FindingReports.github(report))
        case .sarif: try standardOutput(FindingReports.sarif(report, settings: inventory.settings, toolVersion: ShortpathVersion.number))
        }
        let failed = report.count(.error) > 0 || (strict && report.count(.warning) > 0)
        clock.lap("report")
        // Exit here: tearing down ten thousand parsed services would take longer than the report.
        fflush(nil)
        Foundation.exit(failed ? 1 : 0)
    }
}
