/// Text built by copying bytes: literal pieces, strings and whole numbers go into one buffer
/// that becomes a string once, at the end. (`+` and interpolation make a string per piece,
/// hundreds of instructions each; links, finding locations and chart elements are made by
/// the thousand.)
struct ByteText {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func add(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ part: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: part) }

    /// A whole number in decimal, as `String(number)` writes it.
    mutating func add(_ number: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = number.magnitude, start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if number < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `file:line:column`, as a finding's place is shown.
    static func location(_ file: String, _ line: Int, _ column: Int) -> String {
        var text = ByteText(capacity: file.utf8.count + 12)
        text.append(file)
        text.add(":")
        text.add(line)
        text.add(":")
        text.add(column)
        return text.text
    }
}
