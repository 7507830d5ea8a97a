import Testing
@testable import Inventory

@Suite struct FrontMatterTests {
    @Test func splitsYamlAndBody() throws {
        let split = try FrontMatter.split("---\nname: API\n---\n\n# Runbook\n", file: "a.md")
        #expect(split.yaml == "name: API\n")
        #expect(split.body == "\n# Runbook\n")
        #expect(split.yamlFirstLine == 2)
        #expect(split.bodyFirstLine == 4)
    }

    @Test func acceptsBOMAndCRLF() throws {
        let split = try FrontMatter.split("\u{FEFF}---\r\nname: API\r\n---\r\nbody\r\n", file: "a.md")
        #expect(split.yaml == "name: API\r\n")
        #expect(split.body == "body\r\n")
    }

    @Test func acceptsDotsAsClosingFenceAndTrailingBlanks() throws {
        let split = try FrontMatter.split("---  \nname: API\n...\nbody", file: "a.md")
        #expect(split.yaml == "name: API\n")
        #expect(split.body == "body")
    }

    @Test func emptyBodyAndNoFinalNewline() throws {
        let split = try FrontMatter.split("---\nname: API\n---", file: "a.md")
        #expect(split.body == "")
    }

    @Test func dashesInsideAValueDoNotClose() throws {
        let split = try FrontMatter.split("---\nnote: ---- not a fence\n----\n---\nbody", file: "a.md")
        #expect(split.yaml == "note: ---- not a fence\n----\n")
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("  \n\n", "the file is empty"),
        ("name: API\n", "no front matter: the file must start with a line '---'"),
        ("# Title\n---\nname: x\n---\n", "no front matter: the file must start with a line '---'"),
        ("---\nname: API\nbody without end\n", "unterminated front matter: no closing '---' line"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect(throws: Diagnostic(SourceLocation(file: "x.md", line: 1, column: 1), message, hint: hintFor(message))) {
            try FrontMatter.split(text, file: "x.md")
        }
    }

    private func hintFor(_ message: String) -> String {
        switch message {
        case "the file is empty": "a content file starts with front matter between two '---' lines"
        case let m where m.hasPrefix("no front matter"): "put the service's facts in YAML between two '---' lines at the top of the file"
        default: "end the front matter with a line '---' before the Markdown body"
        }
    }

    @Test func findsInvalidUTF8Offsets() {
        let cases: [([UInt8], Int?)] = [
            (Array("héllo".utf8), nil),
            ([0x61, 0xFF, 0x62], 1),
            ([0x61, 0xC3], 1),             // truncated
            ([0xC0, 0xAF], 0),             // overlong
            ([0xED, 0xA0, 0x80], 0),       // surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0), // above U+10FFFF
            (Array("ok 😀".utf8), nil),
            // Past the eight-bytes-at-a-time ASCII path: the bad byte after 8, 16 and 17 ASCII bytes.
            (Array("abcdefgh".utf8) + [0xFF], 8),
            (Array("abcdefghijklmnop".utf8) + [0xC3], 16),
            (Array("abcdefghijklmnopq".utf8) + [0x80] + Array("abcdefgh".utf8), 17),
            (Array("abcdefghé€😀ijklmnopqrstuvwxyz".utf8), nil),
            (Array("abcdefghé€😀ijklmnop".utf8) + [0xED, 0xBF, 0xBF] + Array("qrstuvwxyz".utf8), 25),
        ]
        for (bytes, expected) in cases {
            let offset = bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) }
            #expect(offset == expected, "\(bytes)")
        }
    }
}
