import Foundation
import Testing

@Suite struct MaintenanceCommandTests {
    /// A copy of the bundled example to change.
    func exampleCopy() throws -> Scratch {
        let scratch = Scratch()
        try FileManager.default.removeItem(at: scratch.url)
        try FileManager.default.copyItem(at: repositoryRoot.appending(path: "content"), to: scratch.url.appending(path: "content"))
        return scratch
    }

    @Test func newServiceWritesAValidFileOnceOnly() throws {
        let scratch = try exampleCopy()
        let first = try shortpath(["new", "service", "Payments Gateway (EU)", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote content/services/payments-gateway-eu.md from themes/default/archetypes/service.md (built in)"))
        let text = try String(contentsOf: scratch.url.appending(path: "content/services/payments-gateway-eu.md"), encoding: .utf8)
        #expect(text.contains("name: \"Payments Gateway (EU)\"\n"))
        #expect(text.contains("rebuilt: 2026-11-27"))
        let again = try shortpath(["new", "service", "payments gateway eu", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(again.status == 2)
        #expect(again.stderr == "error: content/services/payments-gateway-eu.md already exists; edit it, or choose another name\n")
        #expect(try String(contentsOf: scratch.url.appending(path: "content/services/payments-gateway-eu.md"), encoding: .utf8) == text)
        let check = try shortpath(["check", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(check.stdout.contains("content/services/payments-gateway-eu.md:5:1: error: Payments Gateway (EU) has no owner [owner-missing]"))
        let nothing = try shortpath(["new", "service", "!!!", "--source", scratch.url.path])
        #expect(nothing.status == 2)
    }

    @Test func aSiteArchetypeWins() throws {
        let scratch = try exampleCopy()
        scratch.write("archetypes/service.md", "---\nname: {{name_yaml}}\nowner: platform\nrebuilt: {{today}}\n---\nOur own template for {{slug}}.\n")
        let run = try shortpath(["new", "service", "Search", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 0)
        #expect(try String(contentsOf: scratch.url.appending(path: "content/services/search.md"), encoding: .utf8)
                == "---\nname: \"Search\"\nowner: platform\nrebuilt: 2026-11-27\n---\nOur own template for search.\n")
    }

    @Test func planAndReviewPrintMarkdown() throws {
        let plan = try shortpath(["plan", "storefront-web", "--source", repositoryRoot.path, "--today", "2026-11-27"])
        #expect(plan.status == 0)
        #expect(plan.stdout.hasPrefix("# Change plan: Storefront web (`storefront-web`)"))
        let unknown = try shortpath(["plan", "storefront", "--source", repositoryRoot.path, "--today", "2026-11-27"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: no service 'storefront' (did you mean 'storefront-web'?)\n")
        let review = try shortpath(["review", "--source", repositoryRoot.path, "--today", "2026-11-27", "--until", "2027-02-01"])
        #expect(review.status == 0)
        #expect(review.stdout.contains("exceptions ending by 2027-02-01"))
        #expect(!review.stdout.contains("Order worker: postgres"))
    }

    @Test func recordEditsTheFileAndReports() throws {
        let scratch = try exampleCopy()
        let file = scratch.url.appending(path: "content/services/edge-proxy.md")
        let before = try String(contentsOf: file, encoding: .utf8)
        let run = try shortpath(["record", "edge-proxy", "--started", "2026-11-27T10:00", "--stable", "2026-11-27T10:12",
                                 "--to", "3.2.2", "--changes", "version", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            recorded in content/services/edge-proxy.md: started 2026-11-27 10:00, stable at 2026-11-27 10:12, took 12 min; the median of the 2 before is 10 min: 2 min slower
              production version: 3.2.1 → 3.2.2
              production image stays registry.example.com/team/edge:3.2.1: pass --image (and --digest) when the image changed

            """)
        let after = try String(contentsOf: file, encoding: .utf8)
        // The rollout is appended, and production runs the version it went to.
        #expect(after == before
            .replacingOccurrences(of: "  production:\n    version: \"3.2.1\"", with: "  production:\n    version: \"3.2.2\"")
            .replacingOccurrences(of: "    changes: [image]\n---", with: "    changes: [image]\n  - started: 2026-11-27T10:00\n    stable: 2026-11-27T10:12\n    to: \"3.2.2\"\n    changes: [version]\n---"))
        let both = try shortpath(["record", "edge-proxy", "--started", "2026-11-27T10:00", "--source", scratch.url.path])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give either --stable or --rolled-back"))
        let backwards = try shortpath(["record", "edge-proxy", "--started", "2026-11-27T10:00", "--stable", "2026-11-27T09:00", "--source", scratch.url.path, "--today", "2026-11-27"])
        #expect(backwards.status == 2)
        #expect(backwards.stderr.contains("the rollout ends (2026-11-27 09:00) before it started (2026-11-27 10:00)"))
        #expect(try String(contentsOf: file, encoding: .utf8) == after)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
