import Foundation
import Testing
@testable import Analysis
@testable import Inventory

/// The series as pure functions of the points, and the measure's promise that it holds until
/// its `validUntil` day.
@Suite struct SeriesTests {
    static func point(_ day: String, node: Int?, onPath: Int = 1) -> HistoryPoint {
        HistoryPoint(day: Day(day)!, commit: day, subject: "on \(day)",
                     values: node.map { HistoryValues(activeServices: 3, onStandardPath: onPath, errors: 0, warnings: 0, openExceptions: 0,
                                                      baseImages: 1, versions: ["node": $0]) },
                     gap: node == nil ? "broken" : nil)
    }

    @Test func changesAreMeasuredFromTheValueAsOfThatDay() throws {
        let points = [Self.point("2026-01-01", node: 3, onPath: 0), Self.point("2026-02-20", node: 2, onPath: 1),
                      Self.point("2026-03-10", node: nil), Self.point("2026-03-20", node: 1, onPath: 2)]
        let all = HistorySeries.all(points, components: ["node"], today: Day("2026-04-01")!)
        let node = try #require(all.first)
        #expect(node.name == "node" && node.current == 1)
        // 30 days back is 2026-03-02: the value of 2026-02-20 held then.
        #expect(node.changes[30] == HistorySeries.Change(days: 30, from: 2, to: 1, better: true))
        #expect(node.changes[90] == HistorySeries.Change(days: 90, from: 3, to: 1, better: true))
        #expect(node.values.map(\.value) == [3, 2, nil, 1])
        let onPath = try #require(all.first { $0.kind == .onStandardPath })
        #expect(onPath.changes[90]?.better == true)
        // Nothing reaches back 90 days from a later today... and nothing before the first point.
        let late = HistorySeries.all(points, components: ["node"], today: Day("2026-01-20")!)
        #expect(late[0].changes[30] == nil)
    }

    @Test func unchangedSeriesSayItIsTheSame() {
        let points = [Self.point("2026-01-01", node: 2), Self.point("2026-03-20", node: 2)]
        let series = HistorySeries.all(points, components: ["node"], today: Day("2026-04-01")!)[0]
        #expect(series.changes[90]?.better == nil)
        #expect(series.changes[90]?.from == 2)
    }

    @Test func theTallyCountsDistinctVersionsAcrossServices() {
        var tally = HistoryTally()
        func measure(_ versions: Set<String>, images: Set<String>) -> ServiceMeasure {
            ServiceMeasure(active: true, onStandardPath: false, errors: 1, warnings: 2, openExceptions: 1,
                           versions: ["node": versions], baseImages: images, validUntil: nil)
        }
        let a = measure(["20", "22"], images: ["web:1"]), b = measure(["22"], images: ["web:1"])
        tally.replace(nil, with: a)
        tally.replace(nil, with: b)
        #expect(tally.values(siteErrors: 1, siteWarnings: 0) == HistoryValues(activeServices: 2, onStandardPath: 0, errors: 3, warnings: 4,
                                                                             openExceptions: 2, baseImages: 1, versions: ["node": 2]))
        tally.replace(a, with: measure(["22"], images: ["web:2"]))
        #expect(tally.values(siteErrors: 0, siteWarnings: 0).versions == ["node": 1])
        #expect(tally.values(siteErrors: 0, siteWarnings: 0).baseImages == 2)
        tally.replace(b, with: nil)
        tally.replace(measure(["22"], images: ["web:2"]), with: nil)
        #expect(tally.values(siteErrors: 0, siteWarnings: 0).versions.isEmpty)
    }

    /// Over two years of days, a service's measure changes only on or after its `validUntil`:
    /// the promise that lets the history judge again only the services whose dates turn.
    @Test func aMeasureHoldsUntilItsValidUntilDay() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let inventory = try ContentLoader.load(source: root)
        let judge = try HistoryJudge(site: inventory)
        var turns = 0
        for service in inventory.services {
            var day = Day("2025-06-01")!
            var measure = judge.measure(service, on: day)
            while day < Day("2027-09-01")! {
                let next = day.adding(days: 1)
                let tomorrow = judge.measure(service, on: next)
                var comparable = tomorrow
                comparable.validUntil = measure.validUntil
                if let until = measure.validUntil, next < until {
                    #expect(comparable == measure, "\(service.slug) changed on \(next), before \(until)")
                } else if measure.validUntil == nil {
                    #expect(comparable == measure, "\(service.slug) changed on \(next) with no turn ahead")
                } else if comparable != measure {
                    turns += 1
                }
                measure = tomorrow
                day = next
            }
        }
        // The example's dates do turn within the range.
        #expect(turns > 3)
    }

    @Test func versionsAreCountedAtThePrecisionOfTheApprovedVersion() throws {
        var standards = Standards()
        standards.components = [ComponentVersion(name: "node", version: "22", line: 1, column: 1),
                                ComponentVersion(name: "nginx", version: "1.26", line: 2, column: 1)]
        let judge = try HistoryJudge(site: Inventory(settings: SiteSettings(), standards: standards, services: []))
        #expect(judge.versionKey("node", "20.11.1") == "20")
        #expect(judge.versionKey("nginx", "1.24.0") == "1.24")
        #expect(judge.versionKey("python", "3.12.7") == "3.12.7")
        #expect(judge.versionKey("node", "lts-hydrogen") == "lts-hydrogen")
    }
}
