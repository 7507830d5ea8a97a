import Analysis
import Foundation
import Testing

@Suite struct JSONWriterTests {
    @Test(arguments: [
        "plain", "", "quote \" backslash \\ slash /", "line\nfeed\r\ttab", "<script>&amp;</script>",
        "control \u{01}\u{1F} bell \u{07}", "separators \u{2028} and \u{2029}", "unicode é ≠ ✗ 🚀 \u{2027}\u{202A}",
    ])
    func quotedStringsReadBackTheSame(_ text: String) throws {
        let quoted = JSONWriter.quote(text)
        let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(back == [text])
        // Safe inside HTML and JavaScript: none of these appear raw.
        for raw in ["<", ">", "&", "\u{2028}", "\u{2029}", "\n"] { #expect(!quoted.contains(raw)) }
    }

    @Test func exactEscapes() {
        #expect(JSONWriter.quote("a\"b\\c\nd<e>&\u{01}\u{2028}") == #""a\"b\\c\nd\u003ce\u003e\u0026\u0001\u2028""#)
    }

    @Test func nestedLayout() {
        var w = JSONWriter()
        w.beginObject()
        w.field("n", .int(1))
        w.beginArray("list")
        w.field(nil, "x")
        w.field(nil, .bool(true))
        w.endArray()
        w.beginObject("empty")
        w.endObject()
        w.field("none", .string(nil))
        w.endObject()
        #expect(w.text == "{\n  \"n\": 1,\n  \"list\": [\n    \"x\",\n    true\n  ],\n  \"empty\": {},\n  \"none\": null\n}\n")
    }
}
