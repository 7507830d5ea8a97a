enum SettingsSchema {
    static let keys = ["title", "base_url", "theme", "policy", "history", "members"]
    static let policyKeys = ["stale_image_days", "rollback_test_days", "eol_warning_days", "eol_stale_days", "exception_max_days",
                             "data_components", "severity", "path_weights", "member_stale_days"]

    static func decode(_ root: YAMLNode?, file: String, body: String, reader r: SchemaReader) -> SiteSettings {
        var settings = SiteSettings(file: file, intro: body)
        guard let root, let fields = r.mapping(root, keys: keys, what: "the site settings") else { return settings }
        if let title = r.text(fields["title"]) { settings.title = title }
        settings.baseURL = r.url(fields["base_url"])?.value
        if let theme = r.string(fields["theme"]) {
            if theme.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                settings.theme = theme.value
            } else {
                r.error(fields["theme"]!.value, "a theme name may hold only letters, digits, '-' and '_', found '\(theme.value)'")
            }
        }
        if let pair = fields["history"] { settings.historyDays = historyDays(pair, reader: r) }
        if let pair = fields["members"] { settings.members = MembersSchema.decode(pair, reader: r) }
        if let pair = fields["policy"], let policy = r.mapping(pair.value, keys: policyKeys, what: "'policy'") {
            let days = 0...36500
            if let v = r.int(policy["stale_image_days"], range: days) { settings.policy.staleImageDays = v }
            if let v = r.int(policy["rollback_test_days"], range: days) { settings.policy.rollbackTestDays = v }
            if let v = r.int(policy["eol_warning_days"], range: days) { settings.policy.eolWarningDays = v }
            if let v = r.int(policy["eol_stale_days"], range: days) { settings.policy.eolStaleDays = v }
            if let v = r.int(policy["exception_max_days"], range: days) { settings.policy.exceptionMaxDays = v }
            if let v = r.int(policy["member_stale_days"], range: days) { settings.policy.memberStaleDays = v }
            if let pair = policy["data_components"] { settings.policy.dataComponents = r.strings(pair) }
            if let pair = policy["path_weights"] { settings.policy.pathWeights = pathWeights(pair, reader: r) }
            if let severity = policy["severity"] {
                for entry in r.entries(severity.value, what: "'severity'") {
                    guard let rule = entry.key.scalar, let level = r.string(entry) else { continue }
                    guard ["error", "warning", "info", "off"].contains(level.value) else {
                        r.error(entry.value, "severity of '\(rule)' must be error, warning, info or off, found '\(level.value)'")
                        continue
                    }
                    settings.policy.severity[rule] = level
                }
            }
        }
        return settings
    }

    /// `history: false` (off), `true` (the default reach) or a number of days from 1 to 36500.
    static func historyDays(_ pair: YAMLPair, reader r: SchemaReader) -> Int? {
        guard let text = r.string(pair) else { return SiteSettings.defaultHistoryDays }
        switch text.value.lowercased() {
        case "false", "no", "off": return nil
        case "true", "yes", "on": return SiteSettings.defaultHistoryDays
        default:
            if let days = Int(text.value), (1...36500).contains(days) { return days }
            r.error(pair.value, "'history' must be a number of days from 1 to 36500, or false, found '\(text.value)'",
                    hint: "write history: 365 for a year of history from git, or history: false to turn it off")
            return SiteSettings.defaultHistoryDays
        }
    }

    /// `factor: weight` pairs; an unknown factor or a weight that is not a whole number from 0
    /// to `PathWeights.maximum` is an error at its line.
    static func pathWeights(_ pair: YAMLPair, reader r: SchemaReader) -> PathWeights {
        var weights = PathWeights()
        guard let fields = r.mapping(pair.value, keys: PathFactor.allCases.map(\.rawValue), what: "'path_weights'") else { return weights }
        for entry in fields.pairs {
            guard let factor = entry.key.scalar.flatMap(PathFactor.init), let weight = r.int(entry, range: 0...PathWeights.maximum) else { continue }
            weights.overrides[factor] = Located(weight, line: entry.key.line, column: entry.key.column)
        }
        return weights
    }
}

enum StandardsSchema {
    static let keys = ["review", "owner", "components", "images", "eol_products"]

    static func decode(_ root: YAMLNode?, file: String, body: String, reader r: SchemaReader) -> Standards {
        var standards = Standards(file: file, body: body)
        guard let root, let fields = r.mapping(root, keys: keys, what: "the standards") else { return standards }
        standards.review = r.day(fields["review"])
        standards.owner = r.text(fields["owner"])
        standards.components = r.components(fields["components"])
        if let pair = fields["images"] {
            standards.images = r.entries(pair.value, what: "'images'").compactMap { entry in
                r.image(entry).map { Located(NamedImage(name: entry.key.scalar ?? "", reference: $0.value), line: $0.line, column: $0.column) }
            }
        }
        if let pair = fields["eol_products"] {
            for entry in r.entries(pair.value, what: "'eol_products'") {
                if let name = entry.key.scalar, let product = r.text(entry) { standards.eolProducts[name] = product }
            }
        }
        return standards
    }
}
