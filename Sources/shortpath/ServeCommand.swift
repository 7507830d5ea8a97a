import ArgumentParser
import Foundation
import Serve

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve on 127.0.0.1, rebuild what a saved change touches, and reload open pages.",
        discussion: "Content errors are shown in the browser over the last good site and in the terminal. Ctrl-C stops."
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The address to listen on; anything but loopback is reachable from other machines.")
    var bind: String = "127.0.0.1"

    func run() async throws {
        let today = try common.resolveToday()
        guard FileManager.default.fileExists(atPath: common.sourceURL.appending(path: "content").path) else {
            standardError("error: no content folder in \(common.sourceURL.path); pass --source DIR")
            throw ExitCode(2)
        }
        try await DevServer.run(.init(source: common.sourceURL, today: today, host: bind, port: port)) { line in
            print(line)
            fflush(nil)
        }
    }
}
