import Analysis
import Foundation
import Inventory
@testable import Maintenance
import Pipeline
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let exampleToday = Day("2026-11-27")!

func example() throws -> (Inventory, Report) {
    let analysed = try Pipeline.analyse(source: repositoryRoot, today: exampleToday)
    return (analysed.inventory, analysed.report)
}

@Suite struct PlanTests {
    @Test func completePlanForTheWebService() throws {
        let (inventory, report) = try example()
        let service = try ServiceLookup.find("storefront-web", in: inventory)
        let plan = ChangePlan(service: service, inventory: inventory, report: report, changes: [.version, .config]).markdown()
        #expect(plan.hasPrefix("# Change plan: Storefront web (`storefront-web`)\n"))
        #expect(plan.contains("| version | 1.14.2 | 1.15.0 **(change)** |"))
        #expect(plan.contains("- node: 20.11.1 in production, 22.11.0 in staging"))
        #expect(plan.contains("- Rebuilt 7 days ago (2026-11-20), within the 30 days the policy allows."))
        #expect(plan.contains("- Command: `kubectl -n prod rollout undo deployment/storefront`"))
        #expect(plan.contains("- [ ] Take a backup and restore it into a scratch environment (last restore proven: 2026-10-15, 43 days ago)"))
        #expect(plan.contains("## Stop point\n\nhealth checks failing 5 minutes after rollout, or checkout errors above 1%\n"))
        #expect(plan.contains("dana decides to continue or roll back."))
        #expect(plan.contains("This change does 3 things at once: app version 1.14.2 → 1.15.0; runtime (node 20.11.1 → 22); config."))
        #expect(!plan.contains("⚠ missing"))
    }

    @Test func planPlacesTheServiceInItsWavesAndListsLessons() throws {
        let (inventory, report) = try example()
        let web = ChangePlan(service: try ServiceLookup.find("storefront-web", in: inventory), inventory: inventory, report: report).markdown()
        #expect(web.contains("""
            ## Upgrade waves

            - **node → 22**: number 2 of 2 in the next wave, least risky first. Goes after: Search API (`search-api`, low risk; rollback practised: 2026-11-05, 22 days ago; restore proven: 2026-03-02, 270 days ago, over the policy's 90).
            - **postgres → 16**: held apart from the wave (exception until 2027-01-31: pg_partman 4 is not built for 16 yet; the upgrade waits for 5.0).

            """))
        #expect(web.contains("""
            ## Lessons from the last rollouts

            - 2026-11-03 10:00 (stable, to 1.14.2): needed the new client library before restart
            - 2026-08-12 10:00 (stable, to 1.13.0): config change needed a second restart

            """))
        let search = ChangePlan(service: try ServiceLookup.find("search-api", in: inventory), inventory: inventory, report: report).markdown()
        #expect(search.contains("- **node → 22**: number 1 of 2 in the next wave, least risky first; nobody goes before it.\n"))
        let admin = ChangePlan(service: try ServiceLookup.find("admin-tool", in: inventory), inventory: inventory, report: report).markdown()
        #expect(admin.contains("- **node → 22**: held apart from the wave (marked blocks_updates: hand-built container, pinned libssl for a forgotten reason).\n"))
        // The edge proxy lags on nothing and has no rollout notes: neither section.
        let edge = ChangePlan(service: try ServiceLookup.find("edge-proxy", in: inventory), inventory: inventory, report: report).markdown()
        #expect(!edge.contains("## Upgrade waves") && !edge.contains("## Lessons"))
    }

    @Test func missingRollbackFactsAreFlagged() throws {
        let (inventory, report) = try example()
        let plan = ChangePlan(service: try ServiceLookup.find("order-worker", in: inventory), inventory: inventory, report: report).markdown()
        #expect(plan.contains("> ⚠ **No rollback plan is written down.**"))
        #expect(plan.contains("- Command: **⚠ missing**"))
        #expect(plan.contains("## Stop point\n\n**⚠ missing**"))
        #expect(plan.contains("lee (the owner; no `decides` is written) decides"))
        #expect(plan.contains("**Rebuild the image first**: rebuilt 70 days ago"))
        #expect(plan.contains("This change does 2 things at once: runtime (python 3.11.9 → 3.12); base image → registry.example.com/base/jobs:2026.11."))
    }

    /// A plan for the next change rolls back to what runs now, pinned by digest, and says so
    /// when what was observed running differs.
    @Test func planRollsBackToWhatRunsNow() throws {
        let (inventory, report) = try example()
        let web = ChangePlan(service: try ServiceLookup.find("storefront-web", in: inventory), inventory: inventory, report: report).markdown()
        #expect(web.contains("- Roll back to: `registry.example.com/team/storefront:1.14.2@sha256:4b2a6f0f0f6cd1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912`\n"))
        #expect(web.contains("**production was observed running `sha256:7c1e5a9d3b2f4e6a8c0d1f3b5a7e9c2d4f6b8a0c1e3d5f7a9b2c4e6d8f0a1b3c`**"))
        #expect(!web.contains("1.14.1`\n"))
        let search = ChangePlan(service: try ServiceLookup.find("search-api", in: inventory), inventory: inventory, report: report).markdown()
        #expect(search.contains("- Roll back to: `registry.example.com/team/search:4.1.0@sha256:7c4a8d09ca3762af61e59520943dc26494f8941b7c4a8d09ca3762af61e59520`\n"))
        // node and postgres move with the image that runs now: a new runtime needs a new image.
        #expect(search.contains("> ⚠ **A new runtime or base image needs a new image**"))
        // The admin tool records no digest for what runs.
        let admin = ChangePlan(service: try ServiceLookup.find("admin-tool", in: inventory), inventory: inventory, report: report).markdown()
        #expect(admin.contains("⚠ No digest is recorded for what runs now"))
    }

    /// A component held apart by an exception is not part of the change.
    @Test func heldApartComponentsAreNotChanges() throws {
        let (inventory, report) = try example()
        let worker = ChangePlan(service: try ServiceLookup.find("order-worker", in: inventory), inventory: inventory, report: report).markdown()
        #expect(worker.contains("| postgres | 15.8 | 15.8 (held apart: exception until"))
        #expect(!worker.contains("| postgres | 15.8 | 16 **(change)** |"))
    }

    @Test func retiredAndWithoutRollouts() throws {
        let (inventory, report) = try example()
        let plan = ChangePlan(service: try ServiceLookup.find("legacy-reports", in: inventory), inventory: inventory, report: report,
                              toVersion: "2.0.0").markdown()
        #expect(plan.contains("This service is **retired**"))
        // Retired, yet staging still lists it: the plan starts from there.
        #expect(plan.contains("| version | 5.8.2 | 2.0.0 **(change)** |"))
        #expect(!plan.contains("Past rollouts"))
    }

    @Test func unknownServiceSuggestsTheClosest() throws {
        let (inventory, _) = try example()
        #expect(throws: ServiceLookup.NotFound(query: "storefront", suggestions: ["storefront-web"])) {
            try ServiceLookup.find("storefront", in: inventory)
        }
        #expect(throws: ServiceLookup.NotFound(query: "ordr-worker", suggestions: ["order-worker"])) {
            try ServiceLookup.find("ordr-worker", in: inventory)
        }
        #expect(try ServiceLookup.find("Order Worker", in: inventory).slug == "order-worker")
    }
}

extension ServiceLookup.NotFound: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.query == b.query && a.suggestions == b.suggestions }
}

@Suite struct ReviewTests {
    @Test func agendaOfTheExample() throws {
        let (inventory, report) = try example()
        let agenda = ReviewAgenda(inventory, report)
        #expect(agenda.until == Day("2027-04-15"))
        let text = ReviewMarkdown.render(agenda)
        #expect(text.hasPrefix("# Review of the standard\n\nReview date: **2027-01-15** (in 49 days)."))
        #expect(text.contains("| node | `22` | 0 of 3 | Admin tool `18.20.4` (4 major versions behind); Search API `20.18.0` (2 major versions behind); Storefront web `20.11.1` (2 major versions behind) |"))
        #expect(text.contains("| jobs | `2026.11` | 0 of 1 | Order worker `2026.09` (on 2026.09) |"))
        #expect(text.contains("- [ ] Admin tool: node 18, **expired 150 days ago** (2026-06-30)"))
        #expect(text.contains("- [ ] Storefront web: postgres 15, ends 2027-01-31, in 65 days"))
        #expect(text.contains("- Admin tool: rebuilt 543 days ago (2025-06-02)"))
        #expect(text.contains("- Order worker: no rollback plan"))
        #expect(text.contains("- Admin tool: never practised"))
        #expect(text.contains("## Restores not proven\n\n- Order worker: runs postgres, no backups named\n- Search API: last restored 270 days ago (2026-03-02)\n"))
        #expect(text.contains("timed rollouts since 2026-08-29"))
    }

    @Test func untilNarrowsTheExceptions() throws {
        let (inventory, report) = try example()
        let agenda = ReviewAgenda(inventory, report, until: Day("2027-02-01"))
        #expect(agenda.exceptionsDue.map(\.slug) == ["admin-tool", "storefront-web"])
    }
}
