import Inventory

/// Every date that comes due for the active services and the standard, for a calendar a team
/// subscribes to (`calendar.ics`): when an exception ends, when the standard is reviewed, when
/// a release in use reaches its end of life, and the day a rollback's practice, a backup's
/// restore or an image goes stale under the policy. Dates that have passed stay in, so the
/// calendar shows what lapsed too.
public struct DueCalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The service's exception for `component` ends (`until`).
            case exceptionEnds(component: String, version: String?)
            /// The standard's review date.
            case review
            /// A release of `component` that active services run reaches its end of life.
            case endOfLife(component: String, cycle: String, services: Int)
            /// The last rollback practice becomes older than `rollback_test_days` (`days`).
            case rollbackPracticeStale(days: Int)
            /// The last proven restore becomes older than `rollback_test_days`.
            case restoreStale(days: Int)
            /// The image becomes older than `stale_image_days`.
            case imageStale(days: Int)
        }

        public var day: Day
        public var kind: Kind
        /// The service's slug and name; nil for the standard's events.
        public var service: (slug: String, name: String)?
        /// What the event is about, never its date: the same event keeps its key when the
        /// date moves (an exception extended), so a calendar updates it instead of adding one.
        public var key: String

        public static func == (a: Event, b: Event) -> Bool {
            a.day == b.day && a.kind == b.kind && a.service?.slug == b.service?.slug && a.key == b.key
        }
    }

    /// By day, then key: the same inventory gives the same calendar.
    public var events: [Event]

    init(_ inventory: Inventory, assessments: [String: ServiceAssessment], eolReleases: [EOLReleaseUse]) {
        var events: [Event] = []
        if let review = inventory.standards.review {
            events.append(Event(day: review.value, kind: .review, service: nil, key: "review"))
        }
        for release in eolReleases where release.services > 0 {
            guard case .day(let day) = release.cycle.eol else { continue }
            events.append(Event(day: day, kind: .endOfLife(component: release.component, cycle: release.cycle.cycle, services: release.services),
                                service: nil, key: "eol/\(release.component)/\(release.cycle.cycle)"))
        }
        for service in inventory.services where service.isActive {
            guard let assessment = assessments[service.slug] else { continue }
            let who = (slug: service.slug, name: service.name)
            for term in assessment.exceptions {
                guard let until = term.exception.until?.value else { continue }
                let component = term.exception.component.value
                events.append(Event(day: until, kind: .exceptionEnds(component: component, version: term.exception.version?.value),
                                    service: who, key: "exception/\(service.slug)/\(component)/\(term.exception.version?.value ?? "any")"))
            }
            if case .practised(let age, _) = assessment.rollbackPractice {
                events.append(Event(day: age.due, kind: .rollbackPracticeStale(days: age.limit), service: who, key: "rollback/\(service.slug)"))
            }
            if case .proven(let age) = assessment.restore {
                events.append(Event(day: age.due, kind: .restoreStale(days: age.limit), service: who, key: "restore/\(service.slug)"))
            }
            if let image = assessment.image {
                events.append(Event(day: image.due, kind: .imageStale(days: image.limit), service: who, key: "image/\(service.slug)"))
            }
        }
        events.sort { ($0.day, $0.key) < ($1.day, $1.key) }
        // Two exceptions alike in one file still get keys of their own.
        var seen: [String: Int] = [:]
        for index in events.indices {
            seen[events[index].key, default: 0] += 1
            if let count = seen[events[index].key], count > 1 { events[index].key += "/\(count)" }
        }
        self.events = events
    }
}

extension Age {
    /// The first day the date is older than the policy allows.
    public var due: Day { day.adding(days: limit + 1) }
}
