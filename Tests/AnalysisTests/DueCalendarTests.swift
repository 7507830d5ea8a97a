@testable import Analysis
@testable import Inventory
import Testing

/// The dates that come due, for `calendar.ics`: each kind on the day the policy makes it due.
@Suite struct DueCalendarTests {
    func events(_ yaml: String, policy: Policy = Policy()) -> [String] {
        Fixture.report(yaml, policy: policy).overview.calendar.events.map { "\($0.day) \($0.key)" }
    }

    @Test func eachDateComesDueOnTheDayThePolicySays() {
        var policy = Policy()
        policy.staleImageDays = 30
        policy.rollbackTestDays = 90
        let yaml = Fixture.variant(adding: """
            exceptions:
              - component: postgres
                version: "15"
                reason: extension not built for 16
                approved_by: lee
                until: 2027-01-31
            """)
        #expect(events(yaml, policy: policy) == [
            "2026-12-21 image/api",  // rebuilt 2026-11-20, stale after 30 days
            "2026-12-31 rollback/api",  // practised 2026-10-01, stale after 90
            "2027-01-15 review",
            "2027-01-31 exception/api/postgres/15",
            "2027-01-31 restore/api",  // restored 2026-11-01, stale after 90
        ])
    }

    @Test func datesThatPassedStayAndTwoAlikeExceptionsKeepUIDsOfTheirOwn() {
        let yaml = Fixture.variant([("rebuilt: 2026-11-20", "rebuilt: 2025-01-02")], adding: """
            exceptions:
              - { component: postgres, version: "15", reason: a, approved_by: lee, until: 2027-01-31 }
              - { component: postgres, version: "15", reason: b, approved_by: lee, until: 2027-03-31 }
            """)
        let found = events(yaml)
        #expect(found.contains("2025-02-02 image/api"))
        #expect(found.contains("2027-01-31 exception/api/postgres/15"))
        #expect(found.contains("2027-03-31 exception/api/postgres/15/2"))
    }

    @Test func retiredServicesHaveNoDates() {
        #expect(events(Fixture.variant(adding: "status: retired")) == ["2027-01-15 review"])
    }
}
