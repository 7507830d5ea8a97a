/// A mapping's pairs, read by key. A linear search: mappings hold a handful of keys, and
/// hashing every key of every file cost more than the search. The pairs are the mapping's own
/// (an unknown key was reported, and no known key equals it), not copied one by one.
struct Fields {
    var pairs: [YAMLPair] = []

    subscript(key: String) -> YAMLPair? {
        // Compares each key in place: `first(where:)` copied every pair it looked at. Keys of
        // another length are passed over first: `==` on two different strings took the slow
        // path of Unicode comparison, over a hundred instructions each.
        let length = key.utf8.count
        for index in pairs.indices {
            if case .scalar(let name, _) = pairs[index].key.kind, name.utf8.count == length, name == key { return pairs[index] }
        }
        return nil
    }
}

/// Reads typed values out of a YAML tree for one file, collecting every problem instead of
/// stopping at the first.
final class SchemaReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func error(_ node: YAMLNode, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(SourceLocation(file: file, line: node.line, column: node.column), message, hint: hint))
    }

    /// The pairs of a mapping by key, after reporting keys outside `keys` with a suggestion.
    /// Nil (and an error) when the node is not a mapping; nil without error when it is null.
    func mapping(_ node: YAMLNode, keys: [String], what: @autoclosure () -> String) -> Fields? {
        if node.isNull { return nil }
        guard case .mapping(let pairs) = node.kind else {
            error(node, "\(what()) must be a mapping of keys to values, found \(node.kindName)")
            return nil
        }
        for pair in pairs {
            let key = pair.key.scalar ?? ""
            if keys.contains(key) {
                continue
            } else if let suggestion = closestMatch(to: key, in: keys) {
                error(pair.key, "unknown key '\(key)' in \(what()) (did you mean '\(suggestion)'?)")
            } else {
                error(pair.key, "unknown key '\(key)' in \(what())",
                      hint: "known keys: \(keys.joined(separator: ", "))")
            }
        }
        return Fields(pairs: pairs)
    }

    /// Key/value pairs of a free-form mapping (component versions, links), in file order.
    func entries(_ node: YAMLNode, what: @autoclosure () -> String) -> [YAMLPair] {
        if node.isNull { return [] }
        guard case .mapping(let pairs) = node.kind else {
            error(node, "\(what()) must be a mapping of names to values, found \(node.kindName)")
            return []
        }
        return pairs
    }

    /// A list's items; a single mapping or value where a list belongs is an error.
    func list(_ node: YAMLNode, what: @autoclosure () -> String) -> [YAMLNode] {
        if node.isNull { return [] }
        guard case .sequence(let items) = node.kind else {
            error(node, "\(what()) must be a list (items starting with '- '), found \(node.kindName)")
            return []
        }
        return items
    }

    /// A non-empty text, located at its key.
    func string(_ pair: YAMLPair?, what: String? = nil) -> Located<String>? {
        guard let pair, !pair.value.isNull else { return nil }
        guard let text = pair.value.scalar else {
            error(pair.value, "'\(pair.key.scalar ?? "")' must be a single value, found \(pair.value.kindName)")
            return nil
        }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return nil }
        return Located(trimmed, line: pair.key.line, column: pair.key.column)
    }

    func text(_ pair: YAMLPair?) -> String? { string(pair)?.value }

    func day(_ pair: YAMLPair?) -> Located<Day>? {
        guard let text = string(pair), let pair else { return nil }
        guard let day = Day(text.value) else {
            let format = text.value.count == 10 && text.value.split(separator: "-").count == 3
            error(pair.value, format ? "'\(text.value)' is not a real date" : "'\(text.value)' is not a date",
                  hint: "write dates as YYYY-MM-DD, for example 2026-10-02")
            return nil
        }
        return Located(day, line: text.line, column: text.column)
    }

    func moment(_ pair: YAMLPair?) -> Moment? {
        guard let text = string(pair), let pair else { return nil }
        guard let moment = Moment(text.value) else {
            error(pair.value, "'\(text.value)' is not a date and time",
                  hint: "write times as YYYY-MM-DDTHH:MM, for example 2026-10-03T10:25")
            return nil
        }
        return moment
    }

    func bool(_ pair: YAMLPair?) -> Bool? {
        guard let text = string(pair), let pair else { return nil }
        switch text.value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(pair.value, "'\(pair.key.scalar ?? "")' must be true or false, found '\(text.value)'")
            return nil
        }
    }

    func int(_ pair: YAMLPair?, range: ClosedRange<Int>) -> Int? {
        guard let text = string(pair), let pair else { return nil }
        guard let value = Int(text.value), range.contains(value) else {
            error(pair.value, "'\(pair.key.scalar ?? "")' must be a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text.value)'")
            return nil
        }
        return value
    }

    func choice<T: RawRepresentable>(_ pair: YAMLPair?, _ type: T.Type, options: [String]) -> T? where T.RawValue == String {
        guard let text = string(pair), let pair else { return nil }
        if let value = T(rawValue: text.value) { return value }
        let suggestion = closestMatch(to: text.value, in: options).map { " (did you mean '\($0)'?)" } ?? ""
        error(pair.value, "'\(pair.key.scalar ?? "")' must be one of \(options.joined(separator: ", ")), found '\(text.value)'\(suggestion)")
        return nil
    }

    /// A list of short texts; a single text is taken as a list of one.
    func strings(_ pair: YAMLPair?) -> [String] {
        guard let pair, !pair.value.isNull else { return [] }
        if pair.value.scalar != nil { return string(pair).map { [$0.value] } ?? [] }
        return list(pair.value, what: "'\(pair.key.scalar ?? "")'").compactMap { item in
            guard let text = item.scalar else {
                error(item, "each item of '\(pair.key.scalar ?? "")' must be a single value, found \(item.kindName)")
                return nil
            }
            return text.trimmingSpaces
        }
    }

    /// `name: "version"` pairs; every version must be a non-empty single value.
    func components(_ pair: YAMLPair?) -> [ComponentVersion] {
        guard let pair else { return [] }
        return entries(pair.value, what: "'components'").compactMap { entry in
            guard let name = entry.key.scalar, let version = string(entry) else {
                if entry.value.isNull { error(entry.value, "component '\(entry.key.scalar ?? "")' has no version") }
                return nil
            }
            return ComponentVersion(name: name, version: version.value, line: entry.key.line, column: entry.key.column)
        }
    }

    /// An image reference, checked against the distribution grammar.
    func image(_ pair: YAMLPair?) -> ImageField? {
        guard let text = string(pair), let pair else { return nil }
        do {
            return ImageField(text.value, reference: try ImageReference(parsing: text.value), line: text.line, column: text.column)
        } catch {
            self.error(pair.value, "invalid image reference '\(text.value)': \(error.message)",
                       hint: "write [registry[:port]/]path[:tag][@sha256:<64 hex>]")
            return nil
        }
    }

    func digest(_ pair: YAMLPair?) -> Located<String>? {
        guard let text = string(pair), let pair else { return nil }
        do {
            try ImageReference.validateDigest(text.value)
            return text
        } catch {
            self.error(pair.value, "invalid digest: \(error.message)")
            return nil
        }
    }

    /// A URL that a page may link to: http(s) or mailto only, never `javascript:` and the like.
    func url(_ pair: YAMLPair?) -> Located<String>? {
        guard let text = string(pair), let pair else { return nil }
        let lowered = text.value.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") else {
            error(pair.value, "'\(text.value.prefix(40))' is not an http(s) or mailto link",
                  hint: "links must start with https://, http:// or mailto:")
            return nil
        }
        return text
    }
}
