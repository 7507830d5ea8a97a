/// HTML escaping on UTF-8 bytes: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`,
/// `&quot;` and `&#39;` (the five, and the entities, that swift-mustache writes, so pages
/// stay byte for byte what they were); every other byte is copied as it is. Runs of plain
/// bytes are copied whole.
public enum HTMLEscaping {
    /// One bit per byte below 64: set for the five bytes that are escaped.
    private static let special: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    @inline(__always) static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 64 && special >> UInt64(byte) & 1 != 0
    }

    static func write(_ text: String, escaped: Bool, to writer: inout ByteWriter) {
        // Native strings are contiguous UTF-8: read in place. (Others, bridged or lazily
        // made, are made contiguous in a copy.)
        if text.utf8.withContiguousStorageIfAvailable({ write($0, escaped: escaped, to: &writer) }) == nil {
            var copy = text
            copy.withUTF8 { write($0, escaped: escaped, to: &writer) }
        }
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool, to writer: inout ByteWriter) {
        guard escaped else { return writer.write(bytes) }
        var plain = 0
        for index in 0..<bytes.count where needsEscaping(bytes[index]) {
            if plain < index { writer.write(bytes.baseAddress! + plain, count: index - plain) }
            switch bytes[index] {
            case UInt8(ascii: "&"): writer.write("&amp;")
            case UInt8(ascii: "<"): writer.write("&lt;")
            case UInt8(ascii: ">"): writer.write("&gt;")
            case UInt8(ascii: "\""): writer.write("&quot;")
            default: writer.write("&#39;")
            }
            plain = index + 1
        }
        if plain < bytes.count { writer.write(bytes.baseAddress! + plain, count: bytes.count - plain) }
    }

    /// The text with the five characters escaped.
    public static func escape(_ text: String) -> String {
        var writer = ByteWriter(capacity: text.utf8.count + 16)
        write(text, escaped: true, to: &writer)
        var out: [UInt8] = []
        writer.append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
