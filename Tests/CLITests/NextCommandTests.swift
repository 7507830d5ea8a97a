import Foundation
import Testing

/// `shortpath next`: where to start, as Markdown for a ticket.
@Suite struct NextCommandTests {
    @Test func theExampleStartsWithTheAdminToolAsTheReadmeShows() throws {
        let run = try shortpath(["next", "--source", repositoryRoot.path, "--today", "2026-11-27"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("# Start here: Admin tool (`admin-tool`)\n"))
        #expect(run.stdout.contains("## The first narrow fix"))
        let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
        #expect(readme.contains("````markdown\n" + run.stdout + "````\n"), "README.md's example of shortpath next is out of date:\n\(run.stdout)")
        // The same inputs and day give the same bytes.
        #expect(try shortpath(["next", "--source", repositoryRoot.path, "--today", "2026-11-27"]).stdout == run.stdout)
    }

    @Test func aTeamWithNothingToFixIsToldSo() throws {
        let scratch = Scratch()
        scratch.write("content/standards.md", "---\ncomponents: { node: \"22\" }\n---\n")
        scratch.write("content/services/api.md", cleanService.replacingOccurrences(of: "owner: dana", with: "owner: dana\nrebuilt: 2026-11-20"))
        let run = try shortpath(["next", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Start here\n\nPrepared on 2026-11-27. Nothing makes upgrades harder right now:"))
    }

    @Test func badWeightsAreContentErrors() throws {
        let scratch = Scratch()
        scratch.site(service: cleanService)
        scratch.write("content/_index.md", "---\ntitle: T\npolicy:\n  path_weights:\n    stale_images: 4\n    rollbacks: many\n---\n")
        let run = try shortpath(["next", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("content/_index.md:5:5: error: unknown key 'stale_images' in 'path_weights' (did you mean 'stale_image'?)"))
        #expect(run.stderr.contains("content/_index.md:6:16: error: 'rollbacks' must be a whole number from 0 to 100, found 'many'"))
    }

    @Test func weightsInThePolicyChangeWhoComesFirst() throws {
        let scratch = Scratch()
        scratch.write("content/standards.md", "---\ncomponents: { node: \"22\" }\n---\n")
        // Old: alone on node 18 (3 points). Stale: an image built long ago (2 points).
        scratch.write("content/services/old.md", cleanService.replacingOccurrences(of: "name: API", with: "name: Old")
            .replacingOccurrences(of: "node: \"22.1.0\"", with: "node: \"18.1.0\"")
            .replacingOccurrences(of: "owner: dana", with: "owner: dana\nrebuilt: 2026-11-20"))
        scratch.write("content/services/stale.md", cleanService.replacingOccurrences(of: "name: API", with: "name: Stale")
            .replacingOccurrences(of: "owner: dana", with: "owner: dana\nrebuilt: 2025-01-01"))
        let before = try shortpath(["next", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(before.stdout.hasPrefix("# Start here: Old (`old`)"), "\(before.stdout)")
        scratch.write("content/_index.md", "---\ntitle: T\npolicy:\n  path_weights: { stale_image: 5 }\n---\n")
        let after = try shortpath(["next", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(after.stdout.hasPrefix("# Start here: Stale (`stale`)"), "\(after.stdout)")
        #expect(after.stdout.contains("- image built 695 days ago — *stale image*, 5 points\n"))
    }

    @Test func nextTakesNoService() throws {
        let run = try shortpath(["next", "admin-tool", "--source", repositoryRoot.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Unexpected argument 'admin-tool'"))
    }
}
