@testable import Site
import Testing

/// RFC 5545 details of `calendar.ics`: TEXT escaping and folding long lines.
@Suite struct CalendarFileTests {
    @Test func textEscapesWhatICalendarReserves() {
        #expect(CalendarFile.text(#"a\b; c, d"# + "\ne") == #"a\\b\; c\, d\ne"#)
        #expect(CalendarFile.text("a\rb\r\nc") == #"a\nb\nc"#)
    }

    @Test func longLinesFoldAt75OctetsNeverInsideACharacter() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)  // 8 + 120 octets
        let folded = CalendarFile.fold(line)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines[1].hasPrefix(" "))
        #expect(lines[0] + lines[1].dropFirst() == line)
        #expect(CalendarFile.fold("DTSTART;VALUE=DATE:20270131") == "DTSTART;VALUE=DATE:20270131")
    }

    @Test func uidsAreUniqueToTheSite() {
        #expect(CalendarFile.uidDomain(.init(title: "Payments team", baseURL: "https://ops.example.com/inventory/")) == "ops.example.com-inventory")
        #expect(CalendarFile.uidDomain(.init(title: "Payments team")) == "payments-team.shortpath.invalid")
        #expect(CalendarFile.uidDomain(.init(title: "—!")) == "site.shortpath.invalid")
    }
}
