/// Where things are in a JSON text, which `JSONSerialization` does not say: the start of
/// every object by nesting depth, and the keys of the top-level object. Errors and findings
/// about an end-of-life file point there.
struct JSONOutline {
    /// Nesting depth (0: the top value) → the objects that open at that depth, in order.
    private(set) var objects: [Int: [SourceLocation]] = [:]
    /// The top-level object's keys, as written (escapes left as they are).
    private(set) var keys: [String: SourceLocation] = [:]

    init(_ bytes: [UInt8], file: String) {
        var line = 1, column = 0
        var containers: [UInt8] = []
        var inString = false, escaped = false
        var stringStart: (line: Int, column: Int, index: Int)?
        var pendingKey: (text: String, location: SourceLocation)?
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\""), let start = stringStart {
                    inString = false
                    if containers == [UInt8(ascii: "{")] {
                        let text = String(decoding: bytes[(start.index + 1)..<index], as: UTF8.self)
                        pendingKey = (text, SourceLocation(file: file, line: start.line, column: start.column))
                    }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: ":"):
                if let key = pendingKey, keys[key.text] == nil { keys[key.text] = key.location }
            case UInt8(ascii: "\""):
                inString = true
                stringStart = (line, column, index)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if byte == UInt8(ascii: "{") { objects[containers.count, default: []].append(SourceLocation(file: file, line: line, column: column)) }
                containers.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = containers.popLast()
            default:
                break
            }
            pendingKey = nil
        }
    }

    /// The `index`-th object that opens at `depth`.
    func object(at depth: Int, _ index: Int) -> SourceLocation? {
        guard let list = objects[depth], index < list.count else { return nil }
        return list[index]
    }
}
