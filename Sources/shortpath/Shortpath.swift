import ArgumentParser
import Foundation
import Markdown
import Site

@main
struct Shortpath: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortpath",
        abstract: "Builds a static site from a team's infrastructure inventory and checks it in CI.",
        discussion: "Exit codes: 0 fine, 1 findings at the gate (check), 2 bad input or usage.",
        version: ShortpathVersion.report,
        subcommands: [Build.self, Check.self, ServeCommand.self, New.self, Plan.self, Next.self, Record.self, Review.self, HistoryCommand.self, EOL.self],
        defaultSubcommand: Build.self
    )

    static func main() async {
        InterruptSignals.install()
        // cmark-gfm's extension registry is global: fill it before any concurrency.
        Markdown.registerExtensions()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Usage errors exit 2 like bad input (ArgumentParser's own default is 64).
            let code = exitCode(for: error)
            if code == .validationFailure {
                standardError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
