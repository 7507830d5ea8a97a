/// Writes JSON with keys in the order given, so machine-readable output is stable and diffable.
/// Works on UTF-8 bytes: the data files of a large inventory are megabytes of JSON.
public struct JSONWriter {
    private var bytes: [UInt8] = []
    private var indent = 0
    private var needsComma: [Bool] = []

    public init() {}

    /// With room for about `capacity` bytes, so a data file of tens of megabytes is not copied
    /// each time its buffer grows.
    public init(reservingCapacity capacity: Int) { bytes.reserveCapacity(capacity) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The UTF-8 written so far: what a file gets, without making a string of it first.
    public var utf8: [UInt8] { bytes }

    public enum Value {
        case string(String?)
        case int(Int?)
        case bool(Bool)
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray(_ key: String? = nil) { open(key, UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func field(_ key: String?, _ value: Value) {
        item(key)
        switch value {
        case .string(let s?): Self.appendQuoted(s, to: &bytes)
        case .int(let n?): bytes.append(contentsOf: String(n).utf8)
        case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
        case .string(nil), .int(nil): bytes.append(contentsOf: "null".utf8)
        }
    }

    public mutating func field(_ key: String?, _ string: String?) { field(key, .string(string)) }

    private mutating func item(_ key: String?) {
        if needsComma.last == true { bytes.append(UInt8(ascii: ",")) }
        if !needsComma.isEmpty {
            needsComma[needsComma.count - 1] = true
            newline()
        }
        if let key {
            Self.appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(UInt8(ascii: " "))
        }
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        item(key)
        bytes.append(bracket)
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 1
        let hadItems = needsComma.removeLast()
        if hadItems { newline() }
        bytes.append(bracket)
        if needsComma.isEmpty { bytes.append(UInt8(ascii: "\n")) }
    }

    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// For each byte value, whether it may start an escape: a control character, `"`, `\`, `<`,
    /// `>`, `&`, or the first byte of U+2028 and U+2029. One load per byte in the scan below.
    private static let mayNeedEscape: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
    }

    /// The string as a JSON string literal; `<`, `>` and `&` escaped too, so it is safe inside
    /// HTML, and U+2028/U+2029, which JavaScript does not allow raw in a string.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        out.append(UInt8(ascii: "\""))
        s.withUTF8 { utf8 in Self.mayNeedEscape.withUnsafeBufferPointer { mayNeedEscape in
            var index = 0
            var runStart = 0
            func flush(_ end: Int) {
                if end > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
            }
            while index < utf8.count {
                // Most bytes need no escape: skip them in a tight loop first.
                while index < utf8.count, !mayNeedEscape[Int(utf8[index])] { index += 1 }
                guard index < utf8.count else { break }
                let byte = utf8[index]
                let escape: String?
                var width = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case UInt8(ascii: "<"): escape = "\\u003c"
                case UInt8(ascii: ">"): escape = "\\u003e"
                case UInt8(ascii: "&"): escape = "\\u0026"
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default: escape = nil
                }
                if let escape {
                    flush(index)
                    out.append(contentsOf: escape.utf8)
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            flush(utf8.count)
        } }
        out.append(UInt8(ascii: "\""))
    }
}
