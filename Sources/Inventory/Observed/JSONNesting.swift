import Foundation

/// A pass over JSON bytes before Foundation parses them: an array or object nested deeper than
/// `NestingLimits.depth` is an error at its line and column, so neither the parser nor the
/// teardown of what it builds can recurse without bound.
public enum JSONNesting {
    public static func check(_ data: Data, file: String) throws(Diagnostic) {
        let result: Result<Void, Diagnostic> = data.withUnsafeBytes { raw in
            Result { () throws(Diagnostic) in try check(raw.bindMemory(to: UInt8.self), file: file) }
        }
        try result.get()
    }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(Diagnostic) {
        var depth = 0, line = 1, lineStart = 0
        var inString = false, escaped = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = offset + 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > NestingLimits.depth {
                    // Columns count characters: every byte but UTF-8 continuation bytes.
                    let column = bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1
                    throw Diagnostic(SourceLocation(file: file, line: line, column: column), "the JSON nests \(NestingLimits.deeper)",
                                     hint: "save the tool's output unchanged; it never nests this deep")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
        }
    }
}
