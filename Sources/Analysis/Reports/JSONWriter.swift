/// Writes JSON with keys in the order given, so machine-readable output is stable and diffable.
public struct JSONWriter {
    public private(set) var text = ""
    private var indent = 0
    private var needsComma: [Bool] = []

    public init() {}

    public enum Value {
        case string(String?)
        case int(Int?)
        case bool(Bool)
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    public mutating func endArray() { close("]") }

    public mutating func field(_ key: String?, _ value: Value) {
        item(key)
        switch value {
        case .string(let s?): text += Self.quote(s)
        case .int(let n?): text += String(n)
        case .bool(let b): text += b ? "true" : "false"
        case .string(nil), .int(nil): text += "null"
        }
    }

    public mutating func field(_ key: String?, _ string: String?) { field(key, .string(string)) }

    private mutating func item(_ key: String?) {
        if needsComma.last == true { text += "," }
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = true; text += "\n" + String(repeating: "  ", count: indent) }
        if let key { text += Self.quote(key) + ": " }
    }

    private mutating func open(_ key: String?, _ bracket: String) {
        item(key)
        text += bracket
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        indent -= 1
        let hadItems = needsComma.removeLast()
        if hadItems { text += "\n" + String(repeating: "  ", count: indent) }
        text += bracket
        if needsComma.isEmpty { text += "\n" }
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
