import Analysis
import Inventory
import Testing

@Suite struct UpgradeWaveTests {
    /// A service on node `node`, with `extra` front matter lines (risk, owner, exceptions…).
    static func service(_ slug: String, node: String = "20.11.0", owner: String? = "dana", _ extra: String = "") -> Service {
        var yaml = Fixture.variant([("node: \"22.11.0\"", "node: \"\(node)\"")], adding: extra)
        if let owner { yaml = yaml.replacingOccurrences(of: "owner: dana", with: "owner: \(owner)") } else {
            yaml = yaml.replacingOccurrences(of: "owner: dana\n", with: "")
        }
        return Fixture.service(yaml, slug: slug)
    }

    static func waves(_ services: [Service]) -> UpgradeWaves {
        let inventory = Inventory(settings: SiteSettings(), standards: Fixture.standards(), services: services)
        return try! Analyzer.analyze(inventory, today: Fixture.today).overview.waves
    }

    @Test func lowRiskFirstThenUnratedLast() throws {
        let waves = Self.waves([
            Self.service("high", "risk: high"), Self.service("unrated"), Self.service("low", "risk: low"),
            Self.service("medium", "risk: medium"), Self.service("current", node: "22.3.0"), Self.service("ahead", node: "23.1.0"),
        ])
        let node = try #require(waves.waves.first { $0.component == "node" })
        #expect(node.members.map(\.slug) == ["low", "medium", "high", "unrated"])
        #expect(node.done == ["current"])
        #expect(node.heldBack.isEmpty)
        #expect(node.approved == "22")
        // postgres conforms everywhere: no wave.
        #expect(waves.waves.map(\.component) == ["node"])
    }

    @Test func tiesGoToFewerFindingsThenOwnerThenSlug() throws {
        // Same risk. "busy" has one warning more than the others (a stale image).
        let waves = Self.waves([
            Self.service("busy", owner: "amy", "risk: low").withStaleImage(),
            Self.service("b-second", owner: "lee", "risk: low"),
            Self.service("a-first", owner: "lee", "risk: low"),
            Self.service("by-amy", owner: "amy", "risk: low"),
            Self.service("nobody", owner: nil, "risk: low"),
        ])
        let node = try #require(waves.waves.first)
        #expect(node.members.map(\.slug) == ["by-amy", "a-first", "b-second", "busy", "nobody"])
        // nobody has an owner-missing error on top of the component warnings; busy one warning more.
        let findings = Dictionary(uniqueKeysWithValues: node.members.map { ($0.slug, $0.findings) })
        #expect(findings["busy"] == findings["by-amy"]! + 1)
        #expect(findings["nobody"] == findings["by-amy"]! + 1)
    }

    @Test func validExceptionsAndBlockersStandApartExpiredOnesDoNot() throws {
        let exception = { (until: String) in
            "exceptions:\n  - component: node\n    version: \"20\"\n    reason: framework pins node 20\n    approved_by: lee\n    until: \(until)"
        }
        let waves = Self.waves([
            Self.service("excepted", exception("2027-01-31")),
            Self.service("expired", exception("2026-06-30")),
            Self.service("blocker", "blocks_updates: true\nnote: hand-built container"),
            Self.service("plain"),
        ])
        let node = try #require(waves.waves.first)
        #expect(node.members.map(\.slug) == ["plain", "expired"])
        #expect(node.heldBack.map(\.slug) == ["blocker", "excepted"])
        #expect(node.heldBack[0].reason == "marked blocks_updates: hand-built container")
        #expect(node.heldBack[1].reason == "exception until 2027-01-31: framework pins node 20")
    }

    @Test func placingNamesWhoGoesBefore() throws {
        let waves = Self.waves([Self.service("c", "risk: high"), Self.service("a", "risk: low"), Self.service("b", "risk: medium")])
        let placing = try #require(waves.placing(of: "c").first)
        #expect(placing.position == 2)
        #expect(placing.before.map(\.slug) == ["a", "b"])
        #expect(waves.placing(of: "a").first?.before.isEmpty == true)
        #expect(waves.placing(of: "nope").isEmpty)
    }

    @Test func retiredServicesAreNotInAWave() {
        let waves = Self.waves([Self.service("old", "status: retired")])
        #expect(waves.waves.isEmpty)
    }
}

@Suite struct RolloutLessonTests {
    @Test func notesNewestFirstOnlyThoseWithANote() {
        let rollouts = """
            rollouts:
              - started: 2026-08-01T10:00
                stable: 2026-08-01T10:20
                note: oldest lesson
              - started: 2026-10-01T10:00
                rolled_back: 2026-10-01T10:40
                to: "1.3.0"
                note: needed the new client library before restart
              - started: 2026-09-01T10:00
                stable: 2026-09-01T10:20
              - started: 2026-11-01T10:00
                stable: 2026-11-01T10:20
                note: "   "
            """
        let lessons = RolloutLesson.of(Fixture.service(Fixture.variant(adding: rollouts)))
        #expect(lessons.map(\.note) == ["needed the new client library before restart", "oldest lesson"])
        #expect(lessons.first?.outcome == "rolled back")
        #expect(lessons.first?.to == "1.3.0")
        #expect(lessons.first?.started.description == "2026-10-01 10:00")
    }

    @Test func atMostTheLastFive() {
        let rollouts = (1...7).map { day in
            "  - started: 2026-10-0\(day)T10:00\n    stable: 2026-10-0\(day)T10:20\n    note: lesson \(day)"
        }.joined(separator: "\n")
        let lessons = RolloutLesson.of(Fixture.service(Fixture.variant(adding: "rollouts:\n" + rollouts)))
        #expect(lessons.map(\.note) == ["lesson 7", "lesson 6", "lesson 5", "lesson 4", "lesson 3"])
    }
}

extension Service {
    /// The same service rebuilt long ago: one image-stale warning more.
    func withStaleImage() -> Service {
        var copy = self
        copy.rebuilt = Located(Day("2025-01-01")!, line: rebuilt?.line ?? 1, column: rebuilt?.column ?? 1)
        return copy
    }
}
