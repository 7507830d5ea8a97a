/// A content file cut in two: the YAML between the `---` lines and the Markdown body.
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML text, without the fence lines.
    public var yaml: String
    /// The line of the file on which the YAML starts (1-based): the line after the opening fence.
    public var yamlFirstLine: Int
    /// The Markdown body after the closing fence.
    public var body: String
    /// The line of the file on which the body starts.
    public var bodyFirstLine: Int
}

public enum FrontMatter {
    /// Splits a file's text by scanning its bytes: a first line `---`, then everything up to a
    /// line `---` (or `...`). A UTF-8 byte-order mark and CRLF line ends are accepted.
    public static func split(_ text: String, file: String) throws(Diagnostic) -> FrontMatterSplit {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(Diagnostic) -> FrontMatterSplit in try split(bytes: bytes, file: file) }
        }
        return try result.get()
    }

    static func split(bytes: UnsafeBufferPointer<UInt8>, file: String) throws(Diagnostic) -> FrontMatterSplit {
        let parts = try ranges(bytes: bytes, file: file)
        return FrontMatterSplit(yaml: String(decoding: UnsafeBufferPointer(rebasing: bytes[parts.yaml]), as: UTF8.self),
                                yamlFirstLine: parts.yamlFirstLine,
                                body: String(decoding: UnsafeBufferPointer(rebasing: bytes[parts.body]), as: UTF8.self),
                                bodyFirstLine: parts.bodyFirstLine)
    }

    /// Where the YAML and the body are in `bytes`, and their first lines.
    static func ranges(bytes: UnsafeBufferPointer<UInt8>, file: String) throws(Diagnostic)
        -> (yaml: Range<Int>, yamlFirstLine: Int, body: Range<Int>, bodyFirstLine: Int) {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if start == bytes.count || isBlank(bytes, from: start) {
            throw Diagnostic(SourceLocation(file: file, line: 1, column: 1), "the file is empty",
                             hint: "a content file starts with front matter between two '---' lines")
        }
        guard let firstEnd = isFence(bytes, lineStart: start, allowDots: false) else {
            throw Diagnostic(SourceLocation(file: file, line: 1, column: 1), "no front matter: the file must start with a line '---'",
                             hint: "put the service's facts in YAML between two '---' lines at the top of the file")
        }
        let yamlStart = firstEnd
        var lineStart = firstEnd
        var line = 2
        while lineStart < bytes.count {
            if let end = isFence(bytes, lineStart: lineStart, allowDots: true) {
                return (yamlStart..<lineStart, 2, end..<bytes.count, line + 1)
            }
            lineStart = nextLine(bytes, from: lineStart)
            line += 1
        }
        throw Diagnostic(SourceLocation(file: file, line: 1, column: 1), "unterminated front matter: no closing '---' line",
                         hint: "end the front matter with a line '---' before the Markdown body")
    }

    /// If a line starting at `lineStart` is a fence (`---`, or `...` when allowed, trailing blanks
    /// tolerated), the offset just past its line end.
    private static func isFence(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, allowDots: Bool) -> Int? {
        guard lineStart + 3 <= bytes.count else { return nil }
        let c = bytes[lineStart]
        guard c == UInt8(ascii: "-") || (allowDots && c == UInt8(ascii: ".")) else { return nil }
        guard bytes[lineStart + 1] == c && bytes[lineStart + 2] == c else { return nil }
        var i = lineStart + 3
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
            case UInt8(ascii: "\n"): return i + 1
            default: return nil
            }
        }
        return i
    }

    private static func nextLine(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return i + 1
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        for i in from..<bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
            default: return false
            }
        }
        return true
    }
}
