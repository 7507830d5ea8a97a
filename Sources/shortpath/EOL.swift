import ArgumentParser
import Foundation
import Maintenance

struct EOL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eol",
        abstract: "Manage end-of-life data in content/eol/.",
        subcommands: [EOLUpdateCommand.self]
    )
}

struct EOLUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Fetch end-of-life data for every component from an endoflife.date-compatible API.",
        discussion: "Everything is fetched and checked before anything is written; each file is replaced in one rename."
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "The API's base URL.")
    var api: String = "https://endoflife.date/api/"

    @Option(help: "Seconds to wait for each answer.")
    var timeout: Double = 20

    func run() async throws {
        guard let base = URL(string: api), base.scheme == "http" || base.scheme == "https" else {
            throw ValidationError("--api must be an http(s) URL, got '\(api)'")
        }
        let today = try common.resolveToday()
        let (inventory, _) = try loadOrExit(source: common.sourceURL, today: today)
        let products = Maintenance.EOLUpdate.products(inventory)
        do {
            let outcomes = try await Maintenance.EOLUpdate(api: base, timeout: timeout).run(products: products, into: common.sourceURL.appending(path: "content/eol"))
            for outcome in outcomes {
                switch outcome.change {
                case .missing: print("\(outcome.product): the API has no such product; skipped (name it under eol_products in standards.md if it has another name)")
                case .unchanged: print("\(outcome.product): unchanged (\(outcome.cycles) cycles)")
                case .new: print("\(outcome.product): new, content/eol/\(outcome.product).json (\(outcome.cycles) cycles)")
                case .changed: print("\(outcome.product): updated content/eol/\(outcome.product).json (\(outcome.cycles) cycles)")
                }
            }
        } catch let failure as Maintenance.EOLUpdate.Failure {
            standardError(failure.description)
            throw ExitCode(2)
        }
    }
}
