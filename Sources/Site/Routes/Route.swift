import Analysis

/// Every page and data file the site has, and the only place their addresses are known:
/// the renderer writes each at `path`, serve reports it, content links and templates link to it.
public enum Route: Hashable, Sendable {
    /// The pages that show the whole site, in the order they are written (the findings page,
    /// the longest, first).
    public enum SitePage: CaseIterable, Sendable {
        case findings, index, standards, progress, review, notFound
    }

    /// The data files, in the order they are written.
    public enum DataFile: CaseIterable, Sendable {
        case findingsJSON, inventoryJSON, inventoryCSV, calendar
    }

    /// An organisation site's pages and data files, written only when it names members.
    public enum OrganisationFile: CaseIterable, Sendable {
        case members, components, search, json, csv
    }

    case site(SitePage)
    case data(DataFile)
    case organisation(OrganisationFile)
    case service(String)
    case rollback(String)
    /// Every finding of one rule, linked from the findings page's group of it.
    case rule(Rule)

    public static let index = Route.site(.index)
    public static let findings = Route.site(.findings)
    public static let standards = Route.site(.standards)
    public static let progress = Route.site(.progress)
    public static let review = Route.site(.review)
    public static let notFound = Route.site(.notFound)
    public static let findingsJSON = Route.data(.findingsJSON)
    public static let calendar = Route.data(.calendar)

    /// Everything that shows the whole site: what a change to any service rewrites. Each rule
    /// has its page, with or without findings, so the set of files does not change with them.
    public static let siteWide: [Route] = SitePage.allCases.map(Route.site) + Rule.allCases.map(Route.rule)
        + DataFile.allCases.map(Route.data)

    /// What an organisation site adds, in the order written.
    public static let organisationWide: [Route] = OrganisationFile.allCases.map(Route.organisation)

    /// One service's pages.
    public static func pages(of slug: String) -> [Route] { [.service(slug), .rollback(slug)] }

    /// The file under the output folder: `services/api/index.html`.
    public var path: String {
        switch self {
        case .site(.index): "index.html"
        case .site(.findings): "findings/index.html"
        case .site(.standards): "standards/index.html"
        case .site(.progress): "progress/index.html"
        case .site(.review): "review/index.html"
        case .site(.notFound): "404.html"
        case .data(.findingsJSON): "findings.json"
        case .data(.inventoryJSON): "inventory.json"
        case .data(.inventoryCSV): "inventory.csv"
        case .data(.calendar): "calendar.ics"
        case .organisation(.members): "organisation/index.html"
        case .organisation(.components): "organisation/components/index.html"
        case .organisation(.search): "organisation/search/index.html"
        case .organisation(.json): "organisation.json"
        case .organisation(.csv): "organisation.csv"
        // Joined rather than interpolated: the findings and inventory pages ask for thousands.
        case .service(let slug): Self.join("services/", slug, "/index.html")
        case .rollback(let slug): Self.join("services/", slug, "/rollback/index.html")
        case .rule(let rule): Self.join("findings/", rule.rawValue, "/index.html")
        }
    }

    /// `../` `up` times, then `head + name + tail`, copied once into a string of the exact size.
    private static func join(up: Int = 0, _ head: StaticString, _ name: String, _ tail: StaticString) -> String {
        var name = name
        return name.withUTF8 { middle in
            String(unsafeUninitializedCapacity: 3 * up + head.utf8CodeUnitCount + middle.count + tail.utf8CodeUnitCount) { path in
                var count = 0
                func copy(_ part: UnsafeBufferPointer<UInt8>) {
                    guard let start = part.baseAddress, let target = path.baseAddress else { return }
                    (target + count).initialize(from: start, count: part.count)
                    count += part.count
                }
                let parent: StaticString = "../"
                for _ in 0..<up { copy(UnsafeBufferPointer(start: parent.utf8Start, count: 3)) }
                copy(UnsafeBufferPointer(start: head.utf8Start, count: head.utf8CodeUnitCount))
                copy(middle)
                copy(UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
                return count
            }
        }
    }

    /// How many folders below the site root the file sits.
    public var depth: Int {
        switch self {
        // Slugs and rule names hold no '/'.
        case .service, .rule: 2
        case .rollback: 3
        case .site, .data, .organisation: path.utf8.count { $0 == UInt8(ascii: "/") }
        }
    }

    /// `../` once per folder: from this page back to the site root.
    public var root: String { String(repeating: "../", count: depth) }

    /// The shortest relative link from this page to `other`, so the site works under any path
    /// and from `file://`: `../index.html` from a rollback page to its service's page.
    /// Works on the paths' bytes: the findings page links every row, and splitting strings
    /// into folders cost a seventh of a build.
    public func link(to other: Route) -> String {
        // The common case, a service page linked from a page outside `services/` (the findings
        // and rule pages link every row): no folder shared, so up to the root and down again.
        if case .service(let slug) = other {
            switch self {
            case .service, .rollback: break
            case .site, .data, .organisation, .rule: return Self.join(up: depth, "services/", slug, "/index.html")
            }
        }
        return Self.relative(from: path, to: other.path)
    }

    /// The shortest relative link between two paths under the site root, worked out on bytes.
    static func relative(from: String, to: String) -> String {
        var from = from, to = to
        return from.withUTF8 { from in
            to.withUTF8 { to in
                let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
                // Just after the last folder the two paths share.
                var shared = 0, index = 0
                while index < from.count, index < to.count, from[index] == to[index] {
                    if from[index] == slash { shared = index + 1 }
                    index += 1
                }
                var up = 0
                for index in shared..<from.count where from[index] == slash { up += 1 }
                let rest = UnsafeBufferPointer(rebasing: to[shared...])
                return String(unsafeUninitializedCapacity: 3 * up + rest.count) { link in
                    var count = 0
                    for _ in 0..<up {
                        link[count] = dot
                        link[count + 1] = dot
                        link[count + 2] = slash
                        count += 3
                    }
                    _ = UnsafeMutableBufferPointer(rebasing: link[count...]).initialize(from: rest)
                    return count + rest.count
                }
            }
        }
    }
}
