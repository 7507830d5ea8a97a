/// A container image reference by the distribution grammar:
/// `[registry[:port]/]path[:tag][@sha256:hex]`. `nginx` means `docker.io/library/nginx:latest`.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    public var registry: String { didSet { repository = "\(registry)/\(path)" } }
    public var path: String { didSet { repository = "\(registry)/\(path)" } }
    /// The tag as written; nil when the reference names none (and so means `latest`).
    public var tag: String?
    /// `sha256:<64 lowercase hex>` when the reference pins one.
    public var digest: String?

    /// The repository with its registry: `docker.io/library/nginx`. Kept, not worked out on
    /// each use: the rules and the overview ask for it tens of times per service.
    public private(set) var repository: String
    /// The tag, `latest` when none was written.
    public var effectiveTag: String { tag ?? "latest" }
    /// No digest and no tag, or `latest`: what it runs can change under the same name.
    public var isMutable: Bool { digest == nil && effectiveTag == "latest" }

    /// The fully spelt-out form: `docker.io/library/nginx:latest@sha256:…`.
    public var description: String {
        var text = "\(repository):\(effectiveTag)"
        if let digest { text += "@\(digest)" }
        return text
    }

    /// `path:tag` without the registry, for a narrow table column.
    public var shortForm: String {
        var text = path.hasPrefix("library/") && registry == "docker.io" ? String(path.dropFirst(8)) : path
        text += ":\(effectiveTag)"
        return text
    }

    public init(registry: String, path: String, tag: String?, digest: String?) {
        self.registry = registry
        self.path = path
        self.tag = tag
        self.digest = digest
        repository = "\(registry)/\(path)"
    }

    /// Parses a reference; the error says what is wrong with it. Works on the string's UTF-8
    /// storage in place: it runs for every image of every service (and again in the rules).
    public init(parsing text: String) throws(ImageReferenceError) {
        var text = text
        self = try text.withUTF8 { bytes in Result { () throws(ImageReferenceError) in try Self(bytes: bytes) } }.get()
    }

    /// The grammar read on one buffer: the path and the repository are copied out of it in
    /// one piece each, not split into components and joined again.
    private init(bytes: UnsafeBufferPointer<UInt8>) throws(ImageReferenceError) {
        guard !bytes.isEmpty else { throw ImageReferenceError("an image reference is empty") }
        guard !bytes.contains(where: { $0 == Byte.space || $0 == Byte.tab }) else {
            throw ImageReferenceError("an image reference has no spaces")
        }
        var end = bytes.count
        if let at = bytes.firstIndex(of: Byte.at) {
            let digest = bytes[(at + 1)...]
            try Self.validateDigest(digest)
            self.digest = String(decoding: digest, as: UTF8.self)
            end = at
        } else {
            digest = nil
        }
        let firstSlash = bytes[..<end].firstIndex(of: Byte.slash)
        // The path starts after the registry, if the first of several components names one.
        var pathStart = 0
        var host: Slice<UnsafeBufferPointer<UInt8>>?
        if let firstSlash, Self.looksLikeRegistry(bytes[..<firstSlash]) {
            host = bytes[..<firstSlash]
            try Self.validateRegistry(bytes[..<firstSlash])
            pathStart = firstSlash + 1
        }
        // The tag is after a ':' in the last component only: a registry's port is not a tag.
        let lastStart = bytes[pathStart..<end].lastIndex(of: Byte.slash).map { $0 + 1 } ?? pathStart
        var pathEnd = end
        if let colon = bytes[lastStart..<end].firstIndex(of: Byte.colon) {
            let tag = bytes[(colon + 1)..<end]
            try Self.validateTag(tag)
            self.tag = String(decoding: tag, as: UTF8.self)
            pathEnd = colon
        } else {
            tag = nil
        }
        var componentStart = pathStart
        var slashes = 0
        for index in pathStart..<pathEnd where bytes[index] == Byte.slash {
            try Self.validatePathComponent(bytes[componentStart..<index])
            componentStart = index + 1
            slashes += 1
        }
        try Self.validatePathComponent(bytes[componentStart..<pathEnd])
        let written = String(decoding: bytes[pathStart..<pathEnd], as: UTF8.self)
        if let host, !host.elementsEqual("index.docker.io".utf8), !host.elementsEqual("docker.io".utf8) {
            registry = String(decoding: host, as: UTF8.self)
            path = written
            repository = String(decoding: bytes[..<pathEnd], as: UTF8.self)
        } else {
            registry = "docker.io"
            path = slashes == 0 ? "library/" + written : written
            repository = "docker.io/" + path
        }
    }

    /// Checks `sha256:` followed by 64 lowercase hex digits.
    public static func validateDigest(_ digest: String) throws(ImageReferenceError) {
        var digest = digest
        try digest.withUTF8 { bytes in Result { () throws(ImageReferenceError) in try validateDigest(bytes[...]) } }.get()
    }

    private static func validateDigest(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) throws(ImageReferenceError) {
        let hex = bytes.dropFirst(7)
        if bytes.starts(with: "sha256:".utf8), hex.count == 64, hex.allSatisfy({ Byte.isDigit($0) || (0x61...0x66).contains($0) }) {
            return
        }
        let digest = String(decoding: bytes, as: UTF8.self)
        guard digest.hasPrefix("sha256:") else {
            throw ImageReferenceError("a digest must start with 'sha256:', not '\(digest.prefix(20))'")
        }
        throw ImageReferenceError("a sha256 digest must be 64 lowercase hex digits, found \(hex.count) characters in '\(digest.prefix(20))…'")
    }

    private static func looksLikeRegistry(_ component: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        component.contains(Byte.dot) || component.contains(Byte.colon) || component.elementsEqual("localhost".utf8)
            || component.contains(where: Byte.isUpper)
    }

    private static func validateRegistry(_ host: Slice<UnsafeBufferPointer<UInt8>>) throws(ImageReferenceError) {
        let colon = host.firstIndex(of: Byte.colon)
        let name = host[..<(colon ?? host.endIndex)]
        guard let first = name.first, let last = name.last, first != Byte.dash, first != Byte.dot, last != Byte.dot,
              name.allSatisfy({ Byte.isLetter($0) || Byte.isDigit($0) || $0 == Byte.dot || $0 == Byte.dash }) else {
            throw ImageReferenceError("'\(String(decoding: host, as: UTF8.self))' is not a valid registry host")
        }
        if let colon {
            let port = host[(colon + 1)...]
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(Byte.isDigit),
                  let value = Int(String(decoding: port, as: UTF8.self)), (1...65535).contains(value) else {
                throw ImageReferenceError("'\(String(decoding: port, as: UTF8.self))' is not a valid registry port")
            }
        }
    }

    private static func validateTag(_ tag: Slice<UnsafeBufferPointer<UInt8>>) throws(ImageReferenceError) {
        guard let first = tag.first, Byte.isLetter(first) || Byte.isDigit(first) || first == Byte.underscore, tag.count <= 128,
              tag.allSatisfy({ Byte.isLetter($0) || Byte.isDigit($0) || $0 == Byte.underscore || $0 == Byte.dot || $0 == Byte.dash }) else {
            throw ImageReferenceError("'\(String(decoding: tag, as: UTF8.self))' is not a valid tag (letters, digits, '_', '.', '-'; at most 128)")
        }
    }

    /// `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
    private static func validatePathComponent(_ component: Slice<UnsafeBufferPointer<UInt8>>) throws(ImageReferenceError) {
        func alnum(_ b: UInt8) -> Bool { Byte.isLower(b) || Byte.isDigit(b) }
        var valid = !component.isEmpty && alnum(component.first!) && alnum(component.last!)
        var i = component.startIndex
        while valid && i < component.endIndex {
            if alnum(component[i]) { i += 1; continue }
            var j = i
            while j < component.endIndex && !alnum(component[j]) { j += 1 }
            let separator = component[i..<j]
            valid = separator.elementsEqual([Byte.dot]) || separator.elementsEqual([Byte.underscore])
                || separator.elementsEqual([Byte.underscore, Byte.underscore]) || separator.allSatisfy { $0 == Byte.dash }
            i = j
        }
        guard valid else {
            if component.isEmpty { throw ImageReferenceError("an image path has an empty part") }
            throw ImageReferenceError("'\(String(decoding: component, as: UTF8.self))' is not a valid repository name (lowercase letters, digits, and '.', '_', '-' between them)")
        }
    }
}

/// ASCII byte tests for parsers that work on UTF-8.
enum Byte {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), at = UInt8(ascii: "@"), colon = UInt8(ascii: ":")
    static let slash = UInt8(ascii: "/"), dot = UInt8(ascii: "."), dash = UInt8(ascii: "-"), underscore = UInt8(ascii: "_")

    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
    static func isLower(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) }
    static func isUpper(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) }
    static func isLetter(_ b: UInt8) -> Bool { isLower(b) || isUpper(b) }
}

public struct ImageReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
