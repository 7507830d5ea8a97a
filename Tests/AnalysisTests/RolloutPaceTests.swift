@testable import Analysis
@testable import Inventory
import Testing

@Suite struct RolloutPaceTests {
    /// A service whose rollouts, in order, took these minutes; `nil` marks a rollback after 90 minutes.
    static func service(_ slug: String, name: String, _ minutes: [Int?]) -> Service {
        let rollouts = minutes.enumerated().map { index, minutes in
            let day = Day("2026-01-01")!.adding(days: index * 7).description
            let end = minutes.map { "stable: \(day)T\(10 + $0 / 60):\($0 % 60 < 10 ? "0" : "")\($0 % 60)" } ?? "rolled_back: \(day)T11:30"
            return "  - started: \(day)T10:00\n    \(end)"
        }.joined(separator: "\n")
        return Fixture.service(Fixture.variant([("name: API", "name: \(name)")], adding: "rollouts:\n" + rollouts), slug: slug)
    }

    static func pace(_ services: [Service]) -> RolloutPace {
        RolloutPace(Inventory(settings: SiteSettings(policy: Policy()), standards: Fixture.standards(), services: services))
    }

    @Test func comparesTheLastFiveStableWithTheFiveBeforeAndCountsRollbacksApart() throws {
        // Twelve stable rollouts getting shorter, two rollbacks among them: the two oldest stable
        // ones fall outside both windows, and the rollbacks are in neither median.
        let minutes: [Int?] = [80, 75, 60, nil, 58, 55, 50, 52, nil, 30, 28, 25, 31, 27]
        let pace = try #require(Self.pace([Self.service("api", name: "API", minutes)]).bySlug["api"])
        #expect(pace.stable == 12)
        #expect(pace.rollbacks == 2)
        #expect(pace.before?.count == 5)
        #expect(pace.recent?.count == 5)
        #expect(pace.before?.medianMinutes == 55)  // 60 58 55 50 52
        #expect(pace.recent?.medianMinutes == 28)  // 30 28 25 31 27
        #expect(pace.changeMinutes == -27)
        #expect(pace.direction == .shorter)
        #expect(pace.before?.first == Day("2026-01-15"))
        #expect(pace.recent?.last == Day("2026-04-02"))
        #expect(pace.trend.median == 51)
    }

    @Test func fewerThanTenSplitInHalvesAndTooFewCannotTell() throws {
        let services = [
            Self.service("three", name: "Three", [40, 20, 60]),       // 1 against 1: 20 → 60
            Self.service("one", name: "One", [40, nil]),              // one stable: nothing to compare
            Self.service("none", name: "None", [nil, nil]),           // only rollbacks
            Self.service("steady", name: "Steady", [40, 41, 39, 42]), // 2 against 2, within 10 %
        ]
        let pace = Self.pace(services)
        #expect(pace.bySlug["three"]?.before?.count == 1)
        #expect(pace.bySlug["three"]?.direction == .longer)
        #expect(pace.bySlug["three"]?.changeMinutes == 40)
        #expect(pace.bySlug["one"]?.direction == nil)
        #expect(pace.bySlug["one"]?.recent?.medianMinutes == 40)
        #expect(pace.bySlug["one"]?.before == nil)
        #expect(pace.bySlug["none"]?.recent == nil)
        #expect(pace.bySlug["none"]?.rollbacks == 2)
        #expect(pace.bySlug["steady"]?.direction == .same)
        // Longer first, then shorter, same, and those that cannot tell; the largest change first,
        // then by name.
        #expect(pace.services.map(\.slug) == ["three", "steady", "none", "one"])
        #expect(pace.count(nil) == 2)
    }

    @Test func theLargestChangeComesFirstWithinADirection() {
        let pace = Self.pace([
            Self.service("a", name: "A", [40, 50]), Self.service("b", name: "B", [40, 90]),
            Self.service("c", name: "C", [40, 30]), Self.service("d", name: "D", [90, 30]),
        ])
        #expect(pace.services.map(\.slug) == ["b", "a", "d", "c"])
    }

    @Test func aServiceWithoutTimedRolloutsHasNoPace() {
        let pace = Self.pace([Fixture.service(Fixture.cleanYAML)])
        #expect(pace.services.isEmpty)
        #expect(pace.bySlug.isEmpty)
    }

    @Test func thePooledMedianAndLineLeaveRollbacksOut() throws {
        let trend = RolloutTrend(Self.service("api", name: "API", [10, nil, 30, nil]))
        #expect(trend.timings.count == 4)
        #expect(trend.rollbacks == 2)
        #expect(trend.median == 20)
        let fit = try #require(trend.fit)
        // Two stable points, 14 days apart, 10 → 30 minutes.
        #expect(abs(fit.slope - 20.0 / 14.0) < 1e-9)
    }
}
