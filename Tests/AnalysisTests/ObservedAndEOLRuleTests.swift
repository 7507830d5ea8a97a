@testable import Analysis
@testable import Inventory
import Testing

@Suite struct ObservedRuleTests {
    let running = ObservedContainer(name: "api", image: "registry.example.com/team/api:1.2.0", digest: Fixture.digestA, isInit: false)

    func report(_ workloads: [Workload], environment: String = "production", yaml: String = Fixture.cleanYAML, match: String? = nil) -> Report {
        var service = Fixture.service(match.map { yaml + "\nmatch: [\($0)]" } ?? yaml)
        service.slug = "api"
        let snapshot = ObservedSnapshot(environment: environment, file: "content/observed/\(environment)/pods.json", source: .pods,
                                        date: Day("2026-11-26"), dateFromFileName: true, workloads: workloads)
        let inventory = Inventory(settings: SiteSettings(), standards: Fixture.standards(), services: [service], observed: [snapshot])
        return try! Analyzer.analyze(inventory, today: Fixture.today)
    }

    @Test func matchingStateIsQuietButTheUnobservedEnvironmentIsNoted() {
        let result = report([Workload(name: "api", instance: "api-1", containers: [running])])
        #expect(result.findings.map(\.rule) == [.observedMissing])
        #expect(result.findings.first?.message == "staging is not verified: there is no snapshot of staging")
        #expect(result.findings.first?.severity == .info)
        #expect(result.observed["api"]?["production"]?.digests == [Fixture.digestA])
    }

    @Test func aDifferentTagOrDigestIsAMismatch() {
        var other = running
        other.image = "registry.example.com/team/api:1.3.0"
        let tag = report([Workload(name: "api", instance: "api-1", containers: [other])])
        #expect(tag.findings.contains { $0.rule == .observedMismatch && $0.message == "api-1 in production runs team/api:1.3.0, but the inventory declares team/api:1.2.0" })
        var pushedAgain = running
        pushedAgain.digest = Fixture.digestB
        let digest = report([Workload(name: "api", instance: "api-1", containers: [pushedAgain])])
        let finding = digest.findings.first { $0.rule == .observedMismatch }
        #expect(finding?.message == "api-1 in production runs team/api:1.2.0 as sha256:bbbbbbbbbbbb…, but the inventory declares sha256:aaaaaaaaaaaa…")
        #expect(finding?.severity == .error)
        #expect(digest.statuses["api"]?.reasons.first == .observedMismatch)
    }

    @Test func podsMidRolloutGiveOneFindingPerVersionThatDiffers() {
        var newer = running
        newer.image = "registry.example.com/team/api:1.3.0"
        newer.digest = Fixture.digestB
        let result = report([
            Workload(name: "api", instance: "api-a", containers: [running]),
            Workload(name: "api", instance: "api-b", containers: [newer]),
            Workload(name: "api", instance: "api-c", containers: [newer]),
        ])
        let mismatches = result.findings.filter { $0.rule == .observedMismatch }.map(\.message)
        #expect(mismatches == ["2 of 3 instances in production run team/api:1.3.0, but the inventory declares team/api:1.2.0"])
    }

    @Test func sidecarsAndInitContainersAreNotTheService() {
        let sidecar = ObservedContainer(name: "envoy", image: "envoyproxy/envoy:v1.31.2", digest: Fixture.digestB, isInit: false)
        let initContainer = ObservedContainer(name: "migrate", image: "registry.example.com/team/migrate:9", digest: nil, isInit: true)
        let result = report([Workload(name: "api", instance: "api-1", containers: [initContainer, running, sidecar])])
        #expect(!result.findings.contains { $0.rule == .observedMismatch })
    }

    @Test func unlistedWorkloadsAndMatchLists() {
        let other = Workload(name: "cron", instance: "cron-1", containers: [ObservedContainer(name: "cron", image: "registry.example.com/cron:1", digest: nil, isInit: false)])
        let unmatched = report([Workload(name: "api", instance: "api-1", containers: [running]), other])
        #expect(unmatched.findings.contains { $0.rule == .observedUnlisted && $0.service == nil && $0.message == "cron runs in production (registry.example.com/cron:1) but no service lists it" })
        let renamed = Workload(name: "customer-api", instance: "customer-api-1", containers: [running])
        let byMatch = report([renamed], match: "customer-api")
        #expect(!byMatch.findings.contains { $0.rule == .observedUnlisted })
        #expect(!byMatch.findings.contains { $0.rule == .observedMismatch })
        let notMatched = report([renamed])
        #expect(notMatched.findings.contains { $0.rule == .observedUnlisted })
        #expect(notMatched.findings.contains { $0.rule == .observedMissing && $0.message == "production is not verified: no workload of api is in the production snapshot" })
    }
}

@Suite struct EOLRuleTests {
    let product = EOLProduct(product: "nodejs", file: "content/eol/nodejs.json", cycles: [
        EOLCycle(cycle: "22", releaseDate: Day("2024-04-24"), eol: .day(Day("2027-04-30")!), support: nil, latest: "22.12.0", lts: true),
        EOLCycle(cycle: "20", releaseDate: Day("2023-04-18"), eol: .day(Day("2026-04-30")!), support: nil, latest: "20.18.1", lts: true),
        EOLCycle(cycle: "23", releaseDate: nil, eol: .day(Day("2027-01-15")!), support: nil, latest: nil, lts: false),
        EOLCycle(cycle: "16", releaseDate: nil, eol: .yes, support: nil, latest: nil, lts: false),
        EOLCycle(cycle: "2", releaseDate: nil, eol: .no, support: nil, latest: nil, lts: false),
        EOLCycle(cycle: "2.2", releaseDate: nil, eol: .no, support: nil, latest: nil, lts: false),
    ])

    @Test(arguments: [("22.11.1", "22"), ("v20.1.0", "20"), ("2.2.9", "2.2"), ("2.20.1", "2"), ("22", "22"), ("99.1", nil), ("latest", nil)])
    func longestPrefixCycle(_ version: String, _ cycle: String?) {
        #expect(EOLRules.cycle(for: version, in: product)?.cycle == cycle)
    }

    func rules(_ version: String) -> [(Rule, String)] {
        let service = Fixture.service(Fixture.cleanYAML.replacingOccurrences(of: "node: \"22.11.0\"", with: "node: \"\(version)\""))
        let inventory = Inventory(settings: SiteSettings(), standards: Fixture.standards(Fixture.standardsYAML + "\neol_products: { node: nodejs }"),
                                  services: [service], eol: ["nodejs": product])
        let report = try! Analyzer.analyze(inventory, today: Fixture.today)
        return report.findings.filter { [.eolReached, .eolSoon, .patchAvailable].contains($0.rule) }.map { ($0.rule, $0.message) }
    }

    @Test func reachedSoonAndPatches() {
        #expect(rules("20.11.1").map(\.0) == [.eolReached, .patchAvailable])
        #expect(rules("20.11.1")[0].1 == "node 20.11.1 reached its end of life on 2026-04-30 (nodejs 20), 211 days ago")
        #expect(rules("23.1.0").map(\.1) == ["node 23.1.0 reaches its end of life on 2027-01-15 (nodejs 23), in 49 days"])
        #expect(rules("16.0.0").map(\.1) == ["node 16.0.0 is past its end of life (nodejs 16)"])
        #expect(rules("22.12.0").isEmpty)
        #expect(rules("22.11.0").map(\.1) == ["node 22.11.0: 22.12.0 is the latest of the 22 cycle"])
    }

    @Test func aPatchSaysWhenItCameOut() {
        var dated = product
        dated.cycles[0].latestDate = Day("2024-12-03")
        let inventory = Inventory(settings: SiteSettings(), standards: Fixture.standards(), services: [Fixture.service(Fixture.cleanYAML)],
                                  eol: ["nodejs": dated])
        let report = try! Analyzer.analyze(inventory, today: Fixture.today)
        // No `eol_products`: the component `node` finds `nodejs` by its alias.
        #expect(report.findings.filter { $0.rule == .patchAvailable }.map(\.message).isEmpty)
        var aliased = dated
        aliased.aliases = ["node"]
        let found = try! Analyzer.analyze(Inventory(settings: SiteSettings(), standards: Fixture.standards(), services: [Fixture.service(Fixture.cleanYAML)],
                                                    eol: ["nodejs": aliased]), today: Fixture.today)
        #expect(found.findings.filter { $0.rule == .patchAvailable }.map(\.message)
            == ["node 22.11.0: 22.12.0 (released 2024-12-03) is the latest of the 22 cycle"])
    }

    func stale(fetched: String?, policy: Policy = Policy()) -> [Finding] {
        var data = product
        data.fetched = fetched.map { Located(Day($0)!, line: 6, column: 3) }
        data.format = fetched == nil ? .v0 : .stored
        var settings = SiteSettings()
        settings.policy = policy
        let inventory = Inventory(settings: settings, standards: Fixture.standards(), services: [], eol: ["nodejs": data])
        return try! Analyzer.analyze(inventory, today: Fixture.today).findings.filter { $0.rule == .eolDataStale }
    }

    @Test func staleDataIsNotedAtItsFetchDate() {
        #expect(stale(fetched: "2026-10-28").isEmpty)
        let old = stale(fetched: "2026-10-27")
        #expect(old.map(\.message) == ["the end-of-life data for nodejs was fetched on 2026-10-27, 31 days ago (over the 30 days the policy allows)"])
        let finding = old.first
        #expect(finding?.file == "content/eol/nodejs.json" && finding?.line == 6 && finding?.column == 3)
        #expect(finding?.severity == .info && finding?.service == nil)
        #expect(finding?.hint == "run shortpath eol update")
        var lenient = Policy()
        lenient.eolStaleDays = 90
        #expect(stale(fetched: "2026-10-27", policy: lenient).isEmpty)
        var strict = Policy()
        strict.severity = ["eol-data-stale": Located("warning", line: 1, column: 1)]
        #expect(stale(fetched: "2026-10-27", policy: strict).map(\.severity) == [.warning])
        let v0 = stale(fetched: nil)
        #expect(v0.map(\.message) == ["the end-of-life data for nodejs has no fetch date (endoflife.date's v0 format), so its age is unknown"])
        #expect(v0.first?.line == 1)
    }
}
