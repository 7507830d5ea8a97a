import Foundation
import Inventory
import Pipeline
@testable import Serve
import Site
import Testing

/// A saved service file is read alone and patched into the inventory serve keeps; what serve
/// then holds and writes equals a whole load and a full build of the same content.
@Suite(.serialized) struct IncrementalRebuildTests {
    static let today = Day(year: 2026, month: 11, day: 27)!

    /// A copy of the example's content and the folder serve writes into.
    final class Workspace {
        let root = FileManager.default.temporaryDirectory.appending(path: "shortpath-incremental-\(UUID().uuidString)")
        var source: URL { root.appending(path: "site") }
        var output: URL { root.appending(path: "served") }
        var services: URL { source.appending(path: "content/services") }

        init() throws {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repository.appending(path: "content"), to: source.appending(path: "content"))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func service(_ name: String) -> URL { services.appending(path: name) }

        func edit(_ name: String, _ change: (String) -> String) throws -> String {
            let file = service(name)
            try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: false, encoding: .utf8)
            return file.path
        }

        /// What a full build of the same content writes.
        func fullBuild() throws -> [String: Data] {
            let folder = root.appending(path: "built")
            _ = try SiteBuilder.build(source: source, output: folder, today: IncrementalRebuildTests.today, members: .cacheOnly)
            return Self.tree(folder)
        }

        var served: [String: Data] { Self.tree(output) }

        static func tree(_ folder: URL) -> [String: Data] {
            var files: [String: Data] = [:]
            let walker = FileManager.default.enumerator(atPath: folder.path)
            while let path = walker?.nextObject() as? String {
                guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                      walker?.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
                files[path] = FileManager.default.contents(atPath: folder.appending(path: path).path)
            }
            return files
        }
    }

    func started(_ workspace: Workspace) async throws -> LiveSite {
        let site = LiveSite(source: workspace.source, output: workspace.output, today: Self.today)
        let first = await site.rebuild()
        #expect(first.errors == [] && first.paths == nil)
        return site
    }

    /// The whole load's view of the services, as text.
    func loaded(_ workspace: Workspace) throws -> String {
        String(reflecting: try Pipeline.load(source: workspace.source).services)
    }

    @Test func aSavedServiceIsReadAloneAndTheModelEqualsAWholeLoad() async throws {
        let workspace = try Workspace()
        let site = try await started(workspace)
        let path = try workspace.edit("edge-proxy.md") { $0.replacingOccurrences(of: "TLS termination and routing", with: "TLS, edited") }
        // A service with rollouts: its page shows the rollout pace, a whole-site judgement.
        let paced = try workspace.edit("search-api.md") { $0.replacingOccurrences(of: "\ndescription: ", with: "\ndescription: Edited. ") }
        let update = await site.rebuild(paths: [path, paced])
        #expect(update.errors == [])
        #expect(update.paths?.contains("services/edge-proxy/index.html") == true)
        #expect(update.paths?.contains("services/search-api/index.html") == true)
        #expect(await site.wholeLoads == 1)
        let patched = try #require(await site.patchedInventory)
        #expect(String(reflecting: patched.services) == (try loaded(workspace)))
        #expect(patched.services.map(\.slug) == patched.services.map(\.slug).sorted())
        let served = workspace.served
        #expect(served.count > 10)
        #expect(served == (try workspace.fullBuild()))
    }

    @Test func anErrorIsReportedAsAWholeLoadReportsItAndAFixClearsIt() async throws {
        let workspace = try Workspace()
        let site = try await started(workspace)
        let before = workspace.served
        let broken = try workspace.edit("edge-proxy.md") { $0.replacingOccurrences(of: "\nowner:", with: "\nownr:") }
        let other = try workspace.edit("order-worker.md") { $0.replacingOccurrences(of: "\nowner:", with: "\nownr:") }
        let failed = await site.rebuild(paths: [broken, other])
        var expected: [String] = []
        do { _ = try Pipeline.load(source: workspace.source) } catch { expected = error.diagnostics.map(\.description) }
        #expect(expected.contains { $0.hasPrefix("content/services/edge-proxy.md:") })
        #expect(expected.contains { $0.hasPrefix("content/services/order-worker.md:") })
        #expect(failed.errors == expected)
        #expect(await site.errors == expected)
        // The last good site stays.
        #expect(workspace.served == before)

        // Another service saved meanwhile; one error fixed, then the other.
        let third = try workspace.edit("search-api.md") { $0.replacingOccurrences(of: "\ndescription: ", with: "\ndescription: Edited. ") }
        #expect(await site.rebuild(paths: [third]).errors == expected)
        _ = try workspace.edit("order-worker.md") { $0.replacingOccurrences(of: "\nownr:", with: "\nowner:") }
        #expect(await site.rebuild(paths: [other]).errors == expected.filter { $0.hasPrefix("content/services/edge-proxy.md:") })
        _ = try workspace.edit("edge-proxy.md") { $0.replacingOccurrences(of: "\nownr:", with: "\nowner:") }
        let fixed = await site.rebuild(paths: [broken])
        #expect(fixed.errors == [])
        #expect(await site.errors == [])
        #expect(await site.wholeLoads == 1)
        #expect(String(reflecting: try #require(await site.patchedInventory).services) == (try loaded(workspace)))
        #expect(workspace.served == (try workspace.fullBuild()))
    }

    @Test func aDeletedServiceIsPatchedOutAndANewOneLoadsEverything() async throws {
        let workspace = try Workspace()
        let site = try await started(workspace)
        let gone = workspace.service("edge-proxy.md")
        try FileManager.default.removeItem(at: gone)
        #expect(await site.rebuild(paths: [gone.path]).errors == [])
        #expect(await site.wholeLoads == 1)
        #expect(!workspace.served.keys.contains("services/edge-proxy/index.html"))
        #expect(workspace.served == (try workspace.fullBuild()))

        // A new file may clash with another's name: the listing is checked again.
        let added = workspace.service("edge-proxy-2.md")
        try FileManager.default.copyItem(at: workspace.service("search-api.md"), to: added)
        #expect(await site.rebuild(paths: [added.path]).errors == [])
        #expect(await site.wholeLoads == 2)
        #expect(workspace.served.keys.contains("services/edge-proxy-2/index.html"))
        let full = try workspace.fullBuild(), served = workspace.served
        #expect(served == full, "\(Set(full.keys).symmetricDifference(served.keys)) \(full.keys.filter { full[$0] != served[$0] })")
    }

    @Test func filesALoadNeverListsChangeNothing() async throws {
        let workspace = try Workspace()
        let site = try await started(workspace)
        let before = await site.version
        for name in ["edge-proxy.md~", ".edge-proxy.md.swp", "_draft.md", "4913"] {
            try "x".write(to: workspace.service(name), atomically: false, encoding: .utf8)
        }
        let update = await site.rebuild(paths: Set(["edge-proxy.md~", ".edge-proxy.md.swp", "_draft.md", "4913"].map { workspace.service($0).path }))
        #expect(update.errors == [] && update.paths == [])
        #expect(await site.version == before)
        #expect(await site.wholeLoads == 1)
    }

    @Test func theStandardOrTheSettingsRebuildEverything() async throws {
        let workspace = try Workspace()
        let site = try await started(workspace)
        for name in ["standards.md", "_index.md"] {
            let file = workspace.source.appending(path: "content/\(name)")
            try (try String(contentsOf: file, encoding: .utf8) + "\n").write(to: file, atomically: false, encoding: .utf8)
            let update = await site.rebuild(paths: [file.path])
            #expect(update.errors == [])
            #expect(update.paths == nil, "\(name)")
        }
        #expect(await site.wholeLoads == 3)
        #expect(workspace.served == (try workspace.fullBuild()))
    }
}
