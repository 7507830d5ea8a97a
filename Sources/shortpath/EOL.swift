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
        abstract: "Fetch end-of-life data for every component from endoflife.date's API v1 (or a mirror of it).",
        discussion: """
            Asks <api>/v1/products/<product>/ for each component's product and writes content/eol/<product>.json \
            in Shortpath's format, with the day it was fetched. Everything is fetched and checked before anything \
            is written; each file is replaced in one rename.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "The API's base URL (the part before /v1/).")
    var api: String = "https://endoflife.date/api"

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
            let update = Maintenance.EOLUpdate(api: base, timeout: timeout, today: today)
            for outcome in try await update.run(products: products, into: common.sourceURL.appending(path: "content/eol")) {
                print(Self.line(outcome))
                for file in outcome.shadowing {
                    print("  note: content/eol/\(file) still answers for \(file.dropLast(5)); delete it so that \(outcome.product).json is used")
                }
            }
        } catch let failure as Maintenance.EOLUpdate.Failure {
            standardError(failure.description)
            throw ExitCode(2)
        }
    }

    static func line(_ outcome: Maintenance.EOLUpdate.Outcome) -> String {
        let name = outcome.product + (outcome.asked.isEmpty ? "" : " (for \(outcome.asked.joined(separator: ", ")))")
        let file = "content/eol/\(outcome.product).json"
        let cycles = "\(outcome.cycles) \(outcome.cycles == 1 ? "cycle" : "cycles")"
        switch outcome.change {
        case .missing:
            var text = "\(name): the API has no such product"
            if !outcome.suggestions.isEmpty { text += " (did you mean \(outcome.suggestions.joined(separator: ", "))?)" }
            if let problem = outcome.listProblem { text += " (its list of products could not be read: \(problem))" }
            return text + "; skipped (name it under eol_products in standards.md if it has another name)"
        case .unchanged: return "\(name): unchanged (\(cycles))"
        case .refreshed: return "\(name): same data, fetch date updated in \(file) (\(cycles))"
        case .new: return "\(name): new, \(file) (\(cycles))"
        case .changed: return "\(name): updated \(file) (\(cycles))"
        }
    }
}
