@testable import Analysis
@testable import Inventory
import Testing

/// Crafted inventories for "Start here": services made from the clean fixture, one change at a time.
enum Crafted {
    /// The clean service named `name`, with `replacing` swapped in and `adding` appended.
    static func service(_ slug: String, _ replacing: [(String, String)] = [], adding extra: String = "") -> Service {
        Fixture.service(Fixture.variant([("name: API", "name: \(slug.capitalized)")] + replacing, adding: extra), slug: slug)
    }

    /// `rollouts:` with one rollout a day from 2026-10-01 for each duration; `back` marks the
    /// ones rolled back.
    static func rollouts(_ minutes: [Int], back: Set<Int> = []) -> String {
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "rollouts:\n" + minutes.enumerated().map { index, duration in
            let day = "2026-10-\(two(index + 1))"
            let end = 10 * 60 + duration
            return "  - started: \(day)T10:00\n    \(back.contains(index) ? "rolled_back" : "stable"): \(day)T\(two(end / 60)):\(two(end % 60))\n"
        }.joined()
    }

    static func analyse(_ services: [Service], policy: Policy = Policy()) -> Report {
        let inventory = Inventory(settings: SiteSettings(policy: policy), standards: Fixture.standards(), services: services)
        return try! Analyzer.analyze(inventory, today: Fixture.today)
    }

    /// Alone on node 18, on a hand-built image, and slow to roll out.
    static let legacy = service("legacy", [("node: \"22.11.0\"", "node: \"18.20.4\""),
                                           ("base_image: registry.example.com/base/web:2026.11", "base_image: registry.example.com/custom/legacy:1.0")],
                                adding: rollouts([120, 130, 110]))
    /// Only one warning (a stale image), but more findings than `legacy`: four one-off components.
    static let noisy = service("noisy", [("rebuilt: 2026-11-20", "rebuilt: 2026-06-01"),
                                         ("components: { node: \"22.11.0\", postgres: \"16.4\" }",
                                          "components: { node: \"22.11.0\", postgres: \"16.4\", jq: \"1.7\", curl: \"8.5\", git: \"2.43\", make: \"4.3\" }")],
                               adding: rollouts([20, 25]))
    static let peers = ["peer-a", "peer-b"].map { service($0, adding: rollouts([20, 15, 25])) }
}

@Suite struct PathCostTests {
    @Test func theLoneSlowCustomServiceRanksFirstAboveOneWarningWithMoreFindings() throws {
        let report = Crafted.analyse([Crafted.legacy, Crafted.noisy] + Crafted.peers)
        let startHere = report.overview.startHere
        // The noisy service has more findings, and only one of them is a warning.
        #expect(report.findings(for: "noisy").count > report.findings(for: "legacy").count)
        #expect(report.statuses["noisy"]?.warnings == 1 && report.statuses["noisy"]?.errors == 0)
        #expect(startHere.ranking.map(\.slug) == ["legacy", "noisy"])
        let top = try #require(startHere.top)
        #expect(top.parts.map(\.factor) == [.loneVersion, .customImage, .slowRollouts])
        #expect(top.parts.map(\.reason) == [
            "the only service on node 18 (the standard: 22)",
            "built on custom/legacy:1.0, a base image outside the approved set",
            "its last 3 stable rollouts took a median 120 min against the team's 25",
        ])
        #expect(top.points == 3 + 3 + 2)
        #expect(startHere.cost(of: "noisy")?.parts.map(\.reason) == ["image built 179 days ago"])
        #expect(startHere.following.map(\.slug) == ["noisy"])
        #expect(startHere.teamRolloutMedian == 25)
    }

    @Test func weightsFromThePolicyChangeTheOrder() throws {
        var policy = Policy()
        policy.pathWeights.overrides[.staleImage] = Located(20, line: 4, column: 5)
        let heavier = Crafted.analyse([Crafted.legacy, Crafted.noisy] + Crafted.peers, policy: policy).overview.startHere
        #expect(heavier.ranking.map(\.slug) == ["noisy", "legacy"])
        #expect(heavier.top?.points == 20)
        // A weight of 0 turns a factor off: without those three, the legacy service adds nothing.
        var off = Policy()
        for factor in [PathFactor.loneVersion, .customImage, .slowRollouts] { off.pathWeights.overrides[factor] = Located(0, line: 1, column: 1) }
        let quiet = Crafted.analyse([Crafted.legacy, Crafted.noisy] + Crafted.peers, policy: off).overview.startHere
        #expect(quiet.ranking.map(\.slug) == ["noisy"])
    }

    @Test func tiesBreakByNameThenSlugWhateverTheFileOrder() {
        // Same cost (a stale image each): names decide, not slugs or file order.
        let stale = [("rebuilt: 2026-11-20", "rebuilt: 2026-01-01")]
        let zed = Fixture.service(Fixture.variant(stale + [("name: API", "name: Alpha")]), slug: "zed")
        let abe = Fixture.service(Fixture.variant(stale + [("name: API", "name: Beta")]), slug: "abe")
        let twin = Fixture.service(Fixture.variant(stale + [("name: API", "name: Beta")]), slug: "abd")
        let ranking = Crafted.analyse([abe, zed, twin]).overview.startHere.ranking
        #expect(ranking.map(\.slug) == ["zed", "abd", "abe"])
        #expect(Crafted.analyse([twin, zed, abe]).overview.startHere.ranking.map(\.slug) == ["zed", "abd", "abe"])
    }

    @Test func eachFactorIsNamedInPlainWords() throws {
        let worker = Crafted.service("worker", [
            ("base_image: registry.example.com/base/web:2026.11", "base_image: registry.example.com/base/jobs:2026.09"),
            ("restore_tested: 2026-11-01", "restore_tested: 2026-01-10"),
            ("tested: 2026-10-01", "tested: 2026-05-01"),
        ], adding: Crafted.rollouts([30, 25, 40], back: [0, 2]) + "blocks_updates: true\nnote: pinned libssl")
        let drill = Crafted.service("drill", [("tested: 2026-10-01", "tested: 2026-05-01"), ("  backups: s3://backups/api/\n", ""),
                                              ("  restore_tested: 2026-11-01\n", "")])
        let lost = Crafted.service("lost", [("  backups: s3://backups/api/\n", ""), ("  restore_tested: 2026-11-01\n", "")])
        let report = Crafted.analyse([worker, drill, lost] + Crafted.peers)
        let cost = try #require(report.overview.startHere.cost(of: "worker"))
        // The rollback on 2026-10-03 counts as practice: no untested rollback, though the drill is old.
        #expect(cost.parts.map(\.reason) == [
            "built on base/jobs:2026.09, older than the approved 2026.11",
            "backups last restored 321 days ago",
            "2 of its last 3 rollouts were rolled back",
            "it holds other services' updates back (blocks_updates: pinned libssl)",
        ])
        // Two rollbacks count twice.
        #expect(cost.parts.first { $0.factor == .rollbacks }?.points == 2)
        #expect(cost.points == 1 + 1 + 2 + 3)
        #expect(report.overview.startHere.cost(of: "drill")?.parts.map(\.reason) == [
            "rollback last practised 210 days ago", "runs postgres and names no backups",
        ])
        #expect(report.overview.startHere.cost(of: "lost")?.parts.map(\.reason) == ["runs postgres and names no backups"])
    }

    @Test func aVersionIsLoneOnlyOffTheStandardAndWhenNobodyElseRunsItsLine() {
        let old = { (slug: String, node: String) in Crafted.service(slug, [("node: \"22.11.0\"", "node: \"\(node)\"")]) }
        // Two services on node 20 share that line; the one on 22.3 is on the standard's line.
        let report = Crafted.analyse([old("a", "20.11.1"), old("b", "20.18.0"), old("c", "22.3.0"), old("d", "18.1.0")])
        let ranking = report.overview.startHere.ranking
        #expect(ranking.map(\.slug) == ["d"])
        #expect(ranking.first?.parts.map(\.reason) == ["the only service on node 18 (the standard: 22)"])
    }

    @Test func aTeamWithNothingToFixHasNoTop() {
        let report = Crafted.analyse(Crafted.peers)
        #expect(report.overview.startHere.ranking.isEmpty)
        #expect(report.overview.startHere.top == nil)
        #expect(report.overview.startHere.firstFix == nil)
    }

    @Test func theFirstFixFreezesTheStandardsRuntimeImageAndWhatRunsNow() throws {
        let report = Crafted.analyse([Crafted.legacy] + Crafted.peers)
        let fix = try #require(report.overview.startHere.firstFix)
        #expect(fix.runtime == [
            .init(component: "node", now: "18.20.4", action: .move(to: "22")),
            .init(component: "postgres", now: "16.4", action: .keep),
        ])
        let image = try #require(fix.baseImage)
        #expect(image.reference == "registry.example.com/base/web:2026.11")
        #expect(image.why == "what the other node services build on")
        #expect(!image.done)
        #expect(fix.rollbackPoint.image == "registry.example.com/team/api:1.2.0@\(Fixture.digestA)")
        #expect(fix.rollbackPoint.hasDigest)
    }

    /// A newer release than the standard names is not moved back: it is pinned and taken to the review.
    @Test func aComponentAheadOfTheStandardIsKeptNotMovedBack() throws {
        let ahead = Crafted.service("ahead", [("node: \"22.11.0\"", "node: \"18.20.4\""), ("postgres: \"16.4\"", "postgres: \"17.2\""),
                                              ("base_image: registry.example.com/base/web:2026.11", "base_image: registry.example.com/custom/legacy:1.0")],
                                    adding: Crafted.rollouts([120, 130, 110]))
        let fix = try #require(Crafted.analyse([ahead] + Crafted.peers).overview.startHere.firstFix)
        #expect(fix.runtime == [
            .init(component: "node", now: "18.20.4", action: .move(to: "22")),
            .init(component: "postgres", now: "17.2", action: .ahead(of: "16")),
        ])
    }
}

@Suite struct CouldShareTests {
    /// A service on the given node and nginx versions and web image tag.
    static func runtime(_ slug: String, node: String = "20.11.1", nginx: String = "1.26.2", tag: String = "2026.11",
                        _ extra: String = "") -> Service {
        Crafted.service(slug, [("components: { node: \"22.11.0\", postgres: \"16.4\" }", "components: { node: \"\(node)\", nginx: \"\(nginx)\" }"),
                               ("base/web:2026.11", "base/web:\(tag)")], adding: extra)
    }

    /// Components and base image as `name=version` and `image=repository:tag`, data stores left out.
    static func facts(_ service: Service) -> [String: String] {
        var facts: [String: String] = [:]
        for component in service.components where !Policy.defaultDataComponents.contains(component.name) {
            facts[component.name] = component.version
        }
        if let image = service.baseImage?.reference {
            facts["repository"] = image.repository
            facts["tag"] = image.effectiveTag
        }
        return facts
    }

    static func pairs(_ groups: [ShareGroup]) -> Set<[String]> {
        var pairs: Set<[String]> = []
        for group in groups {
            for a in group.members { for b in group.members where a.slug < b.slug { pairs.insert([a.slug, b.slug]) } }
        }
        return pairs
    }

    @Test func groupsAreExactlyThePairsThatDifferInOneThing() {
        let services = [
            Self.runtime("a"),
            Self.runtime("b", node: "20.18.0"),                        // a–b: node only
            Self.runtime("c", tag: "2026.09"),                         // a–c: the image tag only
            Self.runtime("d", nginx: "1.24.0", tag: "2026.09"),        // c–d: nginx only
            Self.runtime("e", node: "22.11.0", nginx: "1.24.0"),       // three things from c, two from the rest
            Crafted.service("f"),                                      // other components altogether
        ]
        let groups = Crafted.analyse(services).overview.startHere.couldShare
        #expect(Self.pairs(groups) == [["a", "b"], ["a", "c"], ["c", "d"]])
        // The same pairs, counted by brute force: the same components and repository, one fact apart.
        var expected: Set<[String]> = []
        for x in services {
            for y in services where x.slug < y.slug {
                let fx = Self.facts(x), fy = Self.facts(y)
                let keys = Set(fx.keys).union(fy.keys)
                let differing = keys.filter { fx[$0] != fy[$0] }
                // A component one of them does not run at all is more than a version apart.
                if differing.count == 1 && Set(fx.keys) == Set(fy.keys) && fx["repository"] == fy["repository"] {
                    expected.insert([x.slug, y.slug])
                }
            }
        }
        #expect(Self.pairs(groups) == expected)
        #expect(groups.map(\.summary) == [
            "C and D differ only in nginx (1.26.2 vs 1.24.0): move both to 1.26, the standard's version.",
            "A and B differ only in node (20.11.1 vs 20.18.0): move both to 22, the standard's version.",
            "A and C differ only in base image tag (2026.11 vs 2026.09): move both to registry.example.com/base/web:2026.11, the approved web tag.",
        ])
        let image = groups[2]
        #expect(image.members.map(\.moves) == [false, true])
        #expect(groups[0].members.map(\.moves) == [false, true])
        #expect(groups[1].members.map(\.moves) == [true, true])
    }

    @Test func aGroupOnTheStandardMovesToTheNewestOfThem() throws {
        let groups = Crafted.analyse([Self.runtime("a", node: "22.3.0"), Self.runtime("b", node: "22.11.0"),
                                      Self.runtime("c", node: "22.3.0")]).overview.startHere.couldShare
        let group = try #require(groups.first)
        #expect(groups.count == 1)
        #expect(group.target == "22.11.0")
        #expect(group.summary == "A, B and C differ only in node (22.3.0 vs 22.11.0): move all 3 to 22.11.0, the newest of them, within the standard.")
        #expect(group.members.map(\.moves) == [true, false, true])
    }

    @Test func dataStoresHeldServicesAndUnknownImagesStayOut() {
        let exception = "exceptions:\n  - component: node\n    version: \"20\"\n    reason: framework\n    approved_by: lee\n    until: 2027-01-31"
        let noImage = Fixture.service(Fixture.variant([("base_image: registry.example.com/base/web:2026.11\n", ""),
                                                       ("components: { node: \"22.11.0\", postgres: \"16.4\" }", "components: { node: \"20.18.0\", nginx: \"1.26.2\" }")]),
                                      slug: "no-image")
        let services = [
            Self.runtime("a"),
            Self.runtime("held", node: "20.18.0", exception),
            Self.runtime("blocker", node: "20.18.0", "blocks_updates: true"),
            noImage,
        ]
        #expect(Crafted.analyse(services).overview.startHere.couldShare.isEmpty)
        // A data store is not part of the runtime: these two differ in node alone.
        let withDatabase = Crafted.service("db", [("components: { node: \"22.11.0\", postgres: \"16.4\" }",
                                                   "components: { node: \"20.18.0\", nginx: \"1.26.2\", postgres: \"15.8\" }")])
        let groups = Crafted.analyse([Self.runtime("a"), withDatabase]).overview.startHere.couldShare
        #expect(Self.pairs(groups) == [["a", "db"]])
    }
}
