import Foundation
@testable import Inventory
@testable import Site
import Testing

/// Every kind of bad input the product promises to report (README, "Two commands": content
/// errors read like a compiler's), through the real loader, with the exact
/// message and position a user sees.
@Suite struct ErrorCatalogueTests {
    /// Loads a site whose only service file is `api.md` with these bytes.
    func errors(_ bytes: [UInt8], extra: (TemporaryFolder) -> Void = { _ in }) -> [String] {
        let site = TemporaryFolder()
        site.write("content/standards.md", "---\ncomponents: { node: \"22\" }\n---\n")
        site.write("content/services/api.md", Data(bytes))
        extra(site)
        do {
            _ = try ContentLoader.load(source: site.url)
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.description): \($0.message)" }
        }
    }

    func errors(_ text: String, extra: (TemporaryFolder) -> Void = { _ in }) -> [String] {
        errors(Array(text.utf8), extra: extra)
    }

    static let cases: [(String, String, String)] = [
        ("no front matter", "# Runbook\n", "content/services/api.md:1:1: no front matter: the file must start with a line '---'"),
        ("unterminated front matter", "---\nname: API\n", "content/services/api.md:1:1: unterminated front matter: no closing '---' line"),
        ("unclosed quote", "---\nname: \"API\nowner: dana\n---\n", "content/services/api.md:2:7: invalid YAML: found unexpected end of stream while scanning a quoted scalar"),
        ("bad indentation", "---\nrollback:\n  command: x\n decides: y\n---\n", "content/services/api.md:4:2: invalid YAML: did not find expected key while parsing a block mapping"),
        ("tab indentation", "---\nrollback:\n\tcommand: x\n---\n", "content/services/api.md:3:1: invalid YAML: found character that cannot start any token while scanning for the next token (YAML indents with spaces, never tabs)"),
        ("multi-document", "---\nname: API\n--- # second\nowner: x\n---\n", "content/services/api.md:3:1: front matter holds more than one YAML document"),
        ("mapping where a list belongs", "---\nsignals: { a: b }\n---\n", "content/services/api.md:2:10: 'signals' must be a list (items starting with '- '), found a mapping"),
        ("list where a mapping belongs", "---\nrollback:\n  - command: x\n---\n", "content/services/api.md:3:3: 'rollback' must be a mapping of keys to values, found a list"),
        ("unknown key", "---\nownr: dana\n---\n", "content/services/api.md:2:1: unknown key 'ownr' in a service (did you mean 'owner'?)"),
        ("impossible day", "---\nrebuilt: 2026-02-30\n---\n", "content/services/api.md:2:10: '2026-02-30' is not a real date"),
        ("impossible month", "---\nrebuilt: 2026-13-01\n---\n", "content/services/api.md:2:10: '2026-13-01' is not a real date"),
        ("rollout ends before it starts", "---\nrollouts:\n  - started: 2026-10-03T10:00\n    rolled_back: 2026-10-02T10:00\n---\n", "content/services/api.md:4:18: the rollout ends (2026-10-02 10:00) before it started (2026-10-03 10:00)"),
        ("empty file", "", "content/services/api.md:1:1: the file is empty"),
        ("empty front matter", "---\n---\nbody\n", "content/services/api.md:2:1: the front matter is empty"),
        ("javascript link", "---\nlinks: { logs: \"javascript:alert(1)\" }\n---\n", "content/services/api.md:2:16: 'javascript:alert(1)' is not an http(s) or mailto link"),
        ("data link", "---\nlinks: { logs: \"data:text/html,<script>\" }\n---\n", "content/services/api.md:2:16: 'data:text/html,<script>' is not an http(s) or mailto link"),
    ]

    @Test(arguments: cases)
    func reports(_ name: String, _ text: String, _ expected: String) {
        #expect(errors(text) == [expected], "\(name)")
    }

    @Test func nonUTF8NamesTheByteOffset() {
        let bytes = Array("---\nname: Caf".utf8) + [0xE9] + Array("\n---\n".utf8)
        #expect(errors(bytes) == ["content/services/api.md:2:10: the file is not valid UTF-8 (byte offset 13, byte 0xE9)"])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() {
        let text = "\u{FEFF}---\r\nname: API\r\nowner: dana\r\nrebuilt: 2026-11-01\r\n---\r\nBody\r\n"
        #expect(errors(text) == [])
    }

    @Test func aFileOverTheLimitIsRefused() {
        let text = "---\nname: API\n---\n" + String(repeating: "x", count: ContentFile.maximumSize)
        #expect(errors(text) == ["content/services/api.md:1:1: the file is 1024 KiB, over the limit of 1024 KiB"])
    }

    @Test func duplicateSlugsAlsoByCase() {
        let found = errors("---\nname: API\n---\n") { site in site.write("content/services/API.md", "---\nname: Other\n---\n") }
        #expect(found == ["content/services/api.md:1:1: duplicate service 'api': content/services/API.md has the same name (letter case is ignored)"])
    }

    @Test func symbolicLinkLoopsAndEscapes() throws {
        let found = errors("---\nname: API\n---\n") { site in
            let services = site.url.appending(path: "content/services")
            try! FileManager.default.createSymbolicLink(atPath: services.appending(path: "loop.md").path, withDestinationPath: "loop.md")
            site.write("outside.md", "---\nname: Outside\n---\n")
            try! FileManager.default.createSymbolicLink(atPath: services.appending(path: "escape.md").path, withDestinationPath: "../../outside.md")
            try! FileManager.default.createSymbolicLink(atPath: services.appending(path: "gone.md").path, withDestinationPath: "nothing-here.md")
            try! FileManager.default.createSymbolicLink(atPath: services.appending(path: "inside.md").path, withDestinationPath: "api.md")
        }
        #expect(found.count == 3)
        #expect(found.contains("content/services/loop.md:1:1: the file is a symbolic link that loops"))
        #expect(found.contains("content/services/gone.md:1:1: the file is a symbolic link to nothing"))
        #expect(found.contains { $0.hasPrefix("content/services/escape.md:1:1: the file is a symbolic link to ") && $0.hasSuffix("/outside.md, outside content/") })
    }

    @Test func anUnreadableFileIsReported() throws {
        // Running as root, permissions cannot stop a read; a folder named like a service file can.
        let found = errors("---\nname: API\n---\n") { site in
            try! FileManager.default.createDirectory(at: site.url.appending(path: "content/services/folder.md"), withIntermediateDirectories: true)
            try! FileManager.default.createSymbolicLink(atPath: site.url.appending(path: "content/services/dir-link.md").path, withDestinationPath: "folder.md")
        }
        #expect(found == ["content/services/dir-link.md:1:1: the file is a symbolic link to a folder, not a regular file"])
    }

    @Test func missingStandardsWhileServicesExistIsAnError() {
        let site = TemporaryFolder()
        site.write("content/services/api.md", "---\nname: API\n---\n")
        do {
            _ = try ContentLoader.load(source: site.url)
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "content/standards.md:1:1: error: no standards file, so no service can be compared with an approved version\n  hint: create content/standards.md with 'components' and 'images' (see the README)",
            ])
        }
    }

    @Test func badServiceFileNames() {
        let found = errors("---\nname: API\n---\n") { site in site.write("content/services/my service.md", "---\nname: X\n---\n") }
        #expect(found == ["content/services/my service.md:1:1: 'my service.md' is not a usable service file name"])
    }

    @Test func everyErrorOfARunTogetherSortedByFileAndLine() {
        let found = errors("---\nrebuilt: 2026-02-30\nownr: x\n---\n") { site in
            site.write("content/services/zeta.md", "no front matter")
            site.write("content/_index.md", "---\npolicy:\n  stale_image_days: soon\n---\n")
        }
        #expect(found == [
            "content/_index.md:3:21: 'stale_image_days' must be a whole number from 0 to 36500, found 'soon'",
            "content/services/api.md:2:10: '2026-02-30' is not a real date",
            "content/services/api.md:3:1: unknown key 'ownr' in a service (did you mean 'owner'?)",
            "content/services/zeta.md:1:1: no front matter: the file must start with a line '---'",
        ])
    }
}
