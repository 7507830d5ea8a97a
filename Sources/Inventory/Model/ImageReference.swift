/// A container image reference by the distribution grammar:
/// `[registry[:port]/]path[:tag][@sha256:hex]`. `nginx` means `docker.io/library/nginx:latest`.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    public var registry: String
    public var path: String
    /// The tag as written; nil when the reference names none (and so means `latest`).
    public var tag: String?
    /// `sha256:<64 lowercase hex>` when the reference pins one.
    public var digest: String?

    /// The repository with its registry: `docker.io/library/nginx`.
    public var repository: String { "\(registry)/\(path)" }
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
    }

    /// Parses a reference; the error says what is wrong with it.
    public init(parsing text: String) throws(ImageReferenceError) {
        var rest = Substring(text)
        guard !rest.isEmpty else { throw ImageReferenceError("an image reference is empty") }
        guard !rest.contains(where: { $0 == " " || $0 == "\t" }) else {
            throw ImageReferenceError("an image reference has no spaces")
        }
        if let at = rest.firstIndex(of: "@") {
            let digest = String(rest[rest.index(after: at)...])
            try Self.validateDigest(digest)
            self.digest = digest
            rest = rest[..<at]
        } else {
            digest = nil
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false)
        if components.count > 1, Self.looksLikeRegistry(components[0]) {
            let host = components.removeFirst()
            try Self.validateRegistry(host)
            registry = host == "index.docker.io" ? "docker.io" : String(host)
        } else {
            registry = "docker.io"
        }
        // The tag is after a ':' in the last component only: a registry's port is not a tag.
        var last = components.removeLast()
        if let colon = last.firstIndex(of: ":") {
            let tag = last[last.index(after: colon)...]
            try Self.validateTag(tag)
            self.tag = String(tag)
            last = last[..<colon]
        } else {
            tag = nil
        }
        components.append(last)
        for component in components { try Self.validatePathComponent(component) }
        if registry == "docker.io" && components.count == 1 { components.insert("library", at: 0) }
        path = components.joined(separator: "/")
    }

    /// Checks `sha256:` followed by 64 lowercase hex digits.
    public static func validateDigest(_ digest: String) throws(ImageReferenceError) {
        guard digest.hasPrefix("sha256:") else {
            throw ImageReferenceError("a digest must start with 'sha256:', not '\(digest.prefix(20))'")
        }
        let hex = digest.utf8.dropFirst(7)
        guard hex.count == 64, hex.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw ImageReferenceError("a sha256 digest must be 64 lowercase hex digits, found \(hex.count) characters in '\(digest.prefix(20))…'")
        }
    }

    private static func looksLikeRegistry(_ component: Substring) -> Bool {
        component.contains(".") || component.contains(":") || component == "localhost"
            || component.contains(where: \.isUppercase)
    }

    private static func validateRegistry(_ host: Substring) throws(ImageReferenceError) {
        let parts = host.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, !name.isEmpty,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }),
              !name.hasPrefix("-"), !name.hasPrefix("."), !name.hasSuffix(".") else {
            throw ImageReferenceError("'\(host)' is not a valid registry host")
        }
        if parts.count == 2 {
            guard let port = Int(parts[1]), (1...65535).contains(port), parts[1].allSatisfy(\.isNumber) else {
                throw ImageReferenceError("'\(parts[1])' is not a valid registry port")
            }
        }
    }

    private static func validateTag(_ tag: Substring) throws(ImageReferenceError) {
        guard let first = tag.first, first.isASCII, first.isLetter || first.isNumber || first == "_",
              tag.count <= 128,
              tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }) else {
            throw ImageReferenceError("'\(tag)' is not a valid tag (letters, digits, '_', '.', '-'; at most 128)")
        }
    }

    /// `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
    private static func validatePathComponent(_ component: Substring) throws(ImageReferenceError) {
        let bytes = Array(component.utf8)
        func alnum(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) }
        var valid = !bytes.isEmpty && alnum(bytes.first!) && alnum(bytes.last!)
        var i = 0
        while valid && i < bytes.count {
            if alnum(bytes[i]) { i += 1; continue }
            var j = i
            while j < bytes.count && !alnum(bytes[j]) { j += 1 }
            let separator = bytes[i..<j]
            valid = separator.elementsEqual([0x2E]) || separator.elementsEqual([0x5F])
                || separator.elementsEqual([0x5F, 0x5F]) || separator.allSatisfy { $0 == 0x2D }
            i = j
        }
        guard valid else {
            if component.isEmpty { throw ImageReferenceError("an image path has an empty part") }
            throw ImageReferenceError("'\(component)' is not a valid repository name (lowercase letters, digits, and '.', '_', '-' between them)")
        }
    }
}

public struct ImageReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
