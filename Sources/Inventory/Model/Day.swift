/// A calendar date without time zone, as the inventory writes it: `2026-10-02`.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        ordinal = Day.daysFromCivil(year, month, day)
    }

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Parses `YYYY-MM-DD`; nil when malformed or impossible (`2026-02-30`).
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, let day = Day.parse(bytes[...]) else { return nil }
        self = day
    }

    /// Parses exactly `YYYY-MM-DD` from bytes.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Day? {
        guard bytes.count == 10 else { return nil }
        let b = bytes.startIndex
        guard bytes[b + 4] == Byte.dash, bytes[b + 7] == Byte.dash,
              let y = number(bytes[b..<(b + 4)]), let m = number(bytes[(b + 5)..<(b + 7)]),
              let d = number(bytes[(b + 8)..<(b + 10)]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The value of a run of ASCII digits; nil if any byte is not a digit.
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            guard Byte.isDigit(digit) else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public var components: (year: Int, month: Int, day: Int) { Day.civil(from: ordinal) }

    public var description: String {
        let (y, m, d) = components
        guard (0...9999).contains(y) else { return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))" }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            writeDigits(y, 4, buffer, at: 0)
            buffer[4] = UInt8(ascii: "-")
            writeDigits(m, 2, buffer, at: 5)
            buffer[7] = UInt8(ascii: "-")
            writeDigits(d, 2, buffer, at: 8)
            return 10
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil and civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(from z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// A moment as the inventory writes it: `2026-10-03T10:25`, seconds and a zone optional.
/// Stored as minutes since 1970-01-01T00:00 in UTC (times without a zone are taken as UTC).
public struct Moment: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == Byte.space || first == Byte.tab { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == Byte.space || last == Byte.tab || last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        guard bytes.count >= 16, let day = Day.parse(bytes.prefix(10)) else { return nil }
        let separator = bytes[bytes.startIndex + 10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == Byte.space else { return nil }
        var rest = bytes.dropFirst(11)
        var offset = 0
        if let last = rest.last, last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") {
            rest = rest.dropLast()
        } else if rest.count > 6, let sign = rest.dropFirst(5).firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == Byte.dash }) {
            let zone = rest[(sign + 1)...]
            guard zone.count == 5, zone[zone.startIndex + 2] == Byte.colon,
                  let h = Day.number(zone.prefix(2)), let m = Day.number(zone.suffix(2)), h < 24, m < 60 else { return nil }
            offset = (h * 60 + m) * (rest[sign] == UInt8(ascii: "+") ? 1 : -1)
            rest = rest[..<sign]
        }
        guard rest.count == 5 || rest.count == 8, rest[rest.startIndex + 2] == Byte.colon,
              let hour = Day.number(rest.prefix(2)), let minute = Day.number(rest.dropFirst(3).prefix(2)),
              hour < 24, minute < 60 else { return nil }
        if rest.count == 8 {
            guard rest[rest.startIndex + 5] == Byte.colon, let second = Day.number(rest.suffix(2)), second < 60 else { return nil }
        }
        minutes = day.ordinal * 1440 + hour * 60 + minute - offset
    }

    public static func < (a: Moment, b: Moment) -> Bool { a.minutes < b.minutes }

    public var day: Day { Day(ordinal: Int((Double(minutes) / 1440).rounded(.down))) }

    /// `2026-10-03 10:25` (UTC).
    public var description: String {
        let minuteOfDay = minutes - day.ordinal * 1440
        guard (0..<1440).contains(minuteOfDay) else { return "\(day) \(pad(minuteOfDay / 60, 2)):\(pad(minuteOfDay % 60, 2))" }
        var text = day.description
        text += String(unsafeUninitializedCapacity: 6) { buffer in
            buffer[0] = UInt8(ascii: " ")
            writeDigits(minuteOfDay / 60, 2, buffer, at: 1)
            buffer[3] = UInt8(ascii: ":")
            writeDigits(minuteOfDay % 60, 2, buffer, at: 4)
            return 6
        }
        return text
    }
}

/// Writes `value` (not negative, fewer than `width` + 1 digits) as `width` decimal digits with
/// leading zeros, as `pad` would.
private func writeDigits(_ value: Int, _ width: Int, _ buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
    var rest = value
    for index in stride(from: start + width - 1, through: start, by: -1) {
        buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    public var trimmingSpaces: String {
        // Most texts have nothing to trim: when neither the first nor the last byte is a space,
        // tab or line end, neither is the first or last character (each of those four is a
        // character of one byte), so the text is returned without walking its characters.
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last, !Self.isSpaceByte(first), !Self.isSpaceByte(last) {
            return whole
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    private static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
