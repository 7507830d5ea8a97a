import Analysis
import ArgumentParser
import Inventory
import Maintenance

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the agenda for the standard's review as Markdown.",
        discussion: "The same agenda is published as review/index.html by build."
    )

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("Exceptions ending by this date are on the agenda (default: 90 days after the review date).", valueName: "yyyy-mm-dd"))
    var until: String?

    @Option(help: ArgumentHelp("Rollouts from this date on make the trend (default: 90 days before today).", valueName: "yyyy-mm-dd"))
    var since: String?

    func run() throws {
        let today = try common.resolveToday()
        let untilDay = try until.map { text in
            guard let day = Day(text) else { throw ValidationError("--until must be a real date as YYYY-MM-DD, got '\(text)'") }
            return day
        }
        let sinceDay = try since.map { text in
            guard let day = Day(text) else { throw ValidationError("--since must be a real date as YYYY-MM-DD, got '\(text)'") }
            return day
        }
        let (inventory, report) = try loadOrExit(source: common.sourceURL, today: today)
        try standardOutput(ReviewMarkdown.render(ReviewAgenda(inventory, report, until: untilDay, since: sinceDay)))
    }
}
