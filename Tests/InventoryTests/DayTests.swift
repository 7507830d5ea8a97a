import Testing
@testable import Inventory

@Suite struct DayTests {
    @Test func parsesAndFormats() {
        #expect(Day("2026-11-27")?.description == "2026-11-27")
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2026-1-01") == nil)
        #expect(Day("2026-11-27")!.days(until: Day("2027-01-01")!) == 35)
        #expect(Day(ordinal: 0).description == "1970-01-01")
    }

    @Test func parsesMoments() {
        #expect(Moment("2026-10-03T10:25")?.description == "2026-10-03 10:25")
        #expect(Moment("2026-10-03 10:25:30")?.description == "2026-10-03 10:25")
        #expect(Moment("2026-10-03T10:25+02:00")?.description == "2026-10-03 08:25")
        #expect(Moment("2026-10-03T10:25Z")?.description == "2026-10-03 10:25")
        #expect(Moment("2026-10-03") == nil)
        #expect(Moment("2026-10-03T24:00") == nil)
    }
}
