import ArgumentParser
import Foundation
import Inventory
import Maintenance

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create content from a template.",
        subcommands: [NewService.self]
    )
}

struct NewService: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Write content/services/<slug>.md with every field of the format, commented.",
        discussion: "The template is the site's archetypes/service.md, else the built-in one. An existing file is never overwritten."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The service's display name; the file name is derived from it.")
    var name: String

    func run() throws {
        let today = try common.resolveToday()
        guard let slug = Archetype.slug(for: name) else {
            throw ValidationError("'\(name)' has no letters or digits to make a file name from")
        }
        let path = "content/services/\(slug).md"
        let url = common.sourceURL.appending(path: path)
        let (text, origin): (String, String)
        do {
            (text, origin) = try Archetype.service(source: common.sourceURL, name: name, slug: slug, today: today.description)
        } catch {
            standardError(error.description)
            throw ExitCode(2)
        }
        do {
            _ = try ContentLoader.parseService(text: text, path: path, slug: slug)
        } catch {
            standardError("\(origin) does not make a valid service file:\n\(error.description)")
            throw ExitCode(2)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_EXCL: an existing file, even one created a moment ago, is never overwritten.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            standardError(errno == EEXIST ? "error: \(path) already exists; edit it, or choose another name" : "error: cannot create \(path): \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        let written = text.utf8.withContiguousStorageIfAvailable { Foundation.write(descriptor, $0.baseAddress, $0.count) } ?? -1
        close(descriptor)
        guard written == text.utf8.count else {
            try? FileManager.default.removeItem(at: url)
            standardError("error: cannot write \(path)")
            throw ExitCode(2)
        }
        print("wrote \(path) from \(origin); fill in the facts, then run 'shortpath check'")
    }
}
