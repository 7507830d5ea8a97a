import Foundation
import Inventory

/// endoflife.date's API v1 (https://endoflife.date/docs/api/v1/): a product's answer and the
/// list of products, read into Shortpath's model. Fields may be null or missing; a release may
/// carry only booleans where the dates are not known.
enum EOLAPIv1 {
    struct Problem: Error, Sendable {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// `<api>/v1/products/<product>/`
    static func productURL(_ api: URL, _ product: String) -> URL {
        api.appending(path: "v1/products/\(product)/")
    }

    /// `<api>/v1/products/`
    static func productsURL(_ api: URL) -> URL {
        api.appending(path: "v1/products/")
    }

    /// A product's answer: `result.name`, `label`, `aliases` and `releases[]`.
    static func product(_ data: Data, source: String, fetched: Day) throws(Problem) -> EOLProduct {
        guard let result = try result(data) as? [String: Any] else { throw Problem("'result' is not a product") }
        guard let name = result["name"] as? String else { throw Problem("the product has no 'name'") }
        guard isFileName(name) else { throw Problem("the product's name '\(name)' cannot name a file in content/eol/") }
        guard let releases = result["releases"] as? [Any] else { throw Problem("the product has no 'releases' list") }
        var cycles: [EOLCycle] = []
        for (index, element) in releases.enumerated() {
            cycles.append(try release(element, index: index))
        }
        return EOLProduct(product: name, file: "content/eol/\(name).json", label: result["label"] as? String,
                          aliases: (result["aliases"] as? [Any])?.compactMap { $0 as? String } ?? [], source: source,
                          fetched: Located(fetched, line: 0, column: 0), format: .stored, cycles: cycles)
    }

    /// One of `releases[]`: `name`, `releaseDate`, `isLts`/`ltsFrom`, `isEoas`/`eoasFrom`,
    /// `isEol`/`eolFrom`, `isMaintained`, `latest.name`/`latest.date`. A date wins over its
    /// boolean, so the rules judge by the day they are given rather than the day of the answer.
    static func release(_ element: Any, index: Int) throws(Problem) -> EOLCycle {
        guard let release = element as? [String: Any], let name = EOLParser.text(release["name"]) else {
            throw Problem("release \(index + 1) has no 'name'")
        }
        func flag(_ key: String) throws(Problem) -> Bool? {
            guard let value = release[key], !(value is NSNull) else { return nil }
            guard let flag = EOLParser.bool(value) else { throw Problem("release \(name): '\(key)' is not true or false") }
            return flag
        }
        func day(_ key: String, in object: [String: Any] = release) throws(Problem) -> Day? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let day = EOLParser.day(value) else { throw Problem("release \(name): '\(key)' is not a date (YYYY-MM-DD)") }
            return day
        }
        func date(_ dateKey: String, _ flagKey: String) throws(Problem) -> EOLCycle.Date? {
            if let day = try day(dateKey) { return .day(day) }
            return try flag(flagKey).map { $0 ? .yes : .no }
        }
        let maintained = try flag("isMaintained")
        let eol = try date("eolFrom", "isEol") ?? maintained.map { $0 ? .no : .yes } ?? .no
        var latestDate: Day?
        let latest = release["latest"] as? [String: Any]
        if let latest { latestDate = try day("date", in: latest) }
        let lts = try flag("isLts") == true
        let ltsFrom = try day("ltsFrom")
        return EOLCycle(cycle: name, releaseDate: try day("releaseDate"), eol: eol, support: try date("eoasFrom", "isEoas"),
                        latest: EOLParser.text(latest?["name"]), latestDate: latestDate, lts: lts || ltsFrom != nil)
    }

    /// The list of products: each one's name, aliases and label.
    static func catalog(_ data: Data) throws(Problem) -> EOLCatalog {
        guard let result = try result(data) as? [Any] else { throw Problem("'result' is not a list of products") }
        return EOLCatalog(products: result.compactMap { element in
            guard let product = element as? [String: Any], let name = product["name"] as? String else { return nil }
            return EOLCatalog.Entry(name: name, aliases: (product["aliases"] as? [Any])?.compactMap { $0 as? String } ?? [],
                                    label: product["label"] as? String)
        })
    }

    /// The `result` of an answer whose `schema_version` is 1.x.
    static func result(_ data: Data) throws(Problem) -> Any {
        do {
            try JSONNesting.check(data, file: "the answer")
        } catch {
            throw Problem(error.message)
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Problem("invalid JSON: \(EOLParser.describe(error))")
        }
        guard let answer = json as? [String: Any] else {
            throw Problem("the answer is not an API v1 document (an object with 'schema_version' and 'result')")
        }
        guard let version = answer["schema_version"] as? String else {
            throw Problem("the answer has no 'schema_version'; is --api the base of an endoflife.date API v1?")
        }
        guard version == "1" || version.hasPrefix("1.") else {
            throw Problem("the answer has schema_version \(version); this shortpath reads endoflife.date's API v1 (1.x)")
        }
        guard let result = answer["result"] else { throw Problem("the answer has no 'result'") }
        return result
    }

    /// Letters, digits, `-`, `_`, `.` and `+`, not starting with a dot: safe as a file name.
    static func isFileName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != ".", name.count <= 200 else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.+".unicodeScalars.contains($0)) }
    }
}
