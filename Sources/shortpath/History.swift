import Analysis
import ArgumentParser
import History
import Inventory

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print the inventory over time, from git, as CSV or JSON.",
        discussion: """
            One row per day with a commit that changed content/ (its last commit), back `history:` days \
            (content/_index.md, default 365): active services, services on the standard path, errors, warnings, \
            open exceptions, distinct base images and distinct versions of each approved component. \
            The same series as the progress page.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var common: CommonOptions

    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    func run() throws {
        let today = try common.resolveToday()
        let (inventory, _) = try loadOrExit(source: common.sourceURL, today: today)
        let history = HistoryReader.read(source: common.sourceURL, today: today, days: inventory.settings.historyDays)
        if let note = history.note, !history.quiet || history.points.isEmpty { standardError(note) }
        let components = inventory.standards.components.map(\.name)
        switch format {
        case .csv: try standardOutput(HistoryReports.csv(history, components: components))
        case .json: try standardOutput(HistoryReports.json(history, components: components, today: today))
        }
    }
}
