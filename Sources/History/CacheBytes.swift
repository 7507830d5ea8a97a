/// The bytes of the history's cache file: numbers as variable-length integers (zigzag for the
/// sign), texts as their length and UTF-8 bytes. Faster to read than JSON, which a cached
/// build would otherwise spend most of its history's time decoding.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    init(reserving capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A flag, then the text when there is one.
    mutating func text(_ value: String?) {
        bool(value != nil)
        if let value { text(value) }
    }

    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }
}

/// Reads what `CacheWriter` wrote. Any byte out of place (a truncated or damaged file) throws,
/// and the history is read from git again.
struct CacheReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func int() throws(Damaged) -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        let unsigned = Int(truncatingIfNeeded: result)
        return (unsigned >> 1) ^ -(unsigned & 1)
    }

    /// A count of things still to read: never negative nor more than the bytes left.
    mutating func count() throws(Damaged) -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - index else { throw Damaged() }
        return count
    }

    mutating func bool() throws(Damaged) -> Bool {
        guard index < bytes.count, bytes[index] <= 1 else { throw Damaged() }
        index += 1
        return bytes[index - 1] == 1
    }

    mutating func text() throws(Damaged) -> String {
        let length = try count()
        defer { index += length }
        return String(decoding: bytes[index..<index + length], as: UTF8.self)
    }

    mutating func optionalText() throws(Damaged) -> String? {
        try bool() ? try text() : nil
    }

    /// Reads exactly `expected`, or throws.
    mutating func expect(_ expected: [UInt8]) throws(Damaged) {
        guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw Damaged()
        }
        index += expected.count
    }
}
