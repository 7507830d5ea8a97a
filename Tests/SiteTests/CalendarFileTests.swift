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

    /// The folding rule read character by character (what the piecewise fold must equal): a
    /// line breaks before the character that would take it past 75 octets, the space counted.
    static func foldedOneByOne(_ line: String) -> String {
        var out = "", count = 0
        for character in line.unicodeScalars {
            let length = String(character).utf8.count
            if count + length > 75 { out += "\r\n "; count = 1 }
            out.unicodeScalars.append(character)
            count += length
        }
        return out
    }

    @Test func foldingEqualsTheRuleReadOneCharacterAtATime() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "é", "€", "😀", ";", " "]
        for length in [0, 1, 74, 75, 76, 149, 150, 151, 400] {
            for _ in 0..<40 {
                let line = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                #expect(CalendarFile.fold(line) == Self.foldedOneByOne(line), "\(line)")
            }
        }
    }

    @Test func uidsAreUniqueToTheSite() {
        #expect(CalendarFile.uidDomain(.init(title: "Payments team", baseURL: "https://ops.example.com/inventory/")) == "ops.example.com-inventory")
        #expect(CalendarFile.uidDomain(.init(title: "Payments team")) == "payments-team.shortpath.invalid")
        #expect(CalendarFile.uidDomain(.init(title: "—!")) == "site.shortpath.invalid")
    }
}
