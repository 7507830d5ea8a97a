/// A version as teams write them: `v1.2.3`, `22`, `2026.11`, `1.2.3-rc.1`, `3.18.4-r0`,
/// `1.2.3-1+deb12u1`. Compared by its numeric parts; a pre-release sorts before its release;
/// packaging revisions (`-r0`, `-1`, `+deb12u1`) and build metadata do not count.
public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var numbers: [Int]
    /// `rc.1` in `1.2.3-rc.1`; nil for a release.
    public var prerelease: String?
    public var text: String

    /// Nil when the text has no leading number (`latest`, `bullseye`). Works on UTF-8 bytes:
    /// it runs for every component of every service.
    public init?(_ text: String) {
        self.text = text
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") { bytes = bytes.dropFirst() }
        if let plus = bytes.firstIndex(of: UInt8(ascii: "+")) { bytes = bytes[..<plus] }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var numbers: [Int] = []
        var index = bytes.startIndex
        while index < bytes.endIndex, isDigit(bytes[index]) {
            var value = 0
            while index < bytes.endIndex, isDigit(bytes[index]) {
                value = value &* 10 &+ Int(bytes[index] - 0x30)
                index += 1
            }
            numbers.append(value)
            // A dot continues the numbers only when a digit follows it.
            guard index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) else { break }
            index += 1
        }
        guard !numbers.isEmpty else { return nil }
        self.numbers = numbers
        var suffix = bytes[index...]
        if let first = suffix.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "~") || first == UInt8(ascii: "_") {
            suffix = suffix.dropFirst()
        }
        let rest = Substring(decoding: suffix, as: UTF8.self)
        prerelease = rest.isEmpty || Version.isPackagingRevision(rest) ? nil : String(rest)
    }

    /// `1` (Debian), `r0` (Alpine), `1ubuntu2`, `deb12u1`: a rebuild of the same upstream version.
    static func isPackagingRevision(_ suffix: Substring) -> Bool {
        if suffix.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        if suffix.first == "r", suffix.count > 1, suffix.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        if let first = suffix.first, first.isNumber, suffix.contains("deb") || suffix.contains("ubuntu") { return true }
        return suffix.hasPrefix("deb") || suffix.hasPrefix("ubuntu")
    }

    public var description: String { text }

    public static func == (a: Version, b: Version) -> Bool {
        compareNumbers(a.numbers, b.numbers, count: max(a.numbers.count, b.numbers.count)) == 0 && a.prerelease == b.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        var trimmed = numbers
        while trimmed.count > 1 && trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
        hasher.combine(prerelease)
    }

    public static func < (a: Version, b: Version) -> Bool {
        let order = compareNumbers(a.numbers, b.numbers, count: max(a.numbers.count, b.numbers.count))
        if order != 0 { return order < 0 }
        switch (a.prerelease, b.prerelease) {
        case (nil, nil), (nil, _?): return false
        case (_?, nil): return true
        case (let x?, let y?): return comparePrerelease(x, y) < 0
        }
    }

    /// How this version stands against an approved prefix: `22` admits every 22.x.y, `1.26`
    /// admits 1.26.2 but not 1.27.0.
    public func standing(against approved: Version) -> Standing {
        let count = approved.numbers.count
        let order = Version.compareNumbers(numbers, approved.numbers, count: count)
        if order < 0 { return .behind }
        if order > 0 { return .ahead }
        // A pre-release of exactly the approved release is not yet that release.
        if prerelease != nil && approved.prerelease == nil && numbers.count <= count { return .behind }
        if let mine = prerelease, let theirs = approved.prerelease, numbers.count <= count {
            let p = Version.comparePrerelease(mine, theirs)
            return p < 0 ? .behind : p > 0 ? .ahead : .conforms
        }
        return .conforms
    }

    /// True when `self` lies within `prefix` (an exception's `15` covers `15.8`).
    public func isWithin(_ prefix: Version) -> Bool { standing(against: prefix) == .conforms }

    public enum Standing: String, Sendable { case behind, conforms, ahead }

    /// Compares the first `count` numeric parts, a missing part counting as 0.
    static func compareNumbers(_ a: [Int], _ b: [Int], count: Int) -> Int {
        for i in 0..<count {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// SemVer's rule: dot-separated identifiers, numeric ones numerically and below alphanumeric ones.
    static func comparePrerelease(_ a: String, _ b: String) -> Int {
        let x = a.split(separator: "."), y = b.split(separator: ".")
        for (p, q) in zip(x, y) where p != q {
            switch (Int(p), Int(q)) {
            case (let m?, let n?): return m < n ? -1 : 1
            case (_?, nil): return -1
            case (nil, _?): return 1
            case (nil, nil): return p < q ? -1 : 1
            }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }
}
