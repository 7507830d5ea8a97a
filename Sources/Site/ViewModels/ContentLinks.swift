/// Turns Markdown links between content files (`../standards.md`, `api.md#rollback`) into
/// links between the pages built from them, relative to the page that holds the link.
enum ContentLinks {
    /// A rewriter for links in `file` (such as `content/services/api.md`), rendered on `route`.
    static func rewriter(from file: String, on route: Route) -> (String) -> String? {
        let folder = file.split(separator: "/").dropLast().map(String.init)
        return { url in
            guard !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("#"), !url.contains("://"), !url.hasPrefix("mailto:") else { return nil }
            let (path, fragment) = split(url)
            guard path.hasSuffix(".md"), let target = resolve(path, from: folder), let page = page(for: target) else { return nil }
            return route.link(to: page) + fragment
        }
    }

    private static func split(_ url: String) -> (String, String) {
        guard let hash = url.firstIndex(of: "#") else { return (url, "") }
        return (String(url[..<hash]), String(url[hash...]))
    }

    /// `folder` + `path`, with `.` and `..` applied; nil when it climbs above the root.
    private static func resolve(_ path: String, from folder: [String]) -> [String]? {
        var parts = folder
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts
    }

    /// The page built from a content file.
    private static func page(for parts: [String]) -> Route? {
        switch parts {
        case ["content", "_index.md"]: return .index
        case ["content", "standards.md"]: return .standards
        case let p where p.count == 3 && p[0] == "content" && p[1] == "services": return .service(p[2].dropLast(3).lowercased())
        default: return nil
        }
    }
}
