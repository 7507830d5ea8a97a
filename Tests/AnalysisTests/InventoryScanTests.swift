@testable import Analysis
@testable import Inventory
import Testing

/// The inventory page's judgements: the rows' order, the version order, the counts, and what
/// belongs to no row.
@Suite struct InventoryScanTests {
    /// The clean service, renamed, with one production version and the given extra lines.
    static func service(_ slug: String, name: String, version: String = "1.2.0",
                        replacing: [(String, String)] = [], adding extra: String = "") -> Service {
        var yaml = Fixture.variant(replacing, adding: extra).replacingOccurrences(of: "name: API", with: "name: \(name)")
        yaml = yaml.replacingOccurrences(of: "version: \"1.2.0\"\n    image: registry.example.com/team/api:1.2.0\n    digest: \(Fixture.digestA)\n  staging",
                                         with: "version: \"\(version)\"\n    image: registry.example.com/team/api:1.2.0\n    digest: \(Fixture.digestA)\n  staging")
        return Fixture.service(yaml, slug: slug)
    }

    static func scan(_ services: [Service], observed: [ObservedSnapshot] = []) -> (InventoryScan, Report) {
        var inventory = Inventory(settings: SiteSettings(policy: Policy()), standards: Fixture.standards(), services: services)
        inventory.observed = observed
        let report = try! Analyzer.analyze(inventory, today: Fixture.today)
        return (InventoryScan(inventory, report), report)
    }

    static let behind = [("node: \"22.11.0\"", "node: \"20.11.1\"")]
    static let noOwner = [("owner: dana\n", "")]
    static let noRollback = [(String(Fixture.cleanYAML[Fixture.cleanYAML.range(of: "rollback:\n")!.lowerBound...]), "")]

    @Test func errorsThenWarningsThenBlockersThenFine() {
        let (scan, report) = Self.scan([
            Self.service("fine", name: "A fine one"),
            Self.service("blocker", name: "B blocks", adding: "blocks_updates: true"),
            Self.service("warned", name: "C warned", replacing: Self.behind),
            Self.service("broken", name: "D broken", replacing: Self.noOwner),
            Self.service("worst", name: "E worst", replacing: Self.noOwner + Self.behind),
            Self.service("blocking-error", name: "F blocks and errs", replacing: Self.noOwner, adding: "blocks_updates: true"),
            Self.service("two-errors", name: "G two errors", replacing: Self.noOwner + Self.noRollback),
        ])
        // Errors first (most errors, then holding others back, then most warnings), then
        // warnings, blockers, fine.
        #expect(scan.order == ["two-errors", "blocking-error", "worst", "broken", "warned", "blocker", "fine"])
        #expect(report.statuses["two-errors"]?.errors == 2)
        #expect(report.statuses["worst"]?.urgency == .errors)
        #expect(report.statuses["warned"]?.urgency == .warnings)
        #expect(report.statuses["blocker"]?.urgency == .blocksUpdates)
        #expect(report.statuses["fine"]?.urgency == .fine)
        #expect(report.statuses["worst"]?.worst == .error)
        #expect(report.statuses["warned"]?.worst == .warning)
        #expect(report.statuses["blocker"]?.worst == nil)
        let twoErrorsWarnings = report.statuses["two-errors"]?.warnings ?? 0
        #expect(scan.counts == InventoryScan.Counts(services: 7, onPath: 2, withErrors: 4, withWarningsOnly: 1, blocking: 2,
                                                      errors: 5, warnings: 2 + twoErrorsWarnings))
    }

    @Test func reasonsCarryTheirSeverityMostSevereFirst() {
        let (_, report) = Self.scan([Self.service("worst", name: "Worst", replacing: Self.noOwner + Self.behind)])
        let status = report.statuses["worst"]
        #expect(status?.reasons == [.ownerMissing, .componentBehind])
        #expect(status?.reasonSeverities == [.error, .warning])
    }

    @Test func versionsRankInVersionOrderNotTextOrder() {
        let versions = ["1.0.9", "1.10.1", "1.0.0", "1.1.3", "v1.0.8", "1.0.0+build7", "latest", "1.2.0-rc.1", "1.2.0"]
        let services = versions.enumerated().map { Self.service("s\($0.offset)", name: "S\($0.offset)", version: $0.element) }
        let (scan, _) = Self.scan(services)
        let ranked = versions.indices.sorted { (scan.versionRank["s\($0)"]!, $0) < (scan.versionRank["s\($1)"]!, $1) }.map { versions[$0] }
        #expect(ranked == ["1.0.0", "1.0.0+build7", "v1.0.8", "1.0.9", "1.1.3", "1.2.0-rc.1", "1.2.0", "1.10.1", "latest"])
        // Equal versions share a place.
        #expect(scan.versionRank["s2"] == scan.versionRank["s5"])
    }

    @Test func retiredServicesStillDeployedAndUnlistedWorkloadsAreOutsideTheRows() {
        var retired = Self.service("old", name: "Old")
        retired.status = .retired
        let container = ObservedContainer(name: "cache-warmer", image: "registry.example.com/team/cache-warmer:0.4.0", digest: nil, isInit: false)
        let workload = Workload(name: "cache-warmer", instance: "cache-warmer-1", containers: [container])
        let snapshots = [
            ObservedSnapshot(environment: "production", file: "content/observed/production/pods.json", source: .pods, date: nil, dateFromFileName: false, workloads: [workload]),
            ObservedSnapshot(environment: "qa", file: "content/observed/qa/pods.json", source: .pods, date: nil, dateFromFileName: false, workloads: []),
        ]
        let (scan, _) = Self.scan([Self.service("api", name: "API"), retired], observed: snapshots)
        #expect(scan.outside.map(\.rule).sorted() == [.retiredStillDeployed, .observedUnlisted].sorted())
        #expect(scan.order == ["api"])
        #expect(scan.unlistedEnvironments == [InventoryScan.ObservedEnvironment(environment: "qa", file: "content/observed/qa/pods.json")])
    }
}
