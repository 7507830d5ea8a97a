import Foundation

/// Reads `content/eol/<product>.json`: Shortpath's stored format (`EOLStoredFormat`), or the
/// bare array of cycles that endoflife.date's API v0 served, which earlier versions of
/// `eol update` saved unchanged.
public enum EOLParser {
    public static func parse(_ data: Data, product: String, file: String) throws(Diagnostic) -> EOLProduct {
        let start = SourceLocation(file: file, line: 1, column: 1)
        try JSONNesting.check(data, file: file)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Diagnostic(ObservedParser.jsonErrorLocation(error, file: file), "invalid JSON: \(ObservedParser.jsonErrorMessage(error))")
        }
        let outline = JSONOutline(Array(data), file: file)
        if let items = json as? [Any] {
            return try v0(items, product: product, file: file, outline: outline)
        }
        guard let object = json as? [String: Any] else {
            throw Diagnostic(start, "end-of-life data must be an object with 'releases' (Shortpath's format) or an array of cycles (endoflife.date's API v0)",
                             hint: "run shortpath eol update to fetch it again")
        }
        return try stored(object, product: product, file: file, outline: outline)
    }

    // MARK: API v0

    /// The v0 array as endoflife.date served it: `cycle`, `eol` (date or boolean), `support`
    /// (end of active support as a date, or `true` while active support lasts), `lts` (boolean
    /// or the date LTS began), `releaseDate`, `latest`, `latestReleaseDate`.
    static func v0(_ items: [Any], product: String, file: String, outline: JSONOutline) throws(Diagnostic) -> EOLProduct {
        var cycles: [EOLCycle] = []
        for (index, element) in items.enumerated() {
            let at = outline.object(at: 1, index) ?? SourceLocation(file: file, line: 1, column: 1)
            guard let item = element as? [String: Any], let cycle = text(item["cycle"]), let eol = date(item["eol"]) else {
                throw Diagnostic(at, "cycle \(index + 1) needs 'cycle' and 'eol' (a date or true/false)")
            }
            // v0's `support: true` means active support goes on: its end has not come.
            let support = bool(item["support"]).map { $0 ? EOLCycle.Date.no : .yes } ?? date(item["support"])
            cycles.append(EOLCycle(cycle: cycle, releaseDate: day(item["releaseDate"]), eol: eol, support: support,
                                   latest: text(item["latest"]), latestDate: day(item["latestReleaseDate"]),
                                   lts: bool(item["lts"]) ?? (item["lts"] is String)))
        }
        return EOLProduct(product: product, file: file, format: .v0, cycles: cycles)
    }

    // MARK: Shortpath's format

    static func stored(_ object: [String: Any], product: String, file: String, outline: JSONOutline) throws(Diagnostic) -> EOLProduct {
        let start = SourceLocation(file: file, line: 1, column: 1)
        func at(_ key: EOLStoredFormat.Key) -> SourceLocation { outline.keys[key.rawValue] ?? start }
        try checkKeys(object, known: EOLStoredFormat.Key.allCases.map(\.rawValue), what: "end-of-life data") { outline.keys[$0] ?? start }
        guard let schema = int(object["schema"]) else {
            throw Diagnostic(at(.schema), "end-of-life data needs \"schema\": \(EOLStoredFormat.schema)",
                             hint: "run shortpath eol update to write the file again")
        }
        guard schema == EOLStoredFormat.schema else {
            throw Diagnostic(at(.schema), "end-of-life data of schema \(schema); this shortpath reads schema \(EOLStoredFormat.schema)",
                             hint: "update shortpath, or run shortpath eol update to write the file again")
        }
        if let named = object["product"], text(named) != product {
            throw Diagnostic(at(.product), "this file holds '\(text(named) ?? "\(named)")', but its name says '\(product)'",
                             hint: "name the file \(text(named) ?? "<product>").json, or run shortpath eol update")
        }
        let label = try optional(object["label"], at: at(.label), "'label' must be a text") { text($0) }
        let source = try optional(object["source"], at: at(.source), "'source' must be a text") { $0 as? String }
        let aliases = try optional(object["aliases"], at: at(.aliases), "'aliases' must be a list of texts") { value in
            (value as? [Any]).flatMap { list in list.allSatisfy { $0 is String } ? list.compactMap { $0 as? String } : nil }
        } ?? []
        let fetched = try optional(object["fetched"], at: at(.fetched), "'fetched' must be a date, YYYY-MM-DD") { day($0) }
        guard let releases = object["releases"] as? [Any] else {
            throw Diagnostic(at(.releases), "end-of-life data needs 'releases', a list of release cycles")
        }
        var cycles: [EOLCycle] = []
        for (index, element) in releases.enumerated() {
            cycles.append(try release(element, index: index, at: outline.object(at: 2, index) ?? at(.releases)))
        }
        let location = outline.keys[EOLStoredFormat.Key.fetched.rawValue] ?? start
        return EOLProduct(product: product, file: file, label: label, aliases: aliases, source: source,
                          fetched: fetched.map { Located($0, line: location.line, column: location.column) }, format: .stored, cycles: cycles)
    }

    static func release(_ element: Any, index: Int, at location: SourceLocation) throws(Diagnostic) -> EOLCycle {
        let what = "release \(index + 1)"
        guard let item = element as? [String: Any] else {
            throw Diagnostic(location, "\(what) must be an object with 'cycle' and 'eol'")
        }
        try checkKeys(item, known: EOLStoredFormat.ReleaseKey.allCases.map(\.rawValue), what: what) { _ in location }
        func value(_ key: EOLStoredFormat.ReleaseKey) -> Any? { item[key.rawValue] }
        guard let cycle = text(value(.cycle)) else { throw Diagnostic(location, "\(what) needs 'cycle', the release cycle's name") }
        let named = "\(what) (\(cycle))"
        guard let eol = date(value(.eol)) else { throw Diagnostic(location, "\(named) needs 'eol': a date, true or false") }
        let support = try optional(value(.supportEnds), at: location, "\(named): 'support_ends' must be a date, true or false") { date($0) }
        let releaseDate = try optional(value(.releaseDate), at: location, "\(named): 'release_date' must be a date, YYYY-MM-DD") { day($0) }
        let latest = try optional(value(.latest), at: location, "\(named): 'latest' must be a version") { text($0) }
        let latestDate = try optional(value(.latestDate), at: location, "\(named): 'latest_date' must be a date, YYYY-MM-DD") { day($0) }
        let lts = try optional(value(.lts), at: location, "\(named): 'lts' must be true or false") { bool($0) } ?? false
        return EOLCycle(cycle: cycle, releaseDate: releaseDate, eol: eol, support: support, latest: latest, latestDate: latestDate, lts: lts)
    }

    // MARK: Values

    /// Keys outside `known` are errors, with the closest known key as a suggestion.
    static func checkKeys(_ object: [String: Any], known: [String], what: String,
                          at location: (String) -> SourceLocation) throws(Diagnostic) {
        for key in object.keys.sorted() where !known.contains(key) {
            let suggestion = closestMatch(to: key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw Diagnostic(location(key), "unknown key '\(key)' in \(what)\(suggestion)", hint: "known keys: \(known.joined(separator: ", "))")
        }
    }

    /// A value that may be absent or null; present, it must convert.
    static func optional<T>(_ value: Any?, at location: SourceLocation, _ message: String,
                            _ convert: (Any) -> T?) throws(Diagnostic) -> T? {
        guard let value, !(value is NSNull) else { return nil }
        guard let converted = convert(value) else { throw Diagnostic(location, message) }
        return converted
    }

    /// A text, or a number written without quotes (`"cycle": 3.12`).
    public static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let number = value as? NSNumber, bool(value) == nil { return number.stringValue }
        return nil
    }

    /// JSON's `true` or `false`. Foundation hands numbers over as NSNumber too, and on Linux
    /// `1 as? Bool` succeeds, so booleans are told by their type code.
    public static func bool(_ value: Any?) -> Bool? {
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else { return nil }
        return number.boolValue
    }

    /// A whole number, not a boolean.
    static func int(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, bool(value) == nil, let whole = Int(exactly: number.doubleValue) else { return nil }
        return whole
    }

    /// A date, or whether the moment has come.
    public static func date(_ value: Any?) -> EOLCycle.Date? {
        if let flag = bool(value) { return flag ? .yes : .no }
        return day(value).map { .day($0) }
    }

    /// Foundation's account of a JSON error, without its final full stop.
    public static func describe(_ error: Error) -> String { ObservedParser.jsonErrorMessage(error) }

    public static func day(_ value: Any?) -> Day? {
        (value as? String).flatMap { Day($0) }
    }
}
