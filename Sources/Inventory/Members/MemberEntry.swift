/// One team's published site, named under `members:` in an organisation site's `_index.md`.
public struct MemberEntry: Sendable, Hashable, SourcePositioned {
    /// Where the member's `inventory.json` and `findings.json` are read from.
    public enum Source: Sendable, Hashable {
        /// The base URL of the published site, ending in `/`.
        case url(String)
        /// A folder on disk, relative to the site's source folder unless absolute.
        case path(String)
    }

    public var name: String
    /// The member's name as a file name: lowercase letters, digits and '-' (its cache folder).
    public var slug: String
    public var source: Source
    /// The team label; the member's name when none is given.
    public var team: String
    public var line: Int
    public var column: Int

    public init(name: String, source: Source, team: String? = nil, line: Int = 1, column: Int = 1) {
        self.name = name
        slug = MemberEntry.slug(for: name)
        self.source = source
        self.team = team ?? name
        self.line = line
        self.column = column
    }

    /// The base URL links to the member's pages start with; nil for a folder on disk.
    public var baseURL: String? {
        if case .url(let url) = source { return url }
        return nil
    }

    /// `Platform Team` → `platform-team`; runs of other characters become one '-'.
    public static func slug(for name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }
}
