import ArgumentParser
import Analysis
import Foundation
import Inventory
import Pipeline
import Site

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from content/ into the output folder.",
        discussion: "The site is written to a temporary folder and swapped in whole; on any error the previous output stays as it was."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var members: MemberOptionGroup

    @Option(help: ArgumentHelp("Where to write the site (default: <source>/public).", valueName: "dir"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's absolute URL, used only where a link must be absolute (the 404 page); overrides base_url.", valueName: "url"))
    var baseURL: String?

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must start with https:// or http://, got '\(baseURL)'")
        }
    }

    func run() throws {
        let today = try common.resolveToday()
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? common.sourceURL.appending(path: "public")
        let unchanged = "interrupted: the previous site at \(outputURL.path) is unchanged"
        do {
            try OutputFolder.checkPlacement(outputURL, source: common.sourceURL)
        } catch {
            standardError(error.description)
            throw ExitCode(2)
        }
        let cancellation = Cancellation()
        InterruptSignals.cooperate(cancellation, message: unchanged)
        do {
            let result = try SiteBuilder.build(source: common.sourceURL, output: outputURL, today: today, baseURL: baseURL,
                                                members: members.options, cancellation: cancellation)
            let active = result.report.statuses.count
            print("built \(result.pages) pages for \(counted(active, "active service")) into \(outputURL.path)")
            print(FindingReports.summary(result.report))
            if let note = result.historyNote { standardError(note) }
            // Done: exit here, with the site's model still held, rather than free it object by
            // object on the way out (`SiteBuilder.Result.site`).
            Foundation.exit(0)
        } catch let errors as ContentErrors {
            throw failWithContentErrors(errors)
        } catch let interrupted as Interrupted {
            standardError(unchanged)
            throw ExitCode(128 + interrupted.signal)
        } catch let error as OutputError {
            standardError(error.description)
            throw ExitCode(2)
        }
    }
}
