import ArgumentParser
import Maintenance

struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the service that makes upgrades hardest, why, and the first narrow fix, as Markdown for a ticket.",
        discussion: "The same as \"Start here\" on the index and progress pages; the weights are policy.path_weights in content/_index.md."
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        let today = try common.resolveToday()
        let (inventory, report) = try loadOrExit(source: common.sourceURL, today: today)
        try standardOutput(NextMarkdown(inventory: inventory, report: report).markdown())
    }
}
